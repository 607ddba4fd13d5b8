import { XMLParser } from 'fast-xml-parser';
import { xsdErrors } from '@dachwerk/shared';
import { buildPain008, type DirectDebit } from './pain008';

const debit = (i: number, over: Partial<DirectDebit> = {}): DirectDebit => ({
  endToEndId: `FEE-${i}`,
  amountCents: 1000 + i,
  mandateRef: `M-${i}`,
  mandateSignedOn: '2024-02-01',
  sequence: i % 3 ? 'RCUR' : 'FRST',
  debtorName: `Jürgen Groß & Söhne <${i}>`,
  debtorIban: 'DE02120300000000202051',
  debtorBic: i % 2 ? 'BYLADEM1001' : null,
  remittance: `Mitgliedsbeitrag 2026 Nr. ${i} – Dankeschön`,
  ...over,
});

const file = (debits: DirectDebit[]) =>
  buildPain008({
    messageId: 'DW-2026-000001',
    createdAt: new Date('2026-11-26T10:00:00Z'),
    collectionDate: '2026-12-15',
    creditor: {
      name: 'Bürgerstiftung Dachwerk e.V.',
      iban: 'DE89370400440532013000',
      bic: null,
      creditorId: 'DE98ZZZ09999999999',
    },
    debits,
  });

describe('pain.008.001.08', () => {
  it('validates against the official schema and round-trips sums, counts and mandates', async () => {
    const debits = Array.from({ length: 25 }, (_, i) => debit(i + 1));
    const xml = file(debits);
    expect(await xsdErrors('pain.008.001.08', xml)).toEqual([]);

    const doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (n) => ['PmtInf', 'DrctDbtTxInf'].includes(n),
    }).parse(xml);
    const root = doc.Document.CstmrDrctDbtInitn;
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(Number(root.GrpHdr.NbOfTxs)).toBe(25);
    expect(cents(root.GrpHdr.CtrlSum)).toBe(debits.reduce((s, d) => s + d.amountCents, 0));
    const txs = root.PmtInf.flatMap(
      (p: { DrctDbtTxInf: unknown[]; CtrlSum: string; NbOfTxs: string }) => {
        const inner = p.DrctDbtTxInf as { InstdAmt: { '#text': string } }[];
        expect(cents(p.CtrlSum)).toBe(inner.reduce((s, t) => s + cents(t.InstdAmt['#text']), 0));
        expect(Number(p.NbOfTxs)).toBe(inner.length);
        return inner;
      },
    );
    expect(txs).toHaveLength(25);
    const first = txs.find(
      (t: { PmtId: { EndToEndId: string } }) => t.PmtId.EndToEndId === 'FEE-3',
    );
    expect(first.DrctDbtTx.MndtRltdInf).toEqual({ MndtId: 'M-3', DtOfSgntr: '2024-02-01' });
    expect(first.Dbtr.Nm).toBe('Juergen Gross + Soehne 3');
    expect(root.PmtInf.map((p: { PmtTpInf: { SeqTp: string } }) => p.PmtTpInf.SeqTp)).toEqual([
      'FRST',
      'RCUR',
    ]);
  });

  it('the schema check catches a broken file (so the check can fail)', async () => {
    const xml = file([debit(1, { mandateSignedOn: '1.2.2024' })]);
    expect((await xsdErrors('pain.008.001.08', xml)).join()).toMatch(/DtOfSgntr/);
  });
});
