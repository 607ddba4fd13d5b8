import type { PostingLine } from '@dachwerk/ledger';

/**
 * How funding books (SKR 42, sphere 1). An initiative's fund is its cost centre: every
 * line that changes the fund carries the initiative's KOST2 on an income or expense
 * account, so the fund is the cost centre's result and nothing else.
 */
export const FUNDING_ACCOUNTS = {
  /** Third-party grants received for an initiative. */
  grantFromAuthority: 48280,
  /** 48290 Sonstige Zuschüsse: grants of foundations and other third parties. */
  grantFromThirdParty: 48290,
  /**
   * Costs of an initiative's project, paid from its fund: 63000 Sonstige betriebliche
   * Aufwendungen (SKR 42 has no project-cost account; 67000/67100 are cost of goods sold
   * and packaging). The cost centre tells the projects apart.
   */
  projectCosts: 63000,
  /** Programme spending (the umbrella's own pot or a city grant it passes on), on the programme's cost centre. */
  programmeCosts: 63000,
  /** Money passed to another tax-exempt body (§58 Nr. 1 AO): 63930 Zuwendungen … für gemeinnützige Zwecke. */
  passedOn: 63930,
  /** Approved, not yet paid claims. */
  payable: 33000,
  /** Commitments from approved applications. */
  commitment: 34910,
} as const;

/** An approved claim: the expense leaves the fund (or the grant's commitment) into a payable. */
export function claimApprovalLines(
  amountCents: number,
  costCentre: string,
  from: 'fund' | 'commitment',
  passedOn: boolean,
): PostingLine[] {
  return [
    from === 'fund'
      ? {
          account: passedOn ? FUNDING_ACCOUNTS.passedOn : FUNDING_ACCOUNTS.projectCosts,
          side: 'debit',
          amountCents,
          sphere: 1,
          costCentre,
        }
      : { account: FUNDING_ACCOUNTS.commitment, side: 'debit', amountCents, sphere: 1, costCentre },
    { account: FUNDING_ACCOUNTS.payable, side: 'credit', amountCents, sphere: 1 },
  ];
}

/** A moved fund balance, by board decision: out of one cost centre, into the other. */
export function transferLines(amountCents: number, from: string, to: string): PostingLine[] {
  return [
    {
      account: FUNDING_ACCOUNTS.projectCosts,
      side: 'debit',
      amountCents,
      sphere: 1,
      costCentre: from,
    },
    {
      account: FUNDING_ACCOUNTS.projectCosts,
      side: 'credit',
      amountCents,
      sphere: 1,
      costCentre: to,
    },
  ];
}
