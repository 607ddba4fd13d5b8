import { readCsv } from './read-csv';
import { csvText, neutraliseFormula } from './write-csv';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+49 711 1234', '-5 Spende', '@SUM(A1)', '\t=1', '\r=1'])(
    'puts an apostrophe before %p',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['Müller', 'a=b', '', "'=already", ' =1'])('leaves %p alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('csvText', () => {
  it('reads back as the neutralised text, quotes and separators intact', () => {
    const texts = ['=HYPERLINK("https://evil.example";"x")', 'Spende "Müller"; Dank', '@x', 'ok'];
    const file = Buffer.from(
      `a;b;c;d;e\r\n${[...texts.map(csvText), csvText(null)].join(';')}\r\n`,
    );
    expect(readCsv(file).rows[0].cells).toEqual([
      `'=HYPERLINK("https://evil.example";"x")`,
      'Spende "Müller"; Dank',
      "'@x",
      'ok',
      '',
    ]);
  });
});
