import {
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  List,
  NumberInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
} from 'react-admin';
import { IbanInput } from '../format/inputs';

/** The organisation's bank accounts and the ledger account each is booked on. */
export function BankAccountList() {
  return (
    <List exporter={false} perPage={50}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="label" disableSort />
        <DataTable.Col source="iban" disableSort />
        <DataTable.Col source="bic" disableSort />
        <DataTable.Col source="ledgerAccount" disableSort />
        <DataTable.Col source="isDefault" disableSort field={BooleanField} />
      </DataTable>
    </List>
  );
}

export function BankAccountCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ ledgerAccount: 18000, isDefault: false }}>
        <TextInput source="label" validate={[required(), maxLength(100)]} fullWidth />
        <IbanInput source="iban" validate={required()} fullWidth />
        <TextInput source="bic" />
        <NumberInput source="ledgerAccount" min={16000} max={18999} />
        <BooleanInput source="isDefault" />
      </SimpleForm>
    </Create>
  );
}
