import iconv from 'iconv-lite';
import { parseOpeningBalancesCsv } from './opening-balances-csv';

describe('parseOpeningBalancesCsv', () => {
  it('reads German CSV with decimal commas, in UTF-8 or Windows-1252', () => {
    const text = 'Konto;Soll;Haben\r\n18000;12.345,67;\r\n16000;250;\r\n25000;;12.595,67\r\n';
    for (const file of [
      Buffer.from(`\uFEFF${text}`),
      iconv.encode(text.replace('Konto', 'Konto'), 'win1252'),
    ]) {
      expect(parseOpeningBalancesCsv(file)).toEqual({
        lines: [
          { account: 18000, side: 'debit', amountCents: 1234567 },
          { account: 16000, side: 'debit', amountCents: 25000 },
          { account: 25000, side: 'credit', amountCents: 1259567 },
        ],
        errors: [],
      });
    }
  });

  it('names every bad line and returns nothing then', () => {
    const result = parseOpeningBalancesCsv(
      Buffer.from('account,debit,credit\nabc,1.00,\n18000,,\n16000,1.234.5,\n'),
    );
    expect(result.lines).toEqual([]);
    expect(result.errors.map((e) => `${e.line}:${e.field}:${e.rule}`)).toEqual([
      '2:account:isAccountNumber',
      '3:debit:oneSide',
      '4:debit:isAmount',
      '4:debit:oneSide',
    ]);
  });

  it('refuses a file without the expected header', () => {
    expect(parseOpeningBalancesCsv(Buffer.from('a;b;c\n1;2;3')).errors[0]).toMatchObject({
      line: 1,
      field: 'header',
    });
  });
});
