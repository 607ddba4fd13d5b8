/**
 * SKR 42 13720 Geldtransit: money entered by hand (a donation or grant typed in, a CSV
 * of donations) that no bank statement has shown yet. It waits here, not on the bank
 * account, until a statement line settles it — so the books' bank account always equals
 * the bank's.
 */
export const TRANSIT_ACCOUNT = 13720;
