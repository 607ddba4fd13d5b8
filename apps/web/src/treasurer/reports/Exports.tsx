import { Box, Card, CardContent, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { DownloadButton } from '../../components/Download';
import { RangeForm } from '../RangeForm';
import { useYearRange } from '../useRange';

/** DATEV (EXTF Buchungsstapel, one fiscal year at a time) and the journal as CSV. */
export function Exports() {
  const translate = useTranslate();
  const [range, setRange] = useYearRange();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.reports.exports')} />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('dw.reports.exports_help')}
        </Typography>
        <RangeForm range={range} onChange={setRange} label="dw.reports.apply" />
        <Box sx={{ display: 'flex', gap: 2, mt: 2, flexWrap: 'wrap' }}>
          <DownloadButton
            path="ledger/exports/datev"
            query={range}
            label={translate('dw.reports.datev')}
            variant="contained"
          />
          <DownloadButton
            path="ledger/exports/journal.csv"
            query={range}
            label={translate('dw.reports.journal_csv')}
          />
        </Box>
      </CardContent>
    </Card>
  );
}
