import { addDays, addMonths } from '@dachwerk/shared';

export type FeeInterval = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

export const INTERVAL_MONTHS: Record<FeeInterval, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

/** What the fee calculation needs to know about a member, their tier and its rates. */
export interface FeeSubject {
  joinedOn: string;
  leftOn: string | null;
  interval: FeeInterval;
  proRata: boolean;
  reduced: boolean;
  /** The tier's rates, any order; the one in force at a fee period's start applies. */
  rates: {
    validFrom: string;
    amountCents: number;
    reducedAmountCents: number | null;
    admissionFeeCents: number;
  }[];
}

export interface DueFee {
  kind: 'fee' | 'admission';
  periodStart: string;
  periodEnd: string;
  /** The day the fee falls due: the fee period's start, or the joining day if later. */
  dueOn: string;
  amountCents: number;
  /** Months charged out of the months of the fee period (pro rata). */
  months: number;
  periodMonths: number;
}

/** Fee periods are calendar-aligned: quarters start in Jan/Apr/Jul/Oct, half-years in Jan/Jul. */
export function feePeriodContaining(
  iso: string,
  interval: FeeInterval,
): { start: string; end: string } {
  const months = INTERVAL_MONTHS[interval];
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const startMonth = Math.floor((month - 1) / months) * months + 1;
  const start = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  return { start, end: addDays(addMonths(start, months), -1) };
}

function monthIndex(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

/**
 * The fees of one member that fall due within [runStart, runEnd] — the rules of the
 * fee schedule (docs/DOMAIN.md §5) in one pure function:
 * - a fee period is due on its start, or on the joining day when the member joined
 *   during it, and is raised by the run whose range holds that day;
 * - pro rata, the months of membership count in whole months (joining and leaving
 *   months count fully); without pro rata the full fee is due;
 * - nothing falls due after the leaving date;
 * - the rate in force at the fee period's start applies, so a new rate never
 *   changes an earlier period; the reduced rate where the member has it;
 * - the admission fee falls due on the joining day.
 */
export function dueFees(member: FeeSubject, runStart: string, runEnd: string): DueFee[] {
  const fees: DueFee[] = [];
  const periodMonths = INTERVAL_MONTHS[member.interval];
  const rates = [...member.rates].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  const rateAt = (day: string) => rates.filter((r) => r.validFrom <= day).pop();

  if (member.joinedOn >= runStart && member.joinedOn <= runEnd) {
    const rate = rateAt(member.joinedOn);
    if (rate && rate.admissionFeeCents > 0)
      fees.push({
        kind: 'admission',
        periodStart: member.joinedOn,
        periodEnd: member.joinedOn,
        dueOn: member.joinedOn,
        amountCents: rate.admissionFeeCents,
        months: 0,
        periodMonths: 0,
      });
  }

  let period = feePeriodContaining(
    runStart < member.joinedOn ? member.joinedOn : runStart,
    member.interval,
  );
  // A period that began before the run may still fall due inside it (joined during it).
  for (
    ;
    period.start <= runEnd;
    period = feePeriodContaining(addDays(period.end, 1), member.interval)
  ) {
    if (period.end < member.joinedOn) continue;
    if (member.leftOn && period.start > member.leftOn) break;
    const dueOn = member.joinedOn > period.start ? member.joinedOn : period.start;
    if (dueOn < runStart || dueOn > runEnd) continue;
    const rate = rateAt(period.start) ?? rateAt(dueOn);
    if (!rate) continue;
    const full =
      member.reduced && rate.reducedAmountCents !== null
        ? rate.reducedAmountCents
        : rate.amountCents;
    const first = Math.max(monthIndex(period.start), monthIndex(member.joinedOn));
    const last = Math.min(
      monthIndex(period.end),
      member.leftOn ? monthIndex(member.leftOn) : Infinity,
    );
    const months = member.proRata ? last - first + 1 : periodMonths;
    const amountCents = Math.round((full * months) / periodMonths);
    if (amountCents > 0)
      fees.push({
        kind: 'fee',
        periodStart: period.start,
        periodEnd: period.end,
        dueOn,
        amountCents,
        months,
        periodMonths,
      });
  }
  return fees;
}
