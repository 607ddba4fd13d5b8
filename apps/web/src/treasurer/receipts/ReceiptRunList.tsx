import { DataTable, List, useTranslate } from 'react-admin';

interface Run {
  status: string;
  kind: string;
  total: number;
  done: number;
  failed: number;
}

/** Annual receipt runs, newest first, with how far each got. */
export function ReceiptRunList() {
  const translate = useTranslate();
  return (
    <List exporter={false} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="year" disableSort />
        <DataTable.Col
          source="kind"
          disableSort
          render={(r: Run) => translate(`dw.receipts.run_kind.${r.kind}`)}
        />
        <DataTable.Col
          source="status"
          disableSort
          render={(r: Run) => translate(`dw.receipts.run_status.${r.status}`)}
        />
        <DataTable.Col
          label="dw.common.progress"
          render={(r: Run) => `${r.done + r.failed} / ${r.total}`}
        />
        <DataTable.Col source="failed" disableSort align="right" />
      </DataTable>
    </List>
  );
}
