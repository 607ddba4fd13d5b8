import iconv from 'iconv-lite';
import { CsvEncodingError, readCsv } from './read-csv';

describe('readCsv', () => {
  it('splits quoted fields with separators and doubled quotes, keeping line numbers', () => {
    const csv = readCsv(
      Buffer.from('\uFEFFName;Betrag\r\n"Groß; Jürgen";"1.234,56"\r\n\r\n"Er sagte ""ja""";5\r\n'),
    );
    expect(csv.header).toEqual(['name', 'betrag']);
    expect(csv.rows).toEqual([
      { line: 2, cells: ['Groß; Jürgen', '1.234,56'] },
      { line: 4, cells: ['Er sagte "ja"', '5'] },
    ]);
  });

  it('reads Windows-1252 and refuses binary files', () => {
    expect(readCsv(iconv.encode('name,ort\nMüller,Köln\n', 'win1252')).rows[0].cells).toEqual([
      'Müller',
      'Köln',
    ]);
    expect(() => readCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(
      CsvEncodingError,
    );
  });
});
