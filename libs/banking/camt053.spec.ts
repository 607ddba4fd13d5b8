import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xsdErrors } from '@dachwerk/shared';
import { writeCamt053, type CamtStatement } from './camt053-writer';
import { amountToCents, assertBalances, CAMT_VERSIONS, parseCamt053 } from './camt053';

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
        counterpartyName: 'B',
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

describe('camt.053 as German banks write it', () => {
  const base = (entries: CamtStatement['entries'], version: CamtStatement['version']) => ({
    version,
    iban: 'DE89370400440532013000',
    statementRef: 'S',
    from: '2026-03-01',
    to: '2026-03-31',
    openingCents: 10_000,
    entries,
  });

  // Version 04 requires an amount on every detail; 02 and 08 let the entry carry it.
  it.each(['camt.053.001.02', 'camt.053.001.08'] as const)(
    '%s: a detail without its own amount takes the entry’s; a return names the debtor, not us',
    async (version) => {
      const xml = writeCamt053(
        base(
          [
            {
              amountCents: -5300,
              bookedOn: '2026-03-04',
              transactions: [
                {
                  amountCents: -5300,
                  omitAmount: true,
                  returnReason: 'AC04',
                  chargesCents: 300,
                  name: 'Sabine Säumig',
                  iban: 'DE02120300000000202051',
                  ownIban: 'DE89370400440532013000',
                  original: { amountCents: 5000, currency: 'EUR' },
                },
              ],
            },
            {
              amountCents: 3000,
              bookedOn: '2026-03-05',
              transactions: [
                { amountCents: 1000, name: 'A' },
                { amountCents: 2000, name: 'B', omitAmount: true },
              ],
            },
          ],
          version,
        ),
      );
      expect(await xsdErrors(version, xml)).toEqual([]);
      const [s] = parseCamt053(xml);
      expect(s.entries[0].transactions[0]).toMatchObject({
        amountCents: -5300,
        chargesCents: 300,
        returnReason: 'AC04',
        counterpartyName: 'Sabine Säumig',
        counterpartyIban: 'DE02120300000000202051',
      });
      // One of several without an amount: what the others leave of the entry.
      expect(s.entries[1].transactions.map((t) => t.amountCents)).toEqual([1000, 2000]);
    },
  );

  it('refuses only what cannot be decided: two details without an amount', () => {
    const xml = writeCamt053(
      base(
        [
          {
            amountCents: 3000,
            bookedOn: '2026-03-05',
            transactions: [
              { amountCents: 1000, name: 'A', omitAmount: true },
              { amountCents: 2000, name: 'B', omitAmount: true },
            ],
          },
        ],
        'camt.053.001.08',
      ),
    );
    expect(() => parseCamt053(xml)).toThrow(
      expect.objectContaining({
        code: 'STATEMENT_INVALID',
        details: {
          errors: [
            expect.objectContaining({
              field: 'Ntry[1]',
              message: expect.stringMatching(/2 transactions have no amount/),
            }),
          ],
        },
      }),
    );
  });

  it.each(CAMT_VERSIONS)(
    '%s: pending, information-only and foreign-currency entries are kept but not settled; structured references are kept',
    async (version) => {
      const xml = writeCamt053(
        base(
          [
            {
              amountCents: 12_000,
              bookedOn: '2026-03-10',
              transactions: [
                { amountCents: 12_000, name: 'Jörg Überweiser', creditorRef: 'RF18539007547034' },
              ],
            },
            {
              amountCents: 5_000,
              bookedOn: '2026-03-11',
              status: 'PDNG',
              transactions: [{ amountCents: 5_000, name: 'Bald' }],
            },
            { amountCents: 700, bookedOn: '2026-03-11', status: 'INFO', transactions: [] },
            {
              amountCents: 4_000,
              bookedOn: '2026-03-12',
              currency: 'USD',
              transactions: [{ amountCents: 4_000, name: 'Abroad' }],
            },
          ],
          version,
        ),
      );
      expect(await xsdErrors(version, xml)).toEqual([]);
      const statements = parseCamt053(xml);
      const [s] = statements;
      expect(s.entries.map((e) => [e.status, e.currency, e.isSettled])).toEqual([
        ['BOOK', 'EUR', true],
        ['PDNG', 'EUR', false],
        ['INFO', 'EUR', false],
        ['BOOK', 'USD', false],
      ]);
      expect(s.closingCents).toBe(22_000);
      expect(() => assertBalances(statements)).not.toThrow();
      expect(s.entries[0].transactions[0].creditorRef).toBe('RF18539007547034');
    },
  );

  it('refuses a statement whose entries do not lead from the opening to the closing balance', () => {
    const statements = parseCamt053(
      writeCamt053({
        ...base(
          [{ amountCents: 2500, bookedOn: '2026-03-02', transactions: [] }],
          'camt.053.001.08',
        ),
        closingCents: 12_000,
      }),
    );
    expect(() => assertBalances(statements)).toThrow(
      expect.objectContaining({
        code: 'STATEMENT_BALANCE_MISMATCH',
        message: expect.stringMatching(/gives 125,00 €, but the closing balance is 120,00 €/),
      }),
    );
  });

  it('reads the files in fixtures/ (shaped like real German bank files) completely', () => {
    const read = (name: string) =>
      parseCamt053(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
    const [fints] = read('fints-return.camt053.001.02.xml');
    expect(fints).toMatchObject({ electronicSeq: null, fromOn: null, openingCents: 100_000 });
    expect(fints.entries[0].transactions[0]).toMatchObject({
      amountCents: -5300,
      chargesCents: 300,
      originalAmountCents: 5000,
      mandateRef: 'MANDAT-0042',
      returnReason: 'AC04',
      counterpartyName: 'Sabine Säumig',
    });
    expect(fints.entries[0].bankRef).toBeNull();
    const [v8] = read('transfers-rf-pending.camt053.001.08.xml');
    expect(v8.entries.map((e) => [e.bookedOn, e.amountCents, e.isSettled])).toEqual([
      ['2026-03-10', 12_000, true],
      ['2026-03-10', 9_000, true],
      ['2026-03-11', 10_000, false],
    ]);
    expect(v8.entries[0].transactions[0]).toMatchObject({
      endToEndId: null,
      creditorRef: 'RF18539007547034',
      counterpartyName: 'Jörg Überweiser',
    });
    // The USD figure on the detail is not the money booked: the entry's 90 EUR is.
    expect(v8.entries[1].transactions[0]).toMatchObject({
      amountCents: 9_000,
      originalAmountCents: 10_000,
      originalCurrency: 'USD',
    });
    expect(() => assertBalances([fints, v8])).not.toThrow();
  });
});
