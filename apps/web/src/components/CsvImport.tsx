import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useApiProvider, useErrorText } from '../api/useApi';
import { FileDrop } from './FileDrop';
import { SimpleTable } from './SimpleTable';

interface ImportPreview {
  id: string;
  filename: string | null;
  rowCount: number;
  totalCents?: number;
  errors: { line: number; field: string; rule: string; message: string }[];
  status: 'preview' | 'committed';
  duplicateOfImportId?: string | null;
}

/**
 * Upload a CSV, see every line checked (errors with their line numbers), then commit all
 * or nothing. Shared by the member and the donation import.
 */
export function CsvImport({
  path,
  title,
  columns,
}: {
  path: string;
  title: string;
  columns: string;
}) {
  const translate = useTranslate();
  const api = useApiProvider();
  const notify = useNotify();
  const errorText = useErrorText();
  const [progress, setProgress] = useState<number>();
  const [result, setResult] = useState<ImportPreview>();
  const [busy, setBusy] = useState(false);

  const upload = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setResult(undefined);
    setProgress(0);
    api
      .upload<ImportPreview>(path, form, setProgress)
      .then(setResult)
      .catch((e: unknown) => notify(errorText(e), { type: 'error' }))
      .finally(() => setProgress(undefined));
  };

  const commit = () => {
    if (!result) return;
    setBusy(true);
    api
      .call<ImportPreview>('POST', `${path}/${result.id}/commit`, {
        headers: { 'Idempotency-Key': result.id },
      })
      .then((done) => {
        setResult(done);
        notify('dw.import.committed', { type: 'success', messageArgs: { count: done.rowCount } });
      })
      .catch((e: unknown) => notify(errorText(e), { type: 'error' }))
      .finally(() => setBusy(false));
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={title} />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('dw.import.columns')} <code>{columns}</code>
        </Typography>
        <FileDrop accept=".csv,text/csv" label={title} onFile={upload} progress={progress} />
        {result && (
          <Box sx={{ mt: 3 }} role="region" aria-label={translate('dw.import.result')}>
            <Typography role="status">
              {translate('dw.import.summary', {
                rows: result.rowCount,
                errors: result.errors.length,
              })}
              {result.totalCents !== undefined && ` · ${germanAmount(result.totalCents)}`}
            </Typography>
            {result.duplicateOfImportId && (
              <Alert severity="warning" sx={{ mt: 1 }}>
                {translate('dw.import.duplicate')}
              </Alert>
            )}
            {result.errors.length > 0 ? (
              <SimpleTable
                label="dw.import.errors"
                rows={result.errors}
                columns={[
                  { label: 'dw.import.line', render: (e) => e.line },
                  { label: 'dw.import.field', render: (e) => e.field },
                  { label: 'dw.import.message', render: (e) => e.message },
                ]}
              />
            ) : result.status === 'committed' ? (
              <Alert severity="success" sx={{ mt: 1 }}>
                {translate('dw.import.committed', { count: result.rowCount })}
              </Alert>
            ) : (
              <Button variant="contained" sx={{ mt: 2 }} disabled={busy} onClick={commit}>
                {translate('dw.import.commit', { count: result.rowCount })}
              </Button>
            )}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
