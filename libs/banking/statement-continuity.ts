import { germanAmount } from '@dachwerk/shared';
import type { StatementFacts } from './bank-statement.repository';

/**
 * Why `next` does not continue `previous` on the same account, in words; empty when it
 * does. A statement opens with the balance the one before closed with; electronic
 * numbers count up by one (starting again at 1 in a new year, as German banks do); and a
 * statement does not begin before the previous one ended. A missing figure is not checked.
 */
export function continuityBreaks(previous: StatementFacts, next: StatementFacts): string[] {
  const breaks: string[] = [];
  if (
    previous.closingCents !== null &&
    next.openingCents !== null &&
    previous.closingCents !== next.openingCents
  )
    breaks.push(
      `statement ${next.statementRef} opens with ${germanAmount(next.openingCents)}, but statement ${previous.statementRef} before it closed with ${germanAmount(previous.closingCents)}`,
    );
  if (previous.electronicSeq !== null && next.electronicSeq !== null) {
    const newYear =
      next.electronicSeq === 1 &&
      (next.fromOn ?? next.toOn ?? '').slice(0, 4) >
        (previous.toOn ?? previous.fromOn ?? '').slice(0, 4);
    if (next.electronicSeq !== previous.electronicSeq + 1 && !newYear)
      breaks.push(
        `statement ${next.statementRef} has number ${next.electronicSeq}, but the one before it (${previous.statementRef}) has ${previous.electronicSeq}: ${next.electronicSeq > previous.electronicSeq + 1 ? 'a statement is missing in between' : 'the numbers do not follow on'}`,
      );
  }
  if (previous.toOn && next.fromOn && next.fromOn < previous.toOn)
    breaks.push(
      `statement ${next.statementRef} starts on ${next.fromOn}, before statement ${previous.statementRef} ended (${previous.toOn})`,
    );
  return breaks;
}
