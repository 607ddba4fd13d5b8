import { DataTable, List } from 'react-admin';
import { DayField, MoneyField } from '../../format/fields';

export function FeeRunList() {
  return (
    <List exporter={false} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="periodStart" disableSort field={DayField} />
        <DataTable.Col source="periodEnd" disableSort field={DayField} />
        <DataTable.Col source="collectionDate" disableSort field={DayField} />
        <DataTable.Col source="receivableCount" disableSort align="right" />
        <DataTable.Col source="totalCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col source="debitCount" disableSort align="right" />
        <DataTable.Col source="debitTotalCents" disableSort field={MoneyField} align="right" />
      </DataTable>
    </List>
  );
}
