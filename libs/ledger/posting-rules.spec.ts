import {
  checkAutomaticVat,
  checkEntryShape,
  expectedTax,
  isCalendarDate,
  splitGross,
  taxOfGross,
} from './posting-rules';

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
    const huge = 2 ** 52;
    expect(() =>
      checkEntryShape({
        ...entry,
        lines: [
          { ...entry.lines[0], amountCents: huge },
          { ...entry.lines[2], amountCents: huge },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'AMOUNT_TOO_LARGE',
        details: expect.objectContaining({ field: 'lines.0.amountCents' }),
      }),
    );
  });

  const vat19 = { rateBasisPoints: 1900, taxAccount: 38060 };
  const vat7 = { rateBasisPoints: 700, taxAccount: 38010 };
  const vatOf = (n: number) => (n === 44000 ? vat19 : n === 43000 ? vat7 : null);

  it('splits gross amounts as DATEV does: tax rounded half up to the cent', () => {
    expect(splitGross(11900, vat19)).toEqual({ netCents: 10000, taxCents: 1900 });
    expect(splitGross(12000, vat19)).toEqual({ netCents: 10084, taxCents: 1916 });
    expect(splitGross(107, vat7)).toEqual({ netCents: 100, taxCents: 7 });
    expect(taxOfGross(1, vat19)).toBe(0);
    // For every net amount there is a tax that splits back to it.
    for (let net = 1; net < 3000; net++) {
      const tax = expectedTax(net, vat19);
      expect(splitGross(net + tax, vat19)).toEqual({ netCents: net, taxCents: tax });
    }
  });

  it('refuses an automatic VAT account without its tax, with the wrong tax, or twice', () => {
    const sale =
      (lines: { account: number; side: 'debit' | 'credit'; amountCents: number }[]) => () =>
        checkAutomaticVat(lines, vatOf);
    expect(
      sale([
        { account: 16000, side: 'debit', amountCents: 12000 },
        { account: 44000, side: 'credit', amountCents: 10084 },
        { account: 38060, side: 'credit', amountCents: 1916 },
      ]),
    ).not.toThrow();
    expect(
      sale([
        { account: 16000, side: 'debit', amountCents: 12000 },
        { account: 44000, side: 'credit', amountCents: 12000 },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'VAT_LINE_MISSING',
        details: expect.objectContaining({ expectedTaxCents: 2280, taxAccount: 38060 }),
      }),
    );
    expect(
      sale([
        { account: 16000, side: 'debit', amountCents: 12000 },
        { account: 44000, side: 'credit', amountCents: 10000 },
        { account: 38060, side: 'credit', amountCents: 2000 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'VAT_AMOUNT_WRONG' }));
    // The tax on the other side is no tax of this line.
    expect(
      sale([
        { account: 38060, side: 'debit', amountCents: 1916 },
        { account: 16000, side: 'debit', amountCents: 10084 },
        { account: 44000, side: 'credit', amountCents: 12000 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'VAT_LINE_MISSING' }));
    expect(
      sale([
        { account: 16000, side: 'debit', amountCents: 238 },
        { account: 44000, side: 'credit', amountCents: 100 },
        { account: 44000, side: 'credit', amountCents: 100 },
        { account: 38060, side: 'credit', amountCents: 38 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'VAT_ACCOUNT_TWICE' }));
  });
});
