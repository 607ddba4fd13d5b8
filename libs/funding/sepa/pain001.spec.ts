import { XMLParser } from 'fast-xml-parser';
import { xsdErrors } from '@dachwerk/shared';
import { buildPain001 } from './pain001';

describe('pain.001.001.09', () => {
  const file = (executionDate = '2026-12-01') =>
    buildPain001({
      messageId: 'DWP-20261201-1',
      createdAt: new Date('2026-11-26T10:00:00Z'),
      executionDate,
      debtor: { name: 'Bürgerengagement e.V.', iban: 'DE89370400440532013000', bic: null },
      transfers: [
        {
          endToEndId: 'C1',
          amountCents: 12345,
          creditorName: 'Baumarkt Müller & Söhne',
          creditorIban: 'DE02120300000000202051',
          creditorBic: 'BYLADEM1001',
          remittance: 'Rechnung 4711 Gartenerde',
        },
        {
          endToEndId: 'C2',
          amountCents: 5000,
          creditorName: 'Jürgen Groß',
          creditorIban: 'DE02500105170137075030',
          creditorBic: null,
          remittance: 'Auslagen Sommerfest',
        },
      ],
    });

  it('validates against the official schema and round-trips sums and counts', async () => {
    const xml = file();
    expect(await xsdErrors('pain.001.001.09', xml)).toEqual([]);
    const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(
      xml,
    );
    const root = doc.Document.CstmrCdtTrfInitn;
    expect(root.GrpHdr).toMatchObject({ NbOfTxs: '2', CtrlSum: '173.45' });
    expect(root.PmtInf.CdtTrfTxInf.map((t: { Cdtr: { Nm: string } }) => t.Cdtr.Nm)).toEqual([
      'Baumarkt Mueller + Soehne',
      'Juergen Gross',
    ]);
  });

  it('the schema catches a broken file', async () => {
    expect((await xsdErrors('pain.001.001.09', file('01.12.2026'))).join()).toMatch(/Dt/);
  });
});
