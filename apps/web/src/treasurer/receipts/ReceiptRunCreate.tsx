import { Create, NumberInput, RadioButtonGroupInput, SimpleForm, required } from 'react-admin';

/** Starts the annual run: one Sammelbestätigung per donor, or one receipt per donation. */
export function ReceiptRunCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ year: new Date().getFullYear() - 1, kind: 'collective' }}>
        <NumberInput source="year" min={2000} max={2999} validate={required()} />
        <RadioButtonGroupInput
          source="kind"
          choices={['collective', 'single'].map((id) => ({
            id,
            name: `dw.receipts.run_kind.${id}`,
          }))}
        />
      </SimpleForm>
    </Create>
  );
}
