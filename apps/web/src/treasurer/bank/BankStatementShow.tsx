import {
  DataTable,
  NumberField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { DayField, MoneyField } from '../../format/fields';

/** A statement, the books-vs-bank check, and its transactions with their match. */
export function BankStatementShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="iban" />
        <DayField source="fromOn" />
        <DayField source="toOn" />
        <MoneyField source="openingBalanceCents" />
        <MoneyField source="closingBalanceCents" />
        <MoneyField source="booksBalanceCents" />
        <MoneyField source="differenceCents" />
        <NumberField source="unmatchedCount" />
        <ReferenceManyField
          reference="bank-transactions"
          target="statementId"
          label="resources.bank-transactions.name"
          perPage={100}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="bookedOn" disableSort field={DayField} />
            <DataTable.Col source="counterpartyName" disableSort />
            <DataTable.Col source="remittance" disableSort />
            <DataTable.Col source="amountCents" disableSort field={MoneyField} align="right" />
            <DataTable.Col
              source="status"
              disableSort
              render={(t: { status: string; matchedAs: string | null }) =>
                translate(`dw.bank.status.${t.status}`) + (t.matchedAs ? ` (${t.matchedAs})` : '')
              }
            />
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
