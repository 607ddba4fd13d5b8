import { BooleanField, DataTable, List, useTranslate } from 'react-admin';

export function AccountList() {
  const translate = useTranslate();
  return (
    <List perPage={100} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="number" disableSort />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col
          source="type"
          disableSort
          render={(a: { type: string }) => translate(`dw.accounts.type.${a.type}`)}
        />
        <DataTable.Col source="isActive" disableSort field={BooleanField} />
      </DataTable>
    </List>
  );
}
