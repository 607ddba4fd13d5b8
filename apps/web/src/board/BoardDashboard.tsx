import { Box, Card, CardContent, Link as MuiLink, Typography } from '@mui/material';
import { germanAmount, germanDate } from '@dachwerk/formats';
import { Link, useBasename, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SimpleTable } from '../components/SimpleTable';
import { useBoardYear } from './useBoardYear';

const euros = (cents: number) => germanAmount(cents);
const axisEuros = (cents: number) => `${Math.round(cents / 100).toLocaleString('de-DE')} €`;

function Figure({ label, value, to }: { label: string; value?: number; to?: string }) {
  const basename = useBasename();
  const text = value === undefined ? '…' : String(value);
  return (
    <Card variant="outlined" sx={{ minWidth: 180, flex: '1 1 180px' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p">
          {to ? (
            <MuiLink component={Link} to={`${basename}${to}`} underline="hover">
              {text}
            </MuiLink>
          ) : (
            text
          )}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** A chart with its figures also as text (screen readers get the table, not the bars). */
function Chart({
  title,
  data,
  bars,
}: {
  title: string;
  data: Record<string, string | number>[];
  bars: { key: string; label: string; color: string }[];
}) {
  return (
    <Card variant="outlined" sx={{ flex: '1 1 420px', minWidth: 0 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        <Box sx={{ height: 260 }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ left: 24 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={axisEuros} tick={{ fontSize: 12 }} width={90} />
              <Tooltip formatter={(v) => euros(Number(v))} />
              <Legend />
              {bars.map((b) => (
                <Bar key={b.key} dataKey={b.key} name={b.label} fill={b.color} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </Box>
        <SimpleTable
          label={title}
          rows={data}
          columns={[
            { label: '', render: (r) => r.name },
            ...bars.map((b) => ({
              label: b.label,
              render: (r: Record<string, string | number>) => euros(Number(r[b.key])),
              align: 'right' as const,
            })),
          ]}
        />
      </CardContent>
    </Card>
  );
}

/** The board's year at a glance: results by sphere, bank and fund balances, what waits. */
export default function BoardDashboard() {
  const translate = useTranslate();
  const year = new Date().getFullYear();
  const board = useBoardYear(year);
  const atRisk = (board.funds ?? []).flatMap(({ initiative, fund }) =>
    (fund?.years ?? [])
      .filter((y) => y.unspentCents > 0 && (y.overdue || y.spendBy <= `${year}-12-31`))
      .map((y) => ({ name: initiative.name, ...y })),
  );
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, mt: 2 }}>
      <Typography variant="h5" component="h2">
        {translate('dw.board.year', { year })}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Figure
          label={translate('dw.board.second_approver')}
          value={board.waitingForSecond.length}
          to="/applications"
        />
        <Figure label={translate('dw.board.proofs_overdue')} value={board.overdueProofs} />
        <Figure label={translate('dw.board.proofs_open')} value={board.openProofs} />
        <Figure
          label={translate('dw.board.past_dunning')}
          value={board.pastLastDunning}
          to="/dunning"
        />
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Chart
          title={translate('dw.board.by_sphere')}
          data={(board.spheres ?? []).map((g) => ({
            name: translate(`dw.journal.spheres.${g.key}`),
            income: g.incomeCents,
            expense: g.expenseCents,
          }))}
          bars={[
            { key: 'income', label: translate('dw.reports.income'), color: '#2e7d32' },
            { key: 'expense', label: translate('dw.reports.expense'), color: '#c62828' },
          ]}
        />
        <Chart
          title={translate('dw.board.funds')}
          data={(board.funds ?? []).map(({ initiative, fund }) => ({
            name: initiative.name,
            available: fund?.availableCents ?? 0,
            committed: fund?.commitmentsCents ?? 0,
          }))}
          bars={[
            { key: 'available', label: translate('dw.fund.available'), color: '#1565c0' },
            { key: 'committed', label: translate('dw.fund.commitments'), color: '#ef6c00' },
          ]}
        />
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Card variant="outlined" sx={{ flex: '1 1 320px' }}>
          <CardContent>
            <Typography variant="h6" component="h2">
              {translate('dw.board.banks')}
            </Typography>
            <SimpleTable
              label="dw.board.banks"
              rows={board.bankBalances ?? []}
              columns={[
                { label: 'dw.board.account', render: (b) => b.name },
                { label: 'dw.accounts.balance', render: (b) => euros(b.cents), align: 'right' },
              ]}
            />
          </CardContent>
        </Card>
        <Card variant="outlined" sx={{ flex: '1 1 320px' }}>
          <CardContent>
            <Typography variant="h6" component="h2">
              {translate('dw.board.at_risk')}
            </Typography>
            <SimpleTable
              label="dw.board.at_risk"
              rows={atRisk}
              columns={[
                { label: 'resources.initiatives.fields.name', render: (r) => r.name },
                { label: 'dw.fund.year', render: (r) => r.year },
                { label: 'dw.fund.unspent', render: (r) => euros(r.unspentCents), align: 'right' },
                { label: 'dw.fund.spend_by', render: (r) => germanDate(r.spendBy) },
              ]}
            />
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
}
