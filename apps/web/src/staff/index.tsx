import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { FeeRunCreate } from './fee-runs/FeeRunCreate';
import { FeeRunList } from './fee-runs/FeeRunList';
import { FeeRunShow } from './fee-runs/FeeRunShow';
import { DunningPage } from './dunning/DunningPage';
import { DunningRunShow } from './dunning/DunningRunShow';
import { MemberImport } from './members/MemberImport';
import { AdmissionWizard } from './members/AdmissionWizard';
import { MemberEdit } from './members/MemberEdit';
import { MemberList } from './members/MemberList';
import { MemberShow } from './members/MemberShow';
import { TierCreate } from './tiers/TierCreate';
import { TierList } from './tiers/TierList';
import { TierShow } from './tiers/TierShow';

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
