import { Card, CardContent } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import { Title, useTranslate } from 'react-admin';
import { useApi } from '../../api/useApi';
import { SimpleTable } from '../../components/SimpleTable';
import { RangeForm } from '../RangeForm';
import { useYearRange } from '../useRange';

interface TrialBalanceData {
  accounts: {
    number: number;
    name: string;
    debitCents: number;
    creditCents: number;
    balanceCents: number;
  }[];
  totals: { debitCents: number; creditCents: number };
}

/** Summen- und Saldenliste for a range; the totals row shows the books balance. */
export function TrialBalance() {
  const translate = useTranslate();
  const [range, setRange] = useYearRange();
  const { data } = useApi<TrialBalanceData>('ledger/trial-balance', range);
  const rows = data
    ? [
        ...data.accounts,
        {
          number: 0,
          name: translate('dw.reports.total'),
          debitCents: data.totals.debitCents,
          creditCents: data.totals.creditCents,
          balanceCents: data.totals.debitCents - data.totals.creditCents,
        },
      ]
    : [];
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.reports.trial_balance')} />
      <CardContent>
        <RangeForm range={range} onChange={setRange} label="dw.reports.show" />
        <SimpleTable
          label="dw.reports.trial_balance"
          rows={rows}
          rowKey={(r) => r.number}
          columns={[
            {
              label: 'dw.journal.account',
              render: (r) => (r.number ? `${r.number} ${r.name}` : r.name),
            },
            {
              label: 'dw.journal.debit',
              render: (r) => germanAmount(r.debitCents),
              align: 'right',
            },
            {
              label: 'dw.journal.credit',
              render: (r) => germanAmount(r.creditCents),
              align: 'right',
            },
            {
              label: 'dw.accounts.balance',
              render: (r) => germanAmount(r.balanceCents),
              align: 'right',
            },
          ]}
        />
      </CardContent>
    </Card>
  );
}
