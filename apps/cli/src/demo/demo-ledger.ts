import type { EntityManager } from 'typeorm';
import {
  splitGross,
  type AutomaticVat,
  type LedgerService,
  type PostingInput,
  type PostingLine,
  type Sphere,
} from '@dachwerk/ledger';

/** A small deterministic PRNG, so every demo install shows the same books. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

interface Pattern {
  /** Bookings per month. */
  perMonth: number;
  text: string;
  documentPrefix: string;
  debit: number;
  credit: number;
  sphere: Sphere;
  minCents: number;
  maxCents: number;
  costCentres?: string[];
  /** The amounts are gross; the automatic VAT account on this side takes its tax. */
  vat?: AutomaticVat & { on: 'debit' | 'credit' };
}

const VAT_19_SALES = { rateBasisPoints: 1900, taxAccount: 38060, on: 'credit' } as const;
const VAT_19_PURCHASES = { rateBasisPoints: 1900, taxAccount: 14060, on: 'debit' } as const;

/** A pattern's booking: two lines, or three where an automatic VAT account takes its tax. */
function patternLines(p: Pattern, grossCents: number, costCentre?: string): PostingLine[] {
  const line = (account: number, side: 'debit' | 'credit', amountCents: number) => ({
    account,
    side,
    amountCents,
    sphere: p.sphere,
    costCentre,
  });
  if (!p.vat) return [line(p.debit, 'debit', grossCents), line(p.credit, 'credit', grossCents)];
  const { netCents, taxCents } = splitGross(grossCents, p.vat);
  return p.vat.on === 'credit'
    ? [
        line(p.debit, 'debit', grossCents),
        line(p.credit, 'credit', netCents),
        line(p.vat.taxAccount, 'credit', taxCents),
      ]
    : [
        line(p.debit, 'debit', netCents),
        line(p.vat.taxAccount, 'debit', taxCents),
        line(p.credit, 'credit', grossCents),
      ];
}

/**
 * The umbrella's year: fees, courses, a summer fair, rent, costs. Initiatives' money moves
 * through donations and funding (their demos), never by a plain ledger pattern.
 */
const UMBRELLA_PATTERNS: Pattern[] = [
  {
    perMonth: 12,
    text: 'Mitgliedsbeitrag',
    documentPrefix: 'MB',
    debit: 18000,
    credit: 40000,
    sphere: 1,
    minCents: 2400,
    maxCents: 12000,
  },
  {
    perMonth: 10,
    text: 'Spende',
    documentPrefix: 'SP',
    debit: 18100,
    credit: 40450,
    sphere: 1,
    minCents: 1000,
    maxCents: 50000,
  },
  {
    perMonth: 4,
    text: 'Kursgebühr Ehrenamtsakademie',
    documentPrefix: 'ZB',
    debit: 18000,
    credit: 41000,
    sphere: 3,
    minCents: 1500,
    maxCents: 9000,
  },
  {
    perMonth: 3,
    text: 'Getränkeverkauf Sommerfest',
    documentPrefix: 'WG',
    debit: 16000,
    credit: 44000,
    sphere: 4,
    minCents: 5000,
    maxCents: 60000,
    vat: VAT_19_SALES,
  },
  {
    perMonth: 1,
    text: 'Raummiete Untervermietung',
    documentPrefix: 'VV',
    debit: 18000,
    credit: 48610,
    sphere: 2,
    minCents: 45000,
    maxCents: 45000,
  },
  {
    perMonth: 1,
    text: 'Miete Geschäftsstelle',
    documentPrefix: 'RE',
    debit: 63100,
    credit: 18000,
    sphere: 1,
    minCents: 95000,
    maxCents: 95000,
  },
  {
    perMonth: 3,
    text: 'Bürobedarf',
    documentPrefix: 'RE',
    debit: 68150,
    credit: 18000,
    sphere: 1,
    minCents: 1500,
    maxCents: 18000,
  },
  {
    perMonth: 1,
    text: 'Kontoführung',
    documentPrefix: 'BK',
    debit: 68550,
    credit: 18000,
    sphere: 1,
    minCents: 890,
    maxCents: 1290,
  },
  {
    perMonth: 2,
    text: 'Wareneinkauf Sommerfest',
    documentPrefix: 'RE',
    debit: 54000,
    credit: 16000,
    sphere: 4,
    minCents: 3000,
    maxCents: 25000,
    vat: VAT_19_PURCHASES,
  },
  {
    perMonth: 1,
    text: 'Übungsleiterpauschale Akademie',
    documentPrefix: 'UL',
    debit: 60040,
    credit: 18000,
    sphere: 3,
    minCents: 20000,
    maxCents: 25000,
  },
];

/** The club's year: fees, a few donations, a tournament's kiosk, costs. */
const CLUB_PATTERNS: Pattern[] = [
  {
    perMonth: 15,
    text: 'Mitgliedsbeitrag',
    documentPrefix: 'MB',
    debit: 18000,
    credit: 40000,
    sphere: 1,
    minCents: 3000,
    maxCents: 15000,
  },
  {
    perMonth: 2,
    text: 'Spende',
    documentPrefix: 'SP',
    debit: 18000,
    credit: 40450,
    sphere: 1,
    minCents: 2000,
    maxCents: 20000,
  },
  {
    perMonth: 2,
    text: 'Kiosk Turnier',
    documentPrefix: 'WG',
    debit: 16000,
    credit: 44000,
    sphere: 4,
    minCents: 4000,
    maxCents: 30000,
    costCentres: ['JUGEND', 'SENIOREN'],
    vat: VAT_19_SALES,
  },
  {
    perMonth: 1,
    text: 'Hallenmiete',
    documentPrefix: 'RE',
    debit: 63100,
    credit: 18000,
    sphere: 1,
    minCents: 40000,
    maxCents: 40000,
    costCentres: ['JUGEND', 'SENIOREN'],
  },
  {
    perMonth: 1,
    text: 'Verbandsbeitrag',
    documentPrefix: 'RE',
    debit: 64200,
    credit: 18000,
    sphere: 1,
    minCents: 15000,
    maxCents: 15000,
  },
  {
    perMonth: 1,
    text: 'Kontoführung',
    documentPrefix: 'BK',
    debit: 68550,
    credit: 18000,
    sphere: 1,
    minCents: 600,
    maxCents: 900,
  },
];

export const DEMO_PATTERNS = { umbrella: UMBRELLA_PATTERNS, club: CLUB_PATTERNS };

const COST_CENTRE_NAMES: Record<string, string> = {
  JUGEND: 'Jugendabteilung',
  SENIOREN: 'Seniorensport',
};

/**
 * A year of bookings up to today in the current fiscal year: opening balances on
 * 1 January, then each pattern spread over the months. Idempotent: skipped when the
 * organisation already has entries.
 */
export async function seedDemoLedger(
  m: EntityManager,
  ledger: LedgerService,
  organisationId: string,
  patterns: Pattern[],
  today: string,
  seed: number,
): Promise<number> {
  const [{ n }] = await m.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM journal_entries WHERE organisation_id = $1`,
    [organisationId],
  );
  if (n > 0) return 0;
  await ledger.installChartIn(m, organisationId);
  const year = today.slice(0, 4);
  const existing = await m.query<unknown[]>(
    `SELECT 1 FROM fiscal_years WHERE organisation_id = $1 AND starts_on = $2`,
    [organisationId, `${year}-01-01`],
  );
  if (!existing.length) await ledger.createFiscalYearIn(m, organisationId, `${year}-01-01`);
  // The club's departments are its cost centres; postings may name only listed ones.
  const codes = [...new Set(patterns.flatMap((p) => p.costCentres ?? []))];
  await m.query(
    `INSERT INTO cost_centres (organisation_id, code, name) SELECT $1, c, COALESCE($3::jsonb ->> c, c)
       FROM unnest($2::text[]) c ON CONFLICT DO NOTHING`,
    [organisationId, codes, JSON.stringify(COST_CENTRE_NAMES)],
  );

  const random = prng(seed);
  const entries: PostingInput[] = [
    {
      bookedOn: `${year}-01-01`,
      documentOn: `${year}-01-01`,
      documentNo: `EB-${year}`,
      text: `Eröffnungsbilanzwerte ${year}`,
      source: 'opening-balance',
      lines: [
        { account: 18000, side: 'debit', amountCents: 2_450_000, sphere: 1 },
        { account: 18100, side: 'debit', amountCents: 830_000, sphere: 1 },
        { account: 16000, side: 'debit', amountCents: 45_000, sphere: 1 },
        { account: 29970, side: 'credit', amountCents: 600_000, sphere: 1 },
        { account: 25000, side: 'credit', amountCents: 2_725_000, sphere: 1 },
      ],
    },
  ];
  const lastMonth = Number(today.slice(5, 7));
  let counter = 0;
  for (let month = 1; month <= lastMonth; month++) {
    for (const p of patterns) {
      for (let i = 0; i < p.perMonth; i++) {
        const maxDay = month === lastMonth ? Number(today.slice(8, 10)) : 28;
        const day = 1 + Math.floor(random() * maxDay);
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const cents = p.minCents + Math.round((random() * (p.maxCents - p.minCents)) / 100) * 100;
        const costCentre = p.costCentres
          ? p.costCentres[Math.floor(random() * p.costCentres.length)]
          : undefined;
        entries.push({
          bookedOn: date,
          documentOn: date,
          documentNo: `${p.documentPrefix}-${year}-${String(++counter).padStart(4, '0')}`,
          text: costCentre ? `${p.text} ${costCentre}` : p.text,
          source: 'manual',
          lines: patternLines(p, cents, costCentre),
        });
      }
    }
  }
  entries.sort((a, b) => (a.bookedOn < b.bookedOn ? -1 : a.bookedOn > b.bookedOn ? 1 : 0));
  await ledger.postMany(m, organisationId, null, entries);
  return entries.length;
}
