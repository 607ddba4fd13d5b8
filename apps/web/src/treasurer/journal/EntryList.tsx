import { DataTable, List, TextInput } from 'react-admin';
import { DayField, MoneyField } from '../../format/fields';
import { DayInput } from '../../format/inputs';

const filters = [
  <DayInput key="from" source="from" alwaysOn />,
  <DayInput key="to" source="to" alwaysOn />,
  <TextInput key="source" source="source" />,
];

export function EntryList() {
  return (
    <List filters={filters} perPage={50} sort={{ field: 'entryNumber', order: 'DESC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="entryNumber" disableSort />
        <DataTable.Col source="bookedOn" disableSort field={DayField} />
        <DataTable.Col source="documentNo" disableSort />
        <DataTable.Col source="text" disableSort />
        <DataTable.Col source="totalCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col source="source" disableSort />
      </DataTable>
    </List>
  );
}
