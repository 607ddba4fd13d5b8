import { BooleanInput, Create, SelectInput, SimpleForm, TextInput, required } from 'react-admin';
import { AmountInput, DayInput } from '../../format/inputs';
import { choices, INTERVALS, MEMBER_FORMS } from './tierChoices';

export function TierCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ interval: 'yearly', proRata: true, feesDeductible: false }}>
        <TextInput source="code" validate={required()} />
        <TextInput source="name" validate={required()} />
        <SelectInput
          source="memberForm"
          choices={choices(MEMBER_FORMS, 'dw.tiers.form')}
          validate={required()}
        />
        <SelectInput
          source="interval"
          choices={choices(INTERVALS, 'dw.tiers.interval')}
          validate={required()}
        />
        <DayInput source="validFrom" validate={required()} />
        <AmountInput source="amountCents" validate={required()} />
        <AmountInput source="reducedAmountCents" />
        <AmountInput source="admissionFeeCents" />
        <BooleanInput source="proRata" />
        <BooleanInput source="feesDeductible" />
      </SimpleForm>
    </Create>
  );
}
