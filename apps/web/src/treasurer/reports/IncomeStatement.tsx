import { Card, CardContent, MenuItem, TextField, Typography } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useApi } from '../../api/useApi';
import { SimpleTable } from '../../components/SimpleTable';
import { RangeForm } from '../RangeForm';
import { useYearRange } from '../useRange';

interface Statement {
  groups: {
    key: string;
    incomeCents: number;
    expenseCents: number;
    resultCents: number;
    accounts: { number: number; name: string; type: string; amountCents: number }[];
  }[];
  warnings: string[];
}

/** Income and expenses by sphere (the four of a charity) or by cost centre. */
export function IncomeStatement() {
  const translate = useTranslate();
  const [range, setRange] = useYearRange();
  const [by, setBy] = useState<'sphere' | 'costCentre'>('sphere');
  const { data } = useApi<Statement>('ledger/income-statement', { ...range, by });
  const groupName = (key: string) =>
    by === 'sphere'
      ? translate(`dw.journal.spheres.${key}`)
      : key || translate('dw.reports.no_cost_centre');
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.reports.income_statement')} />
      <CardContent>
        <RangeForm range={range} onChange={setRange} label="dw.reports.show" />
        <TextField
          select
          size="small"
          label={translate('dw.reports.by')}
          value={by}
          onChange={(e) => setBy(e.target.value as 'sphere' | 'costCentre')}
          sx={{ mt: 1, minWidth: 220 }}
        >
          <MenuItem value="sphere">{translate('dw.reports.by_sphere')}</MenuItem>
          <MenuItem value="costCentre">{translate('dw.reports.by_cost_centre')}</MenuItem>
        </TextField>
        {data?.groups.map((g) => (
          <section key={g.key} aria-label={groupName(g.key)}>
            <Typography variant="h6" component="h2" sx={{ mt: 3 }}>
              {groupName(g.key)}: {germanAmount(g.resultCents)}
            </Typography>
            <SimpleTable
              rows={g.accounts}
              rowKey={(a) => a.number}
              columns={[
                { label: 'dw.journal.account', render: (a) => `${a.number} ${a.name}` },
                {
                  label: 'dw.reports.income',
                  render: (a) => (a.type === 'income' ? germanAmount(a.amountCents) : ''),
                  align: 'right',
                },
                {
                  label: 'dw.reports.expense',
                  render: (a) => (a.type === 'expense' ? germanAmount(a.amountCents) : ''),
                  align: 'right',
                },
              ]}
            />
          </section>
        ))}
      </CardContent>
    </Card>
  );
}
