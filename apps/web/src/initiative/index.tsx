import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { lazyScreen } from '../lazyScreen';

const screens = () => import('./screens');
const ProofList = lazyScreen(screens, 'ProofList');
const ProofShow = lazyScreen(screens, 'ProofShow');
const FundPage = lazyScreen(screens, 'FundPage');
const InitiativeList = lazyScreen(screens, 'InitiativeList');
const MyFund = lazyScreen(screens, 'MyFund');

/** The initiatives' portal: their fund and their claims (phone-friendly forms). */
export const initiativeResources = [
  <Resource
    key="initiatives"
    name="initiatives"
    list={InitiativeList}
    recordRepresentation="name"
  />,
  <Resource
    key="proofs-of-use"
    name="proofs-of-use"
    list={ProofList}
    show={ProofShow}
    recordRepresentation="title"
  />,
  <CustomRoutes key="initiative-routes">
    <Route path="/initiatives/:id/fund" element={<FundPage />} />
    <Route path="/my-fund" element={<MyFund />} />
  </CustomRoutes>,
];
