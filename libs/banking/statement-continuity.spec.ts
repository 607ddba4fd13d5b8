import type { StatementFacts } from './bank-statement.repository';
import { continuityBreaks } from './statement-continuity';

const march: StatementFacts = {
  statementRef: '2026-003',
  electronicSeq: 3,
  fromOn: '2026-03-01',
  toOn: '2026-03-31',
  openingCents: 100_00,
  closingCents: 250_00,
};
const april = (over: Partial<StatementFacts> = {}): StatementFacts => ({
  statementRef: '2026-004',
  electronicSeq: 4,
  fromOn: '2026-04-01',
  toOn: '2026-04-30',
  openingCents: 250_00,
  closingCents: 300_00,
  ...over,
});

describe('a statement continues the one before it', () => {
  it('joins up: closing = opening, the next number, later dates', () => {
    expect(continuityBreaks(march, april())).toEqual([]);
  });

  it('names a balance that does not join up', () => {
    expect(continuityBreaks(march, april({ openingCents: 240_00 }))).toEqual([
      'statement 2026-004 opens with 240,00 €, but statement 2026-003 before it closed with 250,00 €',
    ]);
  });

  it('names a missing statement and numbers that go back', () => {
    expect(continuityBreaks(march, april({ electronicSeq: 6 }))[0]).toMatch(
      /a statement is missing in between/,
    );
    expect(continuityBreaks(march, april({ electronicSeq: 3 }))[0]).toMatch(/do not follow on/);
  });

  it('lets the numbers start again at 1 in a new year', () => {
    const january = april({ electronicSeq: 1, fromOn: '2027-01-01', toOn: '2027-01-31' });
    expect(continuityBreaks({ ...march, toOn: '2026-12-31' }, january)).toEqual([]);
    expect(continuityBreaks(march, april({ electronicSeq: 1 }))).toHaveLength(1);
  });

  it('names an overlap in time', () => {
    expect(continuityBreaks(march, april({ fromOn: '2026-03-15' }))[0]).toMatch(
      /starts on 2026-03-15, before statement 2026-003 ended/,
    );
  });

  it('does not check what the bank left out', () => {
    const bare = april({ electronicSeq: null, openingCents: null, fromOn: null });
    expect(continuityBreaks(march, bare)).toEqual([]);
  });
});
