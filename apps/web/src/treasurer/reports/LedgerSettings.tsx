import { Card, CardContent, Typography } from '@mui/material';
import { Form, NumberInput, SaveButton, Title, useTranslate } from 'react-admin';
import { useApi, useApiAction } from '../../api/useApi';

interface Settings {
  datevConsultantNumber: number | null;
  datevClientNumber: number | null;
  accountLength: number;
}

/** DATEV consultant and client number (the export needs both) and the account length. */
export function LedgerSettings() {
  const translate = useTranslate();
  const { data } = useApi<Settings>('ledger/settings');
  const save = useApiAction(translate('dw.common.saved'));
  return (
    <Card sx={{ mt: 2, maxWidth: 640 }}>
      <Title title={translate('dw.reports.settings')} />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('dw.reports.settings_help')}
        </Typography>
        {data && (
          <Form
            record={data}
            onSubmit={async (body: Record<string, unknown>) => {
              try {
                await save.mutateAsync({ method: 'PUT', path: 'ledger/settings', body });
              } catch (e) {
                return (e as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
              }
              return undefined;
            }}
          >
            <NumberInput
              source="datevConsultantNumber"
              label="dw.reports.consultant_number"
              min={1001}
              max={9999999}
            />
            <NumberInput
              source="datevClientNumber"
              label="dw.reports.client_number"
              min={1}
              max={99999}
            />
            <NumberInput source="accountLength" label="dw.reports.account_length" min={4} max={8} />
            <SaveButton alwaysEnable />
          </Form>
        )}
      </CardContent>
    </Card>
  );
}
