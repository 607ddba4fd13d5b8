import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import {
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DownloadButton } from '../../components/Download';
import { SimpleTable } from '../../components/SimpleTable';

interface Run {
  id: string;
  year: number;
  status: 'running' | 'finished';
  total: number;
  done: number;
  failed: number;
  failures: { donorId: string; code: string; message: string }[];
}

/** Live progress while the worker issues; a notification when it is done; then the files. */
function Progress() {
  const translate = useTranslate();
  const notify = useNotify();
  const run = useRecordContext<Run>();
  const wasRunning = useRef(false);
  useEffect(() => {
    if (run?.status === 'running') wasRunning.current = true;
    else if (run?.status === 'finished' && wasRunning.current) {
      wasRunning.current = false;
      notify('dw.receipts.run_done', { type: 'success', messageArgs: { done: run.done } });
    }
  }, [run?.status, run?.done, notify]);
  if (!run) return null;
  const settled = run.done + run.failed;
  const percent = run.total ? Math.round((settled / run.total) * 100) : 100;
  return (
    <Box sx={{ width: '100%', maxWidth: 560 }}>
      <Typography role="status" aria-live="polite">
        {translate('dw.receipts.progress', { settled, total: run.total, failed: run.failed })}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={translate('dw.common.progress')}
        sx={{ my: 1 }}
      />
      {run.status === 'finished' && (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
          <DownloadButton
            path={`receipt-runs/${run.id}/receipts.zip`}
            label={translate('dw.receipts.zip')}
            variant="contained"
          />
          <DownloadButton
            path={`receipt-runs/${run.id}/print.pdf`}
            label={translate('dw.receipts.print')}
          />
        </Box>
      )}
    </Box>
  );
}

function Failures() {
  const translate = useTranslate();
  const run = useRecordContext<Run>();
  if (!run?.failures.length) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Alert severity="warning" sx={{ mb: 1 }}>
        {translate('dw.receipts.failures')}
      </Alert>
      <SimpleTable
        label="dw.receipts.failures"
        rows={run.failures}
        rowKey={(f) => f.donorId}
        columns={[
          { label: 'dw.receipts.code', render: (f) => f.code },
          { label: 'dw.receipts.message', render: (f) => f.message },
        ]}
      />
    </Box>
  );
}

export function ReceiptRunShow() {
  return (
    <Show
      queryOptions={{
        refetchInterval: (q) =>
          (q.state.data as Run | undefined)?.status === 'finished' ? false : 1500,
      }}
    >
      <SimpleShowLayout>
        <NumberField source="year" />
        <Labeled label="dw.common.progress">
          <Progress />
        </Labeled>
        <Failures />
      </SimpleShowLayout>
    </Show>
  );
}
