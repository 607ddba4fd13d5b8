import {
  DATEV_COLUMNS,
  datevColumnLine,
  datevAmount,
  datevHeaderLine,
  datevRowLine,
  entryToRows,
  openingBalanceAccount,
  openingBalanceRows,
  type SplittableLine,
  KOST1_COLUMN,
  KOST2_COLUMN,
  quote,
} from './datev-format';

describe('DATEV format', () => {
  it('writes amounts without sign or thousands separator, with a decimal comma', () => {
    expect(datevAmount(1)).toBe('0,01');
    expect(datevAmount(123456789)).toBe('1234567,89');
    expect(datevAmount(-500)).toBe('5,00');
  });

  it('quotes text, doubles quotes and cuts to the field length', () => {
    expect(quote('Spende "Müller"')).toBe('"Spende ""Müller"""');
    expect(quote('x'.repeat(70), 60)).toBe(`"${'x'.repeat(60)}"`);
    expect(quote('a\r\nb')).toBe('"a b"');
    expect(quote('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(quote('-5 Spende', 60)).toBe('"\'-5 Spende"');
  });

  it('puts header fields in their places', () => {
    const fields = datevHeaderLine({
      createdAt: new Date('2026-03-04T05:06:07.089Z'),
      consultantNumber: 29098,
      clientNumber: 55003,
      fiscalYearStart: '2026-01-01',
      accountLength: 5,
      from: '2026-01-01',
      to: '2026-03-31',
      label: 'Dachwerk',
      isLocked: true,
    }).split(';');
    expect(fields.slice(0, 6)).toEqual([
      '"EXTF"',
      '700',
      '21',
      '"Buchungsstapel"',
      '13',
      '20260304050607089',
    ]);
    expect(fields.slice(10, 16)).toEqual([
      '29098',
      '55003',
      '20260101',
      '5',
      '20260101',
      '20260331',
    ]);
    expect(fields[20]).toBe('1');
    expect(fields[21]).toBe('"EUR"');
    // Format 700's header has 31 fields, SKR at field 27; DATEV refuses a shorter one.
    expect(fields).toHaveLength(31);
    expect(fields[26]).toBe('"42"');
  });

  it('splits a split entry into Konto/Gegenkonto pairs that add up', () => {
    const rows = entryToRows({ documentOn: '2026-05-03', documentNo: 'B1', text: 'Split' }, [
      {
        account: 18000,
        side: 'debit',
        amountCents: 10000,
        sphere: 1,
        costCentre: null,
        isResultAccount: false,
        vat: null,
        isDatevAutomatic: false,
      },
      {
        account: 40450,
        side: 'credit',
        amountCents: 7000,
        sphere: 1,
        costCentre: 'INI-1',
        isResultAccount: true,
        vat: null,
        isDatevAutomatic: false,
      },
      {
        account: 40000,
        side: 'credit',
        amountCents: 3000,
        sphere: 1,
        costCentre: null,
        isResultAccount: true,
        vat: null,
        isDatevAutomatic: false,
      },
    ]);
    expect(rows.map((r) => [r.amountCents, r.account, r.contraAccount, r.kost2])).toEqual([
      [7000, 18000, 40450, 'INI-1'],
      [3000, 18000, 40000, null],
    ]);
    const line = datevRowLine(rows[0]).split(';');
    expect(line).toHaveLength(125);
    expect(line[9]).toBe('0305');
    expect(line[KOST1_COLUMN]).toBe('"1"');
    expect(line[KOST2_COLUMN]).toBe('"INI-1"');
  });

  it('names all 125 columns of format version 13, from Umsatz to Abw. Skontokonto', () => {
    expect(DATEV_COLUMNS).toHaveLength(125);
    expect(new Set(DATEV_COLUMNS).size).toBe(125);
    expect(DATEV_COLUMNS[KOST1_COLUMN]).toBe('KOST1 – Kostenstelle');
    expect(KOST1_COLUMN).toBe(36);
    expect(DATEV_COLUMNS[47]).toBe('Zusatzinformation – Art 1');
    expect(DATEV_COLUMNS[87]).toBe('Stück');
    expect(DATEV_COLUMNS[113]).toBe('Festschreibung');
    expect(DATEV_COLUMNS[124]).toBe('Abw. Skontokonto');
    expect(datevColumnLine().split(';')).toHaveLength(125);
  });

  const line = (over: Partial<SplittableLine>): SplittableLine => ({
    account: 16000,
    side: 'debit',
    amountCents: 0,
    sphere: 4,
    costCentre: null,
    isResultAccount: false,
    vat: null,
    isDatevAutomatic: false,
    ...over,
  });
  const entry = { documentOn: '2026-07-04', documentNo: 'K-1', text: 'Kiosk' };
  const vat19 = { rateBasisPoints: 1900, taxAccount: 38060 };

  it('hands an automatic VAT account over gross, without its tax line, for DATEV to split', () => {
    const rows = entryToRows(entry, [
      line({ amountCents: 12000 }),
      line({
        account: 44000,
        side: 'credit',
        amountCents: 10084,
        isResultAccount: true,
        vat: vat19,
        isDatevAutomatic: true,
      }),
      line({ account: 38060, side: 'credit', amountCents: 1916 }),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        amountCents: 12000,
        account: 16000,
        contraAccount: 44000,
        buKey: '',
        kost1: 4,
      }),
    ]);
  });

  it('books untaxed lines on an automatic account with BU 40, so that DATEV splits nothing', () => {
    const rows = entryToRows(entry, [
      line({ amountCents: 5000 }),
      line({
        account: 43000,
        side: 'credit',
        amountCents: 5000,
        isResultAccount: true,
        isDatevAutomatic: true,
      }),
    ]);
    expect(rows.map((r) => [r.account, r.contraAccount, r.amountCents, r.buKey])).toEqual([
      [16000, 43000, 5000, '40'],
    ]);
    expect(datevRowLine(rows[0]).split(';')[8]).toBe('"40"');
  });

  it('sends opening balances against the Saldenvortrag account, line by line', () => {
    expect(openingBalanceAccount(5)).toBe(90000);
    expect(openingBalanceAccount(4)).toBe(9000);
    const rows = openingBalanceRows(
      { documentOn: '2026-01-01', documentNo: 'EB-2026', text: 'Eröffnung' },
      [
        line({ account: 18000, amountCents: 300000, sphere: 1 }),
        line({ account: 25000, side: 'credit', amountCents: 300000, sphere: 1 }),
      ],
      90000,
    );
    expect(rows.map((r) => [r.account, r.contraAccount, r.amountCents])).toEqual([
      [18000, 90000, 300000],
      [90000, 25000, 300000],
    ]);
  });
});
