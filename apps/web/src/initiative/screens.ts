/** Every screen of this area: one chunk, loaded when the first of them opens. */
export { FundPage } from './FundPage';
export { InitiativeList } from './InitiativeList';
export { MyFund } from './MyFund';
export { ProofList, ProofShow } from './ProofsOfUse';
