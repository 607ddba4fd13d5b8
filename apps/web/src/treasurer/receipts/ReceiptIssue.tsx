import { Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { germanAmount, germanDate } from '@dachwerk/formats';
import { useState } from 'react';
import { Title, useCreatePath, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useApi, useApiAction } from '../../api/useApi';
import { SimpleTable } from '../../components/SimpleTable';

interface Reconciliation {
  withoutReceipt: {
    donationId: string;
    donorId: string;
    receivedOn: string;
    amountCents: number;
  }[];
  mismatched: { receiptId: string; number: string; receiptedCents: number; bookedCents: number }[];
}

/**
 * The receipt reconciliation of a year: donations without a receipt (issue one here) and
 * receipts whose amount no longer matches the bookings (void and replace them).
 */
export function ReceiptIssue() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [year, setYear] = useState(new Date().getFullYear());
  const { data } = useApi<Reconciliation>('receipts/reconciliation', { year });
  const issue = useApiAction<{ id: string }>(translate('dw.receipts.issued'));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.receipts.reconciliation')} />
      <CardContent>
        <TextField
          type="number"
          size="small"
          label={translate('resources.receipts.fields.year')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value) || year)}
          slotProps={{ htmlInput: { min: 2000, max: 2999 } }}
        />
        <Typography variant="h6" component="h2" sx={{ mt: 3 }}>
          {translate('dw.receipts.without_receipt')}
        </Typography>
        <SimpleTable
          label="dw.receipts.without_receipt"
          rows={data?.withoutReceipt ?? []}
          rowKey={(d) => d.donationId}
          columns={[
            { label: 'dw.receipts.received_on', render: (d) => germanDate(d.receivedOn) },
            {
              label: 'resources.receipts.fields.totalCents',
              render: (d) => germanAmount(d.amountCents),
              align: 'right',
            },
            {
              label: 'dw.receipts.issue',
              render: (d) => (
                <Button
                  size="small"
                  disabled={issue.isPending}
                  onClick={() =>
                    void issue
                      .mutateAsync({ path: 'receipts', body: { donationIds: [d.donationId] } })
                      .then((r) =>
                        navigate(createPath({ resource: 'receipts', type: 'show', id: r.id })),
                      )
                  }
                >
                  {translate('dw.receipts.issue')}
                </Button>
              ),
            },
          ]}
        />
        <Typography variant="h6" component="h2" sx={{ mt: 3 }}>
          {translate('dw.receipts.mismatched')}
        </Typography>
        <SimpleTable
          label="dw.receipts.mismatched"
          rows={data?.mismatched ?? []}
          rowKey={(m) => m.receiptId}
          columns={[
            { label: 'resources.receipts.fields.number', render: (m) => m.number },
            {
              label: 'dw.receipts.receipted',
              render: (m) => germanAmount(m.receiptedCents),
              align: 'right',
            },
            {
              label: 'dw.receipts.booked',
              render: (m) => germanAmount(m.bookedCents),
              align: 'right',
            },
          ]}
        />
      </CardContent>
    </Card>
  );
}
