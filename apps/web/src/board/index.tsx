import { Resource } from 'react-admin';
import { lazyScreen } from '../lazyScreen';

const screens = () => import('./screens');
const ApplicationList = lazyScreen(screens, 'ApplicationList');
const ApplicationShow = lazyScreen(screens, 'ApplicationShow');
const ApplicationCreate = lazyScreen(screens, 'ApplicationCreate');
const ProgrammeList = lazyScreen(screens, 'ProgrammeList');

/** The board's screens: applications and their decisions (the dashboard is the start page). */
export const boardResources = [
  <Resource
    key="applications"
    name="applications"
    list={ApplicationList}
    show={ApplicationShow}
    create={ApplicationCreate}
    recordRepresentation="title"
  />,
  <Resource key="programmes" name="programmes" list={ProgrammeList} recordRepresentation="name" />,
];
