import {
  datevAmount,
  datevHeaderLine,
  datevRowLine,
  entryToRows,
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
      },
      {
        account: 40450,
        side: 'credit',
        amountCents: 7000,
        sphere: 1,
        costCentre: 'INI-1',
        isResultAccount: true,
      },
      {
        account: 40000,
        side: 'credit',
        amountCents: 3000,
        sphere: 1,
        costCentre: null,
        isResultAccount: true,
      },
    ]);
    expect(rows.map((r) => [r.amountCents, r.account, r.contraAccount, r.kost2])).toEqual([
      [7000, 18000, 40450, 'INI-1'],
      [3000, 18000, 40000, null],
    ]);
    const line = datevRowLine(rows[0]).split(';');
    expect(line[9]).toBe('0305');
    expect(line[KOST1_COLUMN]).toBe('"1"');
    expect(line[KOST2_COLUMN]).toBe('"INI-1"');
  });
});
