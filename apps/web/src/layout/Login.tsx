import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin, useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../api/http';
import { wasSessionExpired } from '../api/session';

/** Sign-in on the API's session cookie; a refused login shows the server's message. */
export function Login() {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    login({ email, password })
      .catch((e: unknown) => {
        const message = e instanceof ApiError ? e.message : translate('ra.auth.sign_in_error');
        setError(message);
        notify(message, { type: 'error' });
      })
      .finally(() => setBusy(false));
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: 'grey.100',
        p: 2,
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 420 }}>
        <CardContent component="form" onSubmit={submit} noValidate>
          <Typography variant="h5" component="h1" gutterBottom>
            {translate('dw.auth.welcome')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('dw.auth.intro')}
          </Typography>
          {wasSessionExpired() && !error && (
            <Alert severity="info" role="status" sx={{ mb: 2 }}>
              {translate('dw.auth.session_expired')}
            </Alert>
          )}
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          <TextField
            label={translate('dw.auth.email')}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            fullWidth
            margin="normal"
            autoFocus
          />
          <TextField
            label={translate('dw.auth.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            fullWidth
            margin="normal"
          />
          <Button type="submit" variant="contained" fullWidth disabled={busy} sx={{ mt: 2 }}>
            {translate(busy ? 'dw.auth.signing_in' : 'dw.auth.sign_in')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
