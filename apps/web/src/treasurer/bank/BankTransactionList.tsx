import { DataTable, List, SelectInput, useTranslate } from 'react-admin';
import { DayField, MoneyField } from '../../format/fields';

const STATUSES = ['unmatched', 'matched', 'ignored'];

/** The work queue: transactions matching could not place, oldest first. */
export function BankTransactionList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={STATUSES.map((id) => ({ id, name: `dw.bank.status.${id}` }))}
    />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'unmatched' }}
      exporter={false}
      perPage={50}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="bookedOn" disableSort field={DayField} />
        <DataTable.Col source="counterpartyName" disableSort />
        <DataTable.Col source="counterpartyIban" disableSort />
        <DataTable.Col source="remittance" disableSort />
        <DataTable.Col source="amountCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col
          source="status"
          disableSort
          render={(t: { status: string }) => translate(`dw.bank.status.${t.status}`)}
        />
      </DataTable>
    </List>
  );
}
