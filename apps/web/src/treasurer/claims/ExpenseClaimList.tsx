import {
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { MoneyField } from '../../format/fields';

export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'in_payout', 'paid'];

/** Claims and invoices of the initiatives; the treasurer's queue is "submitted". */
export function ExpenseClaimList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={CLAIM_STATUSES.map((id) => ({ id, name: `dw.claims.status.${id}` }))}
    />,
    <ReferenceInput key="initiativeId" source="initiativeId" reference="initiatives">
      <SelectInput optionText="name" />
    </ReferenceInput>,
  ];
  return (
    <List filters={filters} exporter={false} perPage={50}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="initiativeId" disableSort>
          <ReferenceField source="initiativeId" reference="initiatives" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="description" disableSort />
        <DataTable.Col source="payeeName" disableSort />
        <DataTable.Col source="amountCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col
          source="status"
          disableSort
          render={(c: { status: string }) => translate(`dw.claims.status.${c.status}`)}
        />
      </DataTable>
    </List>
  );
}
