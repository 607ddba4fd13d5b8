import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import { germanAmount, germanDate } from '@dachwerk/formats';
import { Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { SimpleTable } from '../components/SimpleTable';

interface Fund {
  closingCents: number;
  commitmentsCents: number;
  availableCents: number;
  years: {
    year: number;
    inflowCents: number;
    outflowCents: number;
    spendBy: string;
    unspentCents: number;
    overdue: boolean;
  }[];
}

function Figure({ label, cents }: { label: string; cents: number }) {
  return (
    <Box sx={{ minWidth: 160 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {germanAmount(cents)}
      </Typography>
    </Box>
  );
}

/** An initiative's restricted fund: what is there, what is promised, and by when to spend it. */
export function FundPage() {
  const translate = useTranslate();
  const { id } = useParams();
  const { data, error } = useApi<Fund>(`initiatives/${id}/fund`);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.fund.title')} />
      <CardContent>
        {error ? (
          <Alert severity="error" role="alert">
            {translate('dw.common.not_found')}
          </Alert>
        ) : (
          data && (
            <>
              <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                <Figure label={translate('dw.fund.available')} cents={data.availableCents} />
                <Figure label={translate('dw.fund.commitments')} cents={data.commitmentsCents} />
                <Figure label={translate('dw.fund.balance')} cents={data.closingCents} />
              </Box>
              <Typography variant="h6" component="h2" sx={{ mt: 3 }}>
                {translate('dw.fund.years')}
              </Typography>
              <SimpleTable
                label="dw.fund.years"
                rows={data.years}
                rowKey={(y) => y.year}
                columns={[
                  { label: 'dw.fund.year', render: (y) => y.year },
                  {
                    label: 'dw.fund.inflows',
                    render: (y) => germanAmount(y.inflowCents),
                    align: 'right',
                  },
                  {
                    label: 'dw.fund.outflows',
                    render: (y) => germanAmount(y.outflowCents),
                    align: 'right',
                  },
                  {
                    label: 'dw.fund.unspent',
                    render: (y) => germanAmount(y.unspentCents),
                    align: 'right',
                  },
                  {
                    label: 'dw.fund.spend_by',
                    render: (y) => (
                      <span style={{ color: y.overdue ? '#b3261e' : undefined }}>
                        {germanDate(y.spendBy)}
                        {y.overdue ? ` (${translate('dw.fund.overdue')})` : ''}
                      </span>
                    ),
                  },
                ]}
              />
            </>
          )
        )}
      </CardContent>
    </Card>
  );
}
