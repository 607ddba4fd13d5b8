import { Alert, Box, LinearProgress } from '@mui/material';
import {
  DataTable,
  Labeled,
  NumberField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { DownloadButton } from '../../components/Download';
import { DayField, MoneyField } from '../../format/fields';

interface FeeRun {
  id: string;
  debitCount: number;
  noticesReady: boolean;
  sepaMessageId: string | null;
}

function Files() {
  const translate = useTranslate();
  const record = useRecordContext<FeeRun>();
  const { permissions } = usePermissions<Permissions>();
  if (!record) return null;
  const treasurer = permissions?.roles.includes('treasurer');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, alignItems: 'flex-start' }}>
      {treasurer && record.debitCount > 0 && (
        <DownloadButton
          path={`fee-runs/${record.id}/sepa-file`}
          label={translate('dw.fee_runs.sepa_file')}
          variant="contained"
        />
      )}
      {record.noticesReady ? (
        <DownloadButton
          path={`fee-runs/${record.id}/pre-notifications.pdf`}
          label={translate('dw.fee_runs.notices_pdf')}
        />
      ) : (
        <Alert severity="info" sx={{ width: '100%' }}>
          {translate('dw.fee_runs.notices_rendering')}
          <LinearProgress sx={{ mt: 1 }} aria-label={translate('dw.fee_runs.notices_rendering')} />
        </Alert>
      )}
    </Box>
  );
}

/** The run's figures, its files, and its receivables; polls until the letters are rendered. */
export function FeeRunShow() {
  const translate = useTranslate();
  return (
    <Show
      queryOptions={{
        refetchInterval: (q) =>
          (q.state.data as { noticesReady?: boolean } | undefined)?.noticesReady ? false : 2000,
      }}
    >
      <SimpleShowLayout>
        <DayField source="periodStart" />
        <DayField source="periodEnd" />
        <DayField source="collectionDate" />
        <NumberField source="receivableCount" />
        <MoneyField source="totalCents" />
        <NumberField source="debitCount" />
        <MoneyField source="debitTotalCents" />
        <TextField source="sepaMessageId" emptyText="–" />
        <Labeled label="dw.fee_runs.files">
          <Files />
        </Labeled>
        <ReferenceManyField
          reference="receivables"
          target="feeRunId"
          label="resources.receivables.name"
          perPage={200}
        >
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="memberNo" disableSort />
            <DataTable.Col source="memberName" disableSort />
            <DataTable.Col source="description" disableSort />
            <DataTable.Col source="amountCents" disableSort field={MoneyField} align="right" />
            <DataTable.Col
              source="status"
              disableSort
              render={(r: { status: string }) => translate(`dw.receivables.status.${r.status}`)}
            />
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
