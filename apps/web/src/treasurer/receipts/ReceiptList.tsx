import { Box } from '@mui/material';
import {
  CreateButton,
  DataTable,
  List,
  NumberInput,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { DownloadButton } from '../../components/Download';
import { DayField, MoneyField } from '../../format/fields';
import { receiptStatus, type ReceiptLike } from './receiptStatus';

const filters = [<NumberInput key="year" source="year" alwaysOn min={2000} max={2999} />];

function Actions() {
  const translate = useTranslate();
  const year = (useListContext().filterValues as { year?: number }).year;
  return (
    <TopToolbar>
      <CreateButton resource="receipt-runs" label="dw.receipts.new_run" />
      <DownloadButton
        path="receipts/register.csv"
        query={year ? { year } : undefined}
        label={translate('dw.receipts.register')}
      />
    </TopToolbar>
  );
}

/** Every receipt issued (Zuwendungsbestätigungen), by year, with its state. */
export function ReceiptList() {
  const translate = useTranslate();
  return (
    <Box>
      <List filters={filters} actions={<Actions />} exporter={false} perPage={50}>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="number" disableSort />
          <DataTable.Col source="issuedOn" disableSort field={DayField} />
          <DataTable.Col
            source="kind"
            disableSort
            render={(r: { kind: string }) => translate(`dw.receipts.kind.${r.kind}`)}
          />
          <DataTable.Col source="totalCents" disableSort field={MoneyField} align="right" />
          <DataTable.Col
            source="status"
            disableSort
            render={(r: ReceiptLike) => translate(`dw.receipts.status.${receiptStatus(r)}`)}
          />
        </DataTable>
      </List>
    </Box>
  );
}
