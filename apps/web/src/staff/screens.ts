/** Every screen of this area: one chunk, loaded when the first of them opens. */
export { FeeRunCreate } from './fee-runs/FeeRunCreate';
export { FeeRunList } from './fee-runs/FeeRunList';
export { FeeRunShow } from './fee-runs/FeeRunShow';
export { DunningPage } from './dunning/DunningPage';
export { DunningRunShow } from './dunning/DunningRunShow';
export { MemberImport } from './members/MemberImport';
export { AdmissionWizard } from './members/AdmissionWizard';
export { MemberEdit } from './members/MemberEdit';
export { MemberList } from './members/MemberList';
export { MemberShow } from './members/MemberShow';
export { TierCreate } from './tiers/TierCreate';
export { TierList } from './tiers/TierList';
export { TierShow } from './tiers/TierShow';
