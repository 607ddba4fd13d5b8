import fc from 'fast-check';
import { AuditModule } from '@dachwerk/audit';
import type { Actor, ExportSink } from '@dachwerk/shared';
import { Transactions } from '@dachwerk/shared';
import {
  createCostCentres,
  createOrganisation,
  createTestModule,
  createUser,
  TestModule,
} from '@dachwerk/testing';
import { datevBalances, parseDatev } from '../../test/support/datev';
import { loadChartTemplate } from './chart';
import { DATEV_COLUMNS } from './datev-format';
import { LedgerExportService } from './ledger-export.service';
import { LedgerModule } from './ledger.module';
import { LedgerService } from './ledger.service';
import type { PostingInput, PostingLine } from './ledger.types';
import { splitGross } from './posting-rules';

describe('DATEV export read back as DATEV reads it', () => {
  let t: TestModule;
  let ledger: LedgerService;
  let exporter: LedgerExportService;
  let tx: Transactions;
  let userId: string;

  const template = loadChartTemplate('skr42');
  const automatic = (n: number) => template.accounts.find((a) => a.number === n)?.vat ?? null;

  beforeAll(async () => {
    t = await createTestModule([AuditModule, LedgerModule]);
    ledger = t.moduleRef.get(LedgerService);
    exporter = t.moduleRef.get(LedgerExportService);
    tx = t.moduleRef.get(Transactions);
    userId = (await createUser(t.sql)).id;
  });
  afterAll(() => t.close());

  async function books(settings: { consultant: number | null; client: number | null }) {
    const orgId = (await createOrganisation(t.sql)).id;
    await createCostCentres(t.sql, orgId, ['VERW', 'INI-1']);
    const actor: Actor = {
      userId,
      email: 'x@example.org',
      name: 'T',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer'] },
      initiativeIds: {},
    };
    await ledger.installChart(actor, orgId);
    await ledger.createFiscalYear(actor, orgId, '2026-01-01');
    await ledger.updateSettings(actor, orgId, {
      datevConsultantNumber: settings.consultant,
      datevClientNumber: settings.client,
    });
    return { orgId, actor };
  }

  async function exportDatev(
    actor: Actor,
    orgId: string,
    openingBalances: 'include' | 'omit' = 'include',
  ): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const sink: ExportSink = {
      start: () => undefined,
      write: async (c) => void chunks.push(c),
      end: () => undefined,
    };
    await exporter.datev(actor, orgId, '2026-01-01', '2026-12-31', sink, { openingBalances });
    return Buffer.concat(chunks);
  }

  async function bookBalances(orgId: string, withoutSource?: string): Promise<Map<number, number>> {
    const rows = await t.sql.query<{ account: number; cents: string }[]>(
      `SELECT l.account_number AS account,
              sum(CASE l.side WHEN 'D' THEN l.amount_cents ELSE -l.amount_cents END) AS cents
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE l.organisation_id = $1 AND e.source IS DISTINCT FROM $2
        GROUP BY 1`,
      [orgId, withoutSource ?? null],
    );
    return new Map(
      rows.filter((r) => Number(r.cents) !== 0).map((r) => [r.account, Number(r.cents)]),
    );
  }

  it('refuses the export while the consultant or client number is missing, naming it', async () => {
    const { orgId, actor } = await books({ consultant: 29098, client: null });
    await expect(exportDatev(actor, orgId)).rejects.toMatchObject({
      code: 'DATEV_SETTINGS_MISSING',
      details: { missing: ['datevClientNumber'] },
    });
  });

  // A treasurer's year in small: opening balances, donations, kiosk sales and purchases
  // with VAT, split entries, reversals.
  const cents = fc.integer({ min: 1, max: 500_000 });
  const day = fc.integer({ min: 1, max: 364 });
  const bookingArb = fc.oneof(
    fc.record({ kind: fc.constant('donation' as const), cents, day, ini: fc.boolean() }),
    fc.record({
      kind: fc.constant('sale' as const),
      cents,
      day,
      rate: fc.constantFrom(43000, 44000),
    }),
    fc.record({
      kind: fc.constant('purchase' as const),
      cents,
      day,
      rate: fc.constantFrom(53000, 54000),
    }),
    fc.record({ kind: fc.constant('split' as const), cents, more: cents, day }),
  );

  type Booking = typeof bookingArb extends fc.Arbitrary<infer T> ? T : never;

  function linesOf(b: Booking): PostingLine[] {
    switch (b.kind) {
      case 'donation':
        return [
          { account: 18000, side: 'debit', amountCents: b.cents, sphere: 1 },
          {
            account: 40450,
            side: 'credit',
            amountCents: b.cents,
            costCentre: b.ini ? 'INI-1' : null,
          },
        ];
      case 'sale': {
        const vat = automatic(b.rate)!;
        const { netCents, taxCents } = splitGross(b.cents, vat);
        return [
          { account: 16000, side: 'debit', amountCents: b.cents, sphere: 4 },
          { account: b.rate, side: 'credit', amountCents: netCents, sphere: 4 },
          ...(taxCents
            ? [
                {
                  account: vat.taxAccount,
                  side: 'credit' as const,
                  amountCents: taxCents,
                  sphere: 4 as const,
                },
              ]
            : []),
        ];
      }
      case 'purchase': {
        const vat = automatic(b.rate)!;
        const { netCents, taxCents } = splitGross(b.cents, vat);
        return [
          { account: b.rate, side: 'debit', amountCents: netCents, sphere: 4 },
          ...(taxCents
            ? [
                {
                  account: vat.taxAccount,
                  side: 'debit' as const,
                  amountCents: taxCents,
                  sphere: 4 as const,
                },
              ]
            : []),
          { account: 16000, side: 'credit', amountCents: b.cents, sphere: 4 },
        ];
      }
      default:
        return [
          { account: 63010, side: 'debit', amountCents: b.cents, sphere: 1 },
          { account: 68550, side: 'debit', amountCents: b.more, sphere: 1, costCentre: 'VERW' },
          { account: 18000, side: 'credit', amountCents: b.cents + b.more, sphere: 1 },
        ];
    }
  }

  it('writes 125 columns per row and arrives at the books’ balances, with or without opening balances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ booking: bookingArb, reverse: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (bookings) => {
          const { orgId, actor } = await books({ consultant: 29098, client: 55003 });
          const opening: PostingInput = {
            bookedOn: '2026-01-01',
            documentOn: '2026-01-01',
            documentNo: 'EB-2026',
            text: 'Eröffnungsbilanzwerte 2026',
            source: 'opening-balance',
            lines: [
              { account: 18000, side: 'debit', amountCents: 1_000_000, sphere: 1 },
              { account: 16000, side: 'debit', amountCents: 50_000, sphere: 1 },
              { account: 25000, side: 'credit', amountCents: 1_050_000, sphere: 1 },
            ],
          };
          const inputs: PostingInput[] = bookings.map(({ booking }, i) => {
            const date = new Date(Date.UTC(2026, 0, 1 + booking.day)).toISOString().slice(0, 10);
            return {
              bookedOn: date,
              documentOn: date,
              documentNo: `B-${i}`,
              text: `Buchung ${booking.kind}`,
              source: 'manual',
              lines: linesOf(booking),
            };
          });
          const posted = await tx.run((m) =>
            ledger.postMany(m, orgId, userId, [opening, ...inputs]),
          );
          for (const [i, { reverse }] of bookings.entries())
            if (reverse)
              await tx.run((m) =>
                ledger.reverse(m, orgId, userId, posted[i + 1].id, { bookedOn: '2026-12-31' }),
              );

          const file = parseDatev(await exportDatev(actor, orgId));
          expect(file.header.slice(0, 5)).toEqual(['EXTF', '700', '21', 'Buchungsstapel', '13']);
          expect(file.columns).toEqual(DATEV_COLUMNS);
          for (const row of file.rows) expect(row).toHaveLength(125);
          // Every tax went over with its gross amount: DATEV's automatic books it (and its
          // VAT return counts it), so no row names a tax account.
          const taxAccounts = ['38010', '38060', '14010', '14060'];
          expect(
            file.rows.filter((r) => taxAccounts.includes(r[6]) || taxAccounts.includes(r[7])),
          ).toEqual([]);
          const datev = datevBalances(file.rows, automatic);
          // Opening balances meet on the Saldenvortrag account and nowhere else.
          expect(datev.get(90000) ?? 0).toBe(0);
          expect(datev).toEqual(await bookBalances(orgId));

          const without = parseDatev(await exportDatev(actor, orgId, 'omit'));
          expect(without.rows.some((r) => r[6] === '90000' || r[7] === '90000')).toBe(false);
          expect(datevBalances(without.rows, automatic)).toEqual(
            await bookBalances(orgId, 'opening-balance'),
          );
        },
      ),
      { numRuns: 15 },
    );
  });
});
