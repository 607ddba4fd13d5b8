import { TRANSIT_ACCOUNT, type PostingLine } from '@dachwerk/ledger';

export const DONATION_KINDS = ['money', 'in_kind', 'expense_waiver'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];
export const MONEY_CHANNELS = ['transfer', 'cash', 'direct_debit', 'online'] as const;
export type MoneyChannel = (typeof MONEY_CHANNELS)[number];

/**
 * How each kind of donation is booked (SKR 42, sphere 1 — ideeller Bereich):
 * money against 40450 — cash to 16000, money that will come through the bank to 13720
 * Geldtransit until a statement line settles it (banking books a donation confirmed from
 * a statement line straight to that bank account); an in-kind donation consumed for the
 * purposes (63000 Sonstige betriebliche Aufwendungen) against 40550; a waived
 * reimbursement as the expense it was (63010) against 40650.
 */
export const MONEY_IN_TRANSIT = TRANSIT_ACCOUNT;
/** Where an in-kind donation used for the purposes is spent: 63000 Sonstige betriebliche Aufwendungen. */
export const IN_KIND_CONSUMED_ACCOUNT = 63000;

/**
 * The administration fee on a donation for an initiative (docs/DOMAIN.md §6): the
 * initiative's cost centre bears it as administration cost (63010), the umbrella
 * earns it (49920 Verwaltungskostenumlagen), in the donation's own journal entry.
 */
export function administrationFeeLines(feeCents: number, costCentre: string): PostingLine[] {
  return feeCents > 0
    ? [
        { account: 63010, side: 'debit', amountCents: feeCents, sphere: 1, costCentre },
        { account: 49920, side: 'credit', amountCents: feeCents, sphere: 1 },
      ]
    : [];
}

export function donationLines(
  kind: DonationKind,
  channel: MoneyChannel | undefined,
  amountCents: number,
  costCentre: string | null,
): PostingLine[] {
  const debit =
    kind === 'money'
      ? channel === 'cash'
        ? 16000
        : MONEY_IN_TRANSIT
      : kind === 'in_kind'
        ? IN_KIND_CONSUMED_ACCOUNT
        : 63010;
  const credit = kind === 'money' ? 40450 : kind === 'in_kind' ? 40550 : 40650;
  return [
    { account: debit, side: 'debit', amountCents, sphere: 1, costCentre },
    { account: credit, side: 'credit', amountCents, sphere: 1, costCentre },
  ];
}
