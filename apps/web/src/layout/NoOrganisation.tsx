import { Alert, Box } from '@mui/material';
import { useTranslate } from 'react-admin';

export function NoOrganisation() {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4 }}>
      <Alert severity="info">{translate('dw.auth.no_organisation')}</Alert>
    </Box>
  );
}
