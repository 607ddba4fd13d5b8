import { xsdErrors } from '@dachwerk/shared';
import { writeCamt053, type CamtStatement } from './camt053-writer';
import { amountToCents, CAMT_VERSIONS, parseCamt053 } from './camt053';

const statement = (version: CamtStatement['version']): CamtStatement => ({
  version,
  iban: 'DE89370400440532013000',
  statementRef: `2026-11-${version.slice(-2)}`,
  seq: 47,
  from: '2026-11-01',
  to: '2026-11-30',
  openingCents: 100_000,
  entries: [
    {
      amountCents: 2500,
      bookedOn: '2026-11-03',
      bankRef: 'B1',
      transactions: [
        {
          amountCents: 2500,
          name: 'Jürgen Groß',
          iban: 'DE02120300000000202051',
          remittance: 'Beitrag M-00001',
        },
      ],
    },
    {
      amountCents: 6000,
      bookedOn: '2026-11-16',
      paymentInfoId: 'DW20261116ABC-RCUR',
      transactions: [
        {
          amountCents: 1000,
          endToEndId: 'R1',
          mandateRef: 'M-1',
          name: 'A',
          iban: 'DE02120300000000202051',
        },
        {
          amountCents: 2000,
          endToEndId: 'R2',
          mandateRef: 'M-2',
          name: 'B',
          iban: 'DE02120300000000202051',
        },
        {
          amountCents: 3000,
          endToEndId: 'R3',
          mandateRef: 'M-3',
          name: 'C',
          iban: 'DE02120300000000202051',
        },
      ],
    },
    {
      amountCents: -1300,
      bookedOn: '2026-11-20',
      transactions: [
        {
          amountCents: -1300,
          endToEndId: 'R2',
          mandateRef: 'M-2',
          returnReason: 'AM04',
          chargesCents: 300,
          name: 'B',
          iban: 'DE02120300000000202051',
        },
      ],
    },
    {
      amountCents: 9210,
      bookedOn: '2026-11-21',
      transactions: [
        {
          amountCents: 9210,
          name: 'Friends of Dachwerk Inc.',
          remittance: 'Donation',
          original: { amountCents: 10000, currency: 'USD' },
        },
      ],
    },
    { amountCents: -450, bookedOn: '2026-11-30', transactions: [] },
  ],
});

describe('camt.053 reading', () => {
  it.each(CAMT_VERSIONS)(
    '%s: the test file is schema-valid and reads completely',
    async (version) => {
      const xml = writeCamt053(statement(version));
      expect(await xsdErrors(version, xml)).toEqual([]);
      const [s] = parseCamt053(xml);
      expect(s).toMatchObject({
        version,
        iban: 'DE89370400440532013000',
        electronicSeq: 47,
        openingCents: 100_000,
        closingCents: 115_960,
      });
      expect(s.entries.map((e) => e.amountCents)).toEqual([2500, 6000, -1300, 9210, -450]);
      expect(s.entries.map((e) => e.transactions.length)).toEqual([1, 3, 1, 1, 1]);
      expect(s.entries[1].paymentInfoId).toBe('DW20261116ABC-RCUR');
      expect(
        s.entries[1].transactions.map((t) => [t.endToEndId, t.mandateRef, t.amountCents]),
      ).toEqual([
        ['R1', 'M-1', 1000],
        ['R2', 'M-2', 2000],
        ['R3', 'M-3', 3000],
      ]);
      expect(s.entries[0].transactions[0]).toMatchObject({
        counterpartyName: 'Jürgen Groß',
        counterpartyIban: 'DE02120300000000202051',
        remittance: 'Beitrag M-00001',
      });
      expect(s.entries[2].transactions[0]).toMatchObject({
        returnReason: 'AM04',
        chargesCents: 300,
        amountCents: -1300,
      });
      expect(s.entries[3].transactions[0]).toMatchObject({
        originalAmountCents: 10000,
        originalCurrency: 'USD',
        amountCents: 9210,
      });
      expect(s.entries[4].transactions[0]).toMatchObject({
        amountCents: -450,
        remittance: 'Kontofuehrungsentgelt',
      });
    },
  );

  it('names malformed XML with its line, and an unknown version', () => {
    expect(() => parseCamt053('<Document>\n<Stmt></Document>')).toThrow(
      expect.objectContaining({ code: 'XML_MALFORMED' }),
    );
    const pain =
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"><BkToCstmrAcctRpt/></Document>';
    expect(() => parseCamt053(pain)).toThrow(
      expect.objectContaining({ code: 'STATEMENT_VERSION_UNSUPPORTED' }),
    );
  });

  it('names the entry whose transactions do not add up', () => {
    const xml = writeCamt053(statement('camt.053.001.08')).replace(
      '<Amt Ccy="EUR">60.00</Amt>',
      '<Amt Ccy="EUR">61.00</Amt>',
    );
    expect(() => parseCamt053(xml)).toThrow(
      expect.objectContaining({
        code: 'STATEMENT_INVALID',
        details: { errors: [expect.objectContaining({ field: 'Ntry[2]' })] },
      }),
    );
  });

  it('reads amounts exactly', () => {
    expect(amountToCents('0.1')).toBe(10);
    expect(amountToCents('1234567.89')).toBe(123456789);
    expect(amountToCents('1.005')).toBeUndefined();
    expect(amountToCents('-1')).toBeUndefined();
  });
});
