import { DataTable, List, ReferenceField, SelectInput, TextField, useTranslate } from 'react-admin';
import { MoneyField } from '../format/fields';

export const APPLICATION_STATUSES = ['submitted', 'complete', 'returned', 'approved', 'rejected'];

/** Funding applications; the board's queue is "complete" (reviewed, waiting for decisions). */
export function ApplicationList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={APPLICATION_STATUSES.map((id) => ({ id, name: `dw.applications.status.${id}` }))}
    />,
  ];
  return (
    <List filters={filters} exporter={false} perPage={50}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" disableSort />
        <DataTable.Col source="initiativeId" disableSort>
          <ReferenceField source="initiativeId" reference="initiatives" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="requestedCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col
          source="status"
          disableSort
          render={(a: { status: string }) => translate(`dw.applications.status.${a.status}`)}
        />
      </DataTable>
    </List>
  );
}
