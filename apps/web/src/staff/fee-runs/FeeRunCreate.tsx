import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { germanAmount, germanDate } from '@dachwerk/formats';
import { useState } from 'react';
import {
  Form,
  NumberInput,
  Title,
  required,
  useCreatePath,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/http';
import type { Permissions } from '../../api/session';
import { useApiProvider } from '../../api/useApi';
import { SimpleTable } from '../../components/SimpleTable';
import { DayInput } from '../../format/inputs';

interface Preview {
  receivableCount: number;
  totalCents: number;
  debitCount: number;
  debitTotalCents: number;
  items: {
    memberNo: string;
    memberName: string;
    description: string;
    amountCents: number;
    dueOn: string;
    byDirectDebit: boolean;
  }[];
}

type Errors = Record<string, string>;
const fieldErrors = (e: unknown): Errors | undefined =>
  e instanceof ApiError ? (e.body as { errors: Errors }).errors : undefined;

function PreviewTable({ preview }: { preview: Preview }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2">
        {translate('dw.fee_runs.preview_title')}
      </Typography>
      <Typography role="status">
        {translate('dw.fee_runs.preview_summary', {
          count: preview.receivableCount,
          total: germanAmount(preview.totalCents),
          debits: preview.debitCount,
          debitTotal: germanAmount(preview.debitTotalCents),
        })}
      </Typography>
      <SimpleTable
        rows={preview.items.slice(0, 200)}
        columns={[
          { label: 'resources.members.fields.memberNo', render: (i) => i.memberNo },
          { label: 'resources.members.fields.name', render: (i) => i.memberName },
          { label: 'resources.receivables.fields.description', render: (i) => i.description },
          { label: 'resources.receivables.fields.dueOn', render: (i) => germanDate(i.dueOn) },
          {
            label: 'resources.receivables.fields.amountCents',
            render: (i) => germanAmount(i.amountCents),
            align: 'right',
          },
          {
            label: 'dw.fee_runs.by_direct_debit',
            render: (i) => translate(i.byDirectDebit ? 'dw.common.yes' : 'dw.common.no'),
          },
        ]}
      />
    </Box>
  );
}

function Buttons({
  onPreview,
  onBook,
  mayBook,
  busy,
}: {
  onPreview: (values: Record<string, unknown>) => Promise<Errors | undefined>;
  onBook: (values: Record<string, unknown>) => Promise<Errors | undefined>;
  mayBook: boolean;
  busy: boolean;
}) {
  const translate = useTranslate();
  const form = useFormContext();
  // The server's field errors go onto the inputs they name; every value stays.
  const submit = (action: typeof onBook) =>
    void form.handleSubmit(async (values) => {
      const errors = await action(values);
      for (const [field, message] of Object.entries(errors ?? {})) {
        form.setError(field, { type: 'server', message });
      }
    })();
  return (
    <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
      <Button variant="outlined" disabled={busy} onClick={() => submit(onPreview)}>
        {translate('dw.fee_runs.preview')}
      </Button>
      {mayBook && (
        <Button variant="contained" disabled={busy} onClick={() => submit(onBook)}>
          {translate('dw.fee_runs.book')}
        </Button>
      )}
    </Box>
  );
}

/** Preview a fee run (staff or treasurer), then book it (treasurer): same dates, same figures. */
export function FeeRunCreate() {
  const translate = useTranslate();
  const api = useApiProvider();
  const notify = useNotify();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const { permissions } = usePermissions<Permissions>();
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState(false);

  const run = async (
    values: Record<string, unknown>,
    book: boolean,
  ): Promise<Errors | undefined> => {
    setBusy(true);
    try {
      if (book) {
        const created = await api.create<{ id: string }>('fee-runs', { data: values });
        notify('dw.fee_runs.booked', { type: 'success' });
        void navigate(createPath({ resource: 'fee-runs', type: 'show', id: created.data.id }));
      } else {
        setPreview(await api.call<Preview>('POST', 'fee-runs/preview', { body: values }));
      }
      return undefined;
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
      return fieldErrors(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.fee_runs.new')} />
      <CardContent>
        <Form resource="fee-runs" defaultValues={{ preNotificationDays: 14 }}>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { sm: '1fr 1fr' },
              columnGap: 2,
              maxWidth: 640,
            }}
          >
            <DayInput source="periodStart" validate={required()} />
            <DayInput source="periodEnd" validate={required()} />
            <DayInput source="collectionDate" validate={required()} />
            <NumberInput source="preNotificationDays" min={1} max={60} />
          </Box>
          <Buttons
            busy={busy}
            mayBook={permissions?.roles.includes('treasurer') ?? false}
            onPreview={(v) => run(v, false)}
            onBook={(v) => run(v, true)}
          />
        </Form>
        {preview && <PreviewTable preview={preview} />}
      </CardContent>
    </Card>
  );
}
