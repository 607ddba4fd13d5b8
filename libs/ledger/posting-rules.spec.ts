import { checkEntryShape, isCalendarDate } from './posting-rules';

describe('posting rules', () => {
  it('knows calendar dates, leap years included', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('returns the total of a balanced entry and names what is wrong otherwise', () => {
    const entry = {
      bookedOn: '2026-01-02',
      documentOn: '2026-01-02',
      documentNo: 'B1',
      text: 'x',
      source: 'manual',
      lines: [
        { account: 1, side: 'debit' as const, amountCents: 70 },
        { account: 2, side: 'debit' as const, amountCents: 30 },
        { account: 3, side: 'credit' as const, amountCents: 100 },
      ],
    };
    expect(checkEntryShape(entry)).toBe(100);
    expect(() => checkEntryShape({ ...entry, lines: entry.lines.slice(1) })).toThrow(
      expect.objectContaining({ code: 'ENTRY_UNBALANCED' }),
    );
    expect(() => checkEntryShape({ ...entry, text: 'x'.repeat(61) })).toThrow(
      expect.objectContaining({ code: 'TEXT_INVALID' }),
    );
    expect(() =>
      checkEntryShape({
        ...entry,
        lines: [{ ...entry.lines[0], amountCents: 0.5 }, entry.lines[2]],
      }),
    ).toThrow(expect.objectContaining({ code: 'AMOUNT_NOT_POSITIVE' }));
  });
});
