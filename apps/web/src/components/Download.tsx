import DownloadIcon from '@mui/icons-material/Download';
import { Button, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import type { Query } from '../api/http';
import { useApiProvider, useErrorText } from '../api/useApi';

/** Downloads a file the API makes (PDF, XML, CSV, ZIP) under the name the server gives. */
export function DownloadButton({
  path,
  query,
  label,
  variant = 'outlined',
}: {
  path: string;
  query?: Query;
  label: string;
  variant?: 'text' | 'outlined' | 'contained';
}) {
  const api = useApiProvider();
  const notify = useNotify();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={variant}
      size="small"
      startIcon={busy ? <CircularProgress size={16} /> : <DownloadIcon />}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        api
          .download(path, query)
          .catch((e: unknown) => notify(errorText(e), { type: 'error' }))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}
