import { CreateButton, DataTable, List, TopToolbar } from 'react-admin';
import { DayField } from '../../format/fields';

export function BankStatementList() {
  return (
    <List
      exporter={false}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateButton label="dw.bank.upload" />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="fromOn" disableSort field={DayField} />
        <DataTable.Col source="toOn" disableSort field={DayField} />
        <DataTable.Col source="iban" disableSort />
        <DataTable.Col source="transactionCount" disableSort align="right" />
        <DataTable.Col source="matchedCount" disableSort align="right" />
        <DataTable.Col source="unmatchedCount" disableSort align="right" />
        <DataTable.Col source="filename" disableSort />
      </DataTable>
    </List>
  );
}
