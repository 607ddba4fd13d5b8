import { Box } from '@mui/material';
import { Form, SaveButton } from 'react-admin';
import { DayInput } from '../format/inputs';

/** From–to for a report or an export; the report follows when the user confirms. */
export function RangeForm({
  range,
  onChange,
  label,
}: {
  range: { from: string; to: string };
  onChange: (range: { from: string; to: string }) => void;
  label: string;
}) {
  return (
    <Form
      defaultValues={range}
      onSubmit={(values: Record<string, unknown>) =>
        onChange({ from: String(values.from), to: String(values.to) })
      }
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <DayInput source="from" label="dw.reports.from" />
        <DayInput source="to" label="dw.reports.to" />
        <SaveButton label={label} icon={<span />} alwaysEnable />
      </Box>
    </Form>
  );
}
