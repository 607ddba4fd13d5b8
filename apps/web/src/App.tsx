import { useMemo } from 'react';
import { Admin, CustomRoutes } from 'react-admin';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { createDataProvider } from './api/dataProvider';
import { createAuthProvider, currentMe } from './api/session';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { Login } from './layout/Login';
import { NoOrganisation } from './layout/NoOrganisation';
import { theme } from './layout/theme';
import { staffResources } from './staff';
import { adminResources } from './admin';
import { boardResources } from './board';
import { initiativeResources } from './initiative';
import { treasurerResources } from './treasurer';

/** What both admins share: languages, login page, theme. */
const COMMON = {
  title: 'Dachwerk',
  i18nProvider,
  loginPage: Login,
  theme,
  disableTelemetry: true,
  requireAuth: true,
} as const;

/**
 * Every screen lives below `/o/<organisationId>/`: the URL names the organisation (never
 * anything personal), and switching organisation mounts a fresh admin with its own cache.
 */
function OrganisationAdmin() {
  const { orgId = '' } = useParams();
  const dataProvider = useMemo(() => createDataProvider(orgId), [orgId]);
  const authProvider = useMemo(() => createAuthProvider(orgId), [orgId]);
  return (
    <Admin
      key={orgId}
      {...COMMON}
      basename={`/o/${orgId}`}
      dataProvider={dataProvider}
      authProvider={authProvider}
      layout={Layout}
      dashboard={Dashboard}
    >
      {staffResources}
      {treasurerResources}
      {initiativeResources}
      {boardResources}
      {adminResources}
    </Admin>
  );
}

/** Outside an organisation: the login, then on to the user's first organisation. */
function FirstOrganisation() {
  const first = currentMe()?.organisations[0]?.organisationId;
  return first ? <Navigate to={`/o/${first}/`} replace /> : <NoOrganisation />;
}

function EntryAdmin() {
  const dataProvider = useMemo(() => createDataProvider(''), []);
  const authProvider = useMemo(() => createAuthProvider(), []);
  return (
    <Admin
      {...COMMON}
      basename=""
      dataProvider={dataProvider}
      authProvider={authProvider}
      dashboard={FirstOrganisation}
    >
      <CustomRoutes>
        <Route path="*" element={<FirstOrganisation />} />
      </CustomRoutes>
    </Admin>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/o/:orgId/*" element={<OrganisationAdmin />} />
      <Route path="*" element={<EntryAdmin />} />
    </Routes>
  );
}
