import {
  ArrayInput,
  Create,
  DataTable,
  List,
  RadioButtonGroupInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  required,
  useTranslate,
} from 'react-admin';
import { DayField } from '../format/fields';
import { DayInput } from '../format/inputs';

const KINDS = ['freistellungsbescheid', 'feststellung_60a'];

/** Notices of tax exemption: receipts may be issued only while one carries. */
export function ExemptionNoticeList() {
  const translate = useTranslate();
  return (
    <List exporter={false} perPage={50}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col
          source="kind"
          disableSort
          render={(n: { kind: string }) => translate(`dw.admin.exemption.${n.kind}`)}
        />
        <DataTable.Col source="issuedOn" disableSort field={DayField} />
        <DataTable.Col source="taxOffice" disableSort />
        <DataTable.Col source="taxNumber" disableSort />
        <DataTable.Col source="periodFrom" disableSort field={DayField} />
        <DataTable.Col source="periodTo" disableSort field={DayField} />
      </DataTable>
    </List>
  );
}

export function ExemptionNoticeCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ kind: 'freistellungsbescheid', purposes: [''] }}>
        <RadioButtonGroupInput
          source="kind"
          choices={KINDS.map((id) => ({ id, name: `dw.admin.exemption.${id}` }))}
        />
        <DayInput source="issuedOn" validate={required()} />
        <TextInput source="taxOffice" validate={[required(), maxLength(200)]} fullWidth />
        <TextInput source="taxNumber" validate={maxLength(50)} />
        <DayInput source="periodFrom" />
        <DayInput source="periodTo" />
        <ArrayInput source="purposes">
          <SimpleFormIterator disableReordering>
            <TextInput source="" label="dw.admin.purpose" validate={maxLength(300)} fullWidth />
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Create>
  );
}
