import { Card, CardContent, Typography } from '@mui/material';
import { germanAmount, germanDate } from '@dachwerk/formats';
import { Link, Title, useCreatePath, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { SimpleTable } from '../../components/SimpleTable';
import { RangeForm } from '../RangeForm';
import { useYearRange } from '../useRange';

interface Ledger {
  account: { number: number; name: string };
  openingBalanceCents: number;
  closingBalanceCents: number;
  lines: {
    entryId: string;
    entryNumber: number;
    bookedOn: string;
    documentNo: string;
    text: string;
    side: 'debit' | 'credit';
    amountCents: number;
    balanceCents: number;
  }[];
}

/** Kontoblatt: every line on one account in a range, with the running balance. */
export function AccountLedger() {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { id } = useParams();
  const [range, setRange] = useYearRange();
  const { data } = useApi<Ledger>(`ledger/accounts/${id}/ledger`, range);
  return (
    <Card sx={{ mt: 2 }}>
      <Title
        title={
          data ? `${data.account.number} ${data.account.name}` : translate('dw.accounts.ledger')
        }
      />
      <CardContent>
        <RangeForm range={range} onChange={setRange} label="dw.reports.show" />
        {data && (
          <>
            <Typography sx={{ mt: 2 }}>
              {translate('dw.accounts.opening', { amount: germanAmount(data.openingBalanceCents) })}
            </Typography>
            <SimpleTable
              label="dw.accounts.ledger"
              rows={data.lines}
              columns={[
                {
                  label: 'resources.entries.fields.entryNumber',
                  render: (l) => (
                    <Link to={createPath({ resource: 'entries', type: 'show', id: l.entryId })}>
                      {l.entryNumber}
                    </Link>
                  ),
                },
                {
                  label: 'resources.entries.fields.bookedOn',
                  render: (l) => germanDate(l.bookedOn),
                },
                { label: 'resources.entries.fields.documentNo', render: (l) => l.documentNo },
                { label: 'resources.entries.fields.text', render: (l) => l.text },
                {
                  label: 'dw.journal.debit',
                  render: (l) => (l.side === 'debit' ? germanAmount(l.amountCents) : ''),
                  align: 'right',
                },
                {
                  label: 'dw.journal.credit',
                  render: (l) => (l.side === 'credit' ? germanAmount(l.amountCents) : ''),
                  align: 'right',
                },
                {
                  label: 'dw.accounts.balance',
                  render: (l) => germanAmount(l.balanceCents),
                  align: 'right',
                },
              ]}
            />
            <Typography sx={{ mt: 2 }}>
              {translate('dw.accounts.closing', { amount: germanAmount(data.closingBalanceCents) })}
            </Typography>
          </>
        )}
      </CardContent>
    </Card>
  );
}
