import { Button } from '@mui/material';
import { DataTable, List, useBasename, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';

function FundLink({ id }: { id: string }) {
  const translate = useTranslate();
  const basename = useBasename();
  return (
    <Button component={Link} to={`${basename}/initiatives/${id}/fund`} size="small">
      {translate('dw.fund.title')}
    </Button>
  );
}

/** The initiatives under the umbrella (for initiative users: only their own). */
export function InitiativeList() {
  return (
    <List exporter={false} perPage={50}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="costCentre" disableSort />
        <DataTable.Col source="status" disableSort />
        <DataTable.Col
          label="dw.fund.title"
          render={(i: { id: string }) => <FundLink id={i.id} />}
        />
      </DataTable>
    </List>
  );
}
