import { Alert, Box, Card, CardContent } from '@mui/material';
import { useState } from 'react';
import { Link, Title, useCreatePath, useNotify, useTranslate } from 'react-admin';
import { useApiProvider, useErrorText } from '../../api/useApi';
import { FileDrop } from '../../components/FileDrop';

interface Imported {
  id: string;
  fromOn: string | null;
  toOn: string | null;
  transactionCount: number;
  matchedCount: number;
  unmatchedCount: number;
}

/** camt.053 in, all or nothing; the result says what matching did and what is left. */
export function BankStatementUpload() {
  const translate = useTranslate();
  const api = useApiProvider();
  const notify = useNotify();
  const errorText = useErrorText();
  const createPath = useCreatePath();
  const [progress, setProgress] = useState<number>();
  const [imported, setImported] = useState<Imported[]>();

  const upload = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setImported(undefined);
    setProgress(0);
    api
      .upload<Imported[]>('bank-statements', form, setProgress)
      .then((result) => setImported(Array.isArray(result) ? result : [result]))
      .catch((e: unknown) => notify(errorText(e), { type: 'error' }))
      .finally(() => setProgress(undefined));
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.bank.upload')} />
      <CardContent>
        <FileDrop
          accept=".xml,application/xml,text/xml"
          label={translate('dw.bank.camt')}
          onFile={upload}
          progress={progress}
        />
        {imported?.map((s) => (
          <Box key={s.id} sx={{ mt: 2 }}>
            <Alert severity={s.unmatchedCount ? 'warning' : 'success'} role="status">
              {translate('dw.bank.imported', {
                transactions: s.transactionCount,
                matched: s.matchedCount,
                unmatched: s.unmatchedCount,
              })}{' '}
              <Link to={createPath({ resource: 'bank-statements', type: 'show', id: s.id })}>
                {translate('dw.bank.open_statement')}
              </Link>
            </Alert>
          </Box>
        ))}
      </CardContent>
    </Card>
  );
}
