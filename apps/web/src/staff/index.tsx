import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { lazyScreen } from '../lazyScreen';

const screens = () => import('./screens');
const FeeRunCreate = lazyScreen(screens, 'FeeRunCreate');
const FeeRunList = lazyScreen(screens, 'FeeRunList');
const FeeRunShow = lazyScreen(screens, 'FeeRunShow');
const DunningPage = lazyScreen(screens, 'DunningPage');
const DunningRunShow = lazyScreen(screens, 'DunningRunShow');
const MemberImport = lazyScreen(screens, 'MemberImport');
const AdmissionWizard = lazyScreen(screens, 'AdmissionWizard');
const MemberEdit = lazyScreen(screens, 'MemberEdit');
const MemberList = lazyScreen(screens, 'MemberList');
const MemberShow = lazyScreen(screens, 'MemberShow');
const TierCreate = lazyScreen(screens, 'TierCreate');
const TierList = lazyScreen(screens, 'TierList');
const TierShow = lazyScreen(screens, 'TierShow');

/** The office's screens: members, tiers, imports, fee and dunning runs, donors. */
export const staffResources = [
  <Resource
    key="members"
    name="members"
    list={MemberList}
    show={MemberShow}
    edit={MemberEdit}
    create={AdmissionWizard}
    recordRepresentation="memberNo"
  />,
  <Resource
    key="tiers"
    name="tiers"
    list={TierList}
    show={TierShow}
    create={TierCreate}
    recordRepresentation="name"
  />,
  <Resource
    key="fee-runs"
    name="fee-runs"
    list={FeeRunList}
    show={FeeRunShow}
    create={FeeRunCreate}
  />,
  <Resource key="dunning-runs" name="dunning-runs" show={DunningRunShow} />,
  <CustomRoutes key="staff-routes">
    <Route path="/dunning" element={<DunningPage />} />
    <Route path="/member-imports" element={<MemberImport />} />
  </CustomRoutes>,
  <Resource key="mandates" name="mandates" />,
  <Resource key="receivables" name="receivables" />,
];
