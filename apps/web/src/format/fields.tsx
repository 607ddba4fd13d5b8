import { germanAmount, germanDate } from '@dachwerk/formats';
import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';

/** Integer cents as "1.234,56 €", right-aligned like every column of figures. */
export function MoneyField(props: FieldProps) {
  const cents = useFieldValue(props) as number | null | undefined;
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {typeof cents === 'number' ? germanAmount(cents) : '–'}
    </Typography>
  );
}

/** An ISO date (or timestamp) as TT.MM.JJJJ. */
export function DayField(props: FieldProps) {
  const value = useFieldValue(props) as string | null | undefined;
  return (
    <Typography component="span" variant="body2">
      {typeof value === 'string' && value.length >= 10 ? germanDate(value.slice(0, 10)) : '–'}
    </Typography>
  );
}
