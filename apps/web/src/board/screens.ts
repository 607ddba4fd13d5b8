/** Every screen of this area: one chunk, loaded when the first of them opens. */
export { ApplicationList } from './ApplicationList';
export { ApplicationShow } from './ApplicationShow';
export { ApplicationCreate } from '../initiative/ApplicationCreate';
export { ProgrammeList } from './ProgrammeList';
