import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's default theme with colours that keep WCAG AA contrast on white and on the
 * app bar (axe checks every main screen).
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: 'light',
    primary: { main: '#1f4e79' },
    secondary: { main: '#7a3b00' },
    error: { main: '#b3261e' },
    success: { main: '#1b5e20' },
    warning: { main: '#8a5300' },
  },
  sidebar: { width: 240, closedWidth: 55 },
};
