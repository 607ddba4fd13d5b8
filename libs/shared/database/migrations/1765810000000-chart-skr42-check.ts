import { MigrationInterface, QueryRunner } from 'typeorm';

type Type = 'asset' | 'liability' | 'equity' | 'income' | 'expense';
type Row = [number, string, Type, number[], [number, number]?];

/**
 * The chart template checked account by account against DATEV's SKR 42 (§ 4 Abs. 3 EStG
 * edition; config/charts/skr42.json says where the list comes from), applied to every
 * chart installed from the old template — without touching a posted entry:
 * - an account whose number meant something else than in SKR 42 (or that SKR 42 lacks)
 *   is, when unused, removed and (if SKR 42 has the number in the template) added anew;
 *   when in use it keeps its number and name, is deactivated and names its successor
 *   (`superseded_by`) — its balance moves by new postings (reclassification, year end);
 * - an account whose meaning stays gets DATEV's name (and, for automatic VAT accounts,
 *   its tax rate and tax account);
 * - accounts the template now has are added.
 * Rows a user renamed are left alone: the user has made them their own.
 * The data is frozen here: a migration never reads config/, which moves on.
 * docs/decisions/0006-chart-changes-never-rewrite-books.md explains the choice.
 */
export class ChartSkr42Check1765810000000 implements MigrationInterface {
  name = 'ChartSkr42Check1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts
      ADD COLUMN vat_rate_basis_points smallint CHECK (vat_rate_basis_points BETWEEN 1 AND 9999),
      ADD COLUMN vat_account integer,
      ADD COLUMN superseded_by integer,
      ADD CONSTRAINT accounts_vat_complete CHECK ((vat_rate_basis_points IS NULL) = (vat_account IS NULL)),
      ADD CONSTRAINT accounts_vat_account_fk FOREIGN KEY (organisation_id, vat_account) REFERENCES accounts (organisation_id, number),
      ADD CONSTRAINT accounts_superseded_fk FOREIGN KEY (organisation_id, superseded_by) REFERENCES accounts (organisation_id, number),
      ADD CONSTRAINT accounts_superseded_inactive CHECK (superseded_by IS NULL OR NOT is_active)`);
    await correctChartToSkr42(q);
  }

  async down(): Promise<void> {
    // A chart correction is not undone: entries may name the new accounts by now.
  }
}

/** The data part, exported so a test can run it on books made with the old template. */
export async function correctChartToSkr42(q: {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}): Promise<void> {
  const inUse = `EXISTS (SELECT 1 FROM account_month_balances b
                            WHERE b.organisation_id = a.organisation_id AND b.account_number = a.number)`;
  for (const [number, [oldName]] of Object.entries(MEANING_CHANGED)) {
    await q.query(`DELETE FROM accounts a WHERE a.number = $1 AND a.name = $2 AND NOT ${inUse}`, [
      Number(number),
      oldName,
    ]);
  }
  // Successors first, so that superseded_by can point to them.
  const template = [...TEMPLATE].sort((x, y) => Number(!!x[4]) - Number(!!y[4]));
  for (const [number, name, type, spheres, vat] of template) {
    await q.query(
      `INSERT INTO accounts (organisation_id, number, name, type, spheres, vat_rate_basis_points, vat_account)
         SELECT DISTINCT organisation_id, $1::int, $2, $3, $4::smallint[], $5::smallint, $6::int FROM accounts
         ON CONFLICT DO NOTHING`,
      [number, name, type, spheres, vat?.[0] ?? null, vat?.[1] ?? null],
    );
  }
  for (const [number, [oldName, successor]] of Object.entries(MEANING_CHANGED)) {
    await q.query(
      `UPDATE accounts a SET is_active = false,
                superseded_by = (SELECT s.number FROM accounts s
                                  WHERE s.organisation_id = a.organisation_id AND s.number = $3::int AND s.number <> a.number)
          WHERE a.number = $1 AND a.name = $2 AND ${inUse}`,
      [Number(number), oldName, successor],
    );
  }
  for (const [number, oldName] of Object.entries(RENAMED)) {
    const [, name, , spheres, vat] = TEMPLATE.find(([n]) => n === Number(number))!;
    await q.query(
      `UPDATE accounts SET name = $3, spheres = $4::smallint[],
                vat_rate_basis_points = $5::smallint, vat_account = $6::int
          WHERE number = $1 AND name = $2`,
      [Number(number), oldName, name, spheres, vat?.[0] ?? null, vat?.[1] ?? null],
    );
  }
  // VAT accounts serve every sphere that can owe tax.
  await q.query(
    `UPDATE accounts SET spheres = '{}' WHERE number IN (14060, 38060) AND spheres = '{4}'`,
  );
}

/** Old template number → [old template name, SKR 42 successor]. */
const MEANING_CHANGED: Record<number, [string, number | null]> = {
  13500: ['Sonstige Vermögensgegenstände', 13000],
  20000: ['Vereinsvermögen', 25000],
  20800: ['Freie Rücklage (§ 62 Abs. 1 Nr. 3 AO)', 21000],
  20810: ['Zweckgebundene Rücklage (§ 62 Abs. 1 Nr. 1 AO)', 20000],
  20820: ['Betriebsmittelrücklage', 20900],
  30700: ['Sonstige Rückstellungen', null],
  40460: ['Geldzuwendungen (ohne Zuwendungsbestätigung)', 40500],
  40900: ['Mahngebühren und weiterberechnete Rücklastschriftkosten', 48350],
  42000: ['Zinserträge', 71100],
  42500: ['Miet- und Pachterträge', 48610],
  43000: ['Erlöse wirtschaftlicher Geschäftsbetrieb 19 % USt', 44000],
  43100: ['Erlöse Werbung und Sponsoring', 44130],
  48300: ['Zuschüsse von Stiftungen und Dritten', 48290],
  53000: ['Wareneinkauf', 54000],
  61100: ['Übungsleiterpauschalen (§ 3 Nr. 26 EStG)', 60040],
  61200: ['Ehrenamtspauschalen (§ 3 Nr. 26a EStG)', 60020],
  61300: ['Gesetzliche soziale Aufwendungen', 61100],
  66600: ['Reisekosten', 66500],
  67000: ['Projektausgaben', 63000],
  67100: ['Projektausgaben Initiativen', 63000],
  67200: ['Zuwendungen an steuerbegünstigte Körperschaften (§ 58 Nr. 1 AO)', 63930],
};

/** Same meaning, DATEV's name (and flags): number → old template name. */
const RENAMED: Record<number, string> = {
  12100: 'Forderungen aus Mitgliedsbeiträgen',
  29700: 'Ergebnisvortrag',
  29970: 'Noch nicht verwendete Spenden (zweckgebunden)',
  34910: 'Verbindlichkeiten aus Zusagen',
  40000: 'Mitgliedsbeiträge',
  40450: 'Geldzuwendungen (mit Zuwendungsbestätigung)',
  40550: 'Sachzuwendungen',
  40650: 'Aufwandszuwendungen',
  41000: 'Erlöse Zweckbetrieb',
  44000: 'Erlöse Speisen und Getränke',
  48280: 'Zuschüsse von Behörden',
  49920: 'Verwaltungskostenumlagen',
  63100: 'Miete',
  63250: 'Energie',
  64200: 'Beiträge an Verbände',
  68050: 'Telefon und Internet',
};

/** config/charts/skr42.json as of this migration. */
const TEMPLATE: Row[] = [
  [6500, 'Büroeinrichtung', 'asset', []],
  [6900, 'Sonstige Betriebs- und Geschäftsausstattung', 'asset', []],
  [12000, 'Forderungen aus Lieferungen und Leistungen', 'asset', []],
  [12100, 'Forderungen aus Lieferungen und Leistungen ohne Kontokorrent', 'asset', []],
  [13000, 'Sonstige Vermögensgegenstände', 'asset', []],
  [13720, 'Geldtransit', 'asset', []],
  [13740, 'Fremdgeld', 'asset', []],
  [14010, 'Abziehbare Vorsteuer 7 %', 'asset', []],
  [14060, 'Abziehbare Vorsteuer 19 %', 'asset', []],
  [16000, 'Kasse', 'asset', []],
  [18000, 'Bank', 'asset', []],
  [18100, 'Bank Spendenkonto', 'asset', []],
  [19000, 'Aktive Rechnungsabgrenzung', 'asset', []],
  [20000, 'Gebundene Rücklagen nach § 62 Abs. 1 Nr. 1 AO', 'equity', []],
  [20900, 'Betriebsmittelrücklage', 'equity', []],
  [21000, 'Freie Rücklagen nach § 62 Abs. 1 Nr. 3 AO', 'equity', []],
  [
    25000,
    'Vereinskapital / sonstige nicht zeitnah zu verwendende Mittel nach § 62 Abs. 3 AO',
    'equity',
    [],
  ],
  [29700, 'Gewinnvortrag / Ergebnisvortrag vor Verwendung', 'equity', []],
  [29970, 'Noch nicht satzungsgemäß verwendete Spenden', 'liability', []],
  [33000, 'Verbindlichkeiten aus Lieferungen und Leistungen', 'liability', []],
  [34910, 'Verbindlichkeiten aus erteilten Zusagen', 'liability', []],
  [35000, 'Sonstige Verbindlichkeiten', 'liability', []],
  [38010, 'Umsatzsteuer 7 %', 'liability', []],
  [38060, 'Umsatzsteuer 19 %', 'liability', []],
  [39000, 'Passive Rechnungsabgrenzung', 'liability', []],
  [40000, 'Echte Mitgliedsbeiträge', 'income', [1]],
  [40100, 'Aufnahmegebühren', 'income', [1]],
  [40450, 'Geldzuwendungen gegen Zuwendungsbestätigung', 'income', [1]],
  [40500, 'Geldzuwendungen ohne Zuwendungsbestätigung', 'income', [1]],
  [40550, 'Sachzuwendungen gegen Zuwendungsbestätigung', 'income', [1]],
  [40650, 'Aufwandszuwendungen gegen Zuwendungsbestätigung', 'income', [1]],
  [41000, 'Sonstige steuerfreie Umsätze Inland', 'income', [3]],
  [43000, 'Erlöse 7 % USt', 'income', [3, 4], [700, 38010]],
  [44000, 'Erlöse 19 % USt', 'income', [4], [1900, 38060]],
  [44130, 'Erlöse aus Zuwendungen Dritter (Sponsoren) 19 % USt', 'income', [4], [1900, 38060]],
  [48280, 'Zuschüsse von Verbänden und Behörden', 'income', [1, 3]],
  [48290, 'Sonstige Zuschüsse', 'income', [1, 3]],
  [48350, 'Sonstige Erträge betrieblich und regelmäßig', 'income', [1]],
  [48610, 'Erlöse aus Vermietung und Verpachtung, umsatzsteuerfrei § 4 Nr. 12 UStG', 'income', [2]],
  [49920, 'Erträge aus Verwaltungskostenumlagen', 'income', [1]],
  [53000, 'Wareneingang 7 % Vorsteuer', 'expense', [3, 4], [700, 14010]],
  [54000, 'Wareneingang 19 % Vorsteuer', 'expense', [3, 4], [1900, 14060]],
  [60000, 'Löhne und Gehälter', 'expense', []],
  [60020, 'Ehrenamtspauschale', 'expense', [1, 3]],
  [60040, 'Übungsleiterpauschale', 'expense', [1, 3]],
  [61100, 'Gesetzliche soziale Aufwendungen', 'expense', []],
  [63000, 'Sonstige betriebliche Aufwendungen', 'expense', [1, 3]],
  [63010, 'Verwaltungskosten', 'expense', []],
  [63100, 'Miete (unbewegliche Wirtschaftsgüter)', 'expense', []],
  [63250, 'Gas, Strom, Wasser', 'expense', []],
  [
    63930,
    'Zuwendungen, Spenden für kirchliche, religiöse und gemeinnützige Zwecke',
    'expense',
    [1],
  ],
  [64000, 'Versicherungen', 'expense', []],
  [64200, 'Beiträge', 'expense', []],
  [66000, 'Werbekosten', 'expense', []],
  [66500, 'Reisekosten', 'expense', []],
  [68000, 'Porto', 'expense', []],
  [68050, 'Telefon', 'expense', []],
  [68100, 'Internetkosten', 'expense', []],
  [68150, 'Bürobedarf', 'expense', []],
  [68250, 'Rechts- und Beratungskosten', 'expense', []],
  [68300, 'Buchführungskosten', 'expense', []],
  [68550, 'Nebenkosten des Geldverkehrs', 'expense', []],
  [71100, 'Sonstige Zinserträge', 'income', [2]],
  [73000, 'Zinsen und ähnliche Aufwendungen', 'expense', [2]],
];
