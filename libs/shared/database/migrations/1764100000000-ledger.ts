import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './sql';

/**
 * Ledger: chart of accounts, fiscal years and periods, the journal (append-only,
 * gaplessly numbered, hash-chained), and balances kept per account and month.
 * What the database enforces: balanced entries whose lines were written with them, no
 * line added to a posted entry, no change after posting, one reversal per entry, no
 * posting into a closed period.
 */
export class Ledger1764100000000 implements MigrationInterface {
  name = 'Ledger1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE EXTENSION IF NOT EXISTS btree_gist`,

      `CREATE TABLE ledger_settings (
         organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
         datev_consultant_number integer CHECK (datev_consultant_number BETWEEN 1001 AND 9999999),
         datev_client_number integer CHECK (datev_client_number BETWEEN 1 AND 99999),
         account_length smallint NOT NULL DEFAULT 5 CHECK (account_length BETWEEN 4 AND 8),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,

      `CREATE TABLE accounts (
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         number integer NOT NULL CHECK (number BETWEEN 1 AND 99999999),
         name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
         type text NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
         spheres smallint[] NOT NULL DEFAULT '{}' CHECK (spheres <@ ARRAY[1, 2, 3, 4]::smallint[]),
         is_active boolean NOT NULL DEFAULT true,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (organisation_id, number)
       )`,

      `REVOKE DELETE, TRUNCATE ON accounts FROM dachwerk_app`,

      `CREATE TABLE fiscal_years (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         starts_on date NOT NULL,
         ends_on date NOT NULL,
         closed_at timestamptz,
         closed_by uuid REFERENCES users(id),
         CHECK (starts_on < ends_on AND ends_on < starts_on + interval '18 months'),
         EXCLUDE USING gist (organisation_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
       )`,
      `CREATE UNIQUE INDEX fiscal_years_id_org ON fiscal_years (id, organisation_id)`,

      `CREATE TABLE fiscal_periods (
         fiscal_year_id uuid NOT NULL,
         organisation_id uuid NOT NULL,
         period_no smallint NOT NULL CHECK (period_no BETWEEN 1 AND 18),
         starts_on date NOT NULL,
         ends_on date NOT NULL,
         closed_at timestamptz,
         closed_by uuid REFERENCES users(id),
         PRIMARY KEY (fiscal_year_id, period_no),
         FOREIGN KEY (fiscal_year_id, organisation_id) REFERENCES fiscal_years (id, organisation_id),
         CHECK (starts_on <= ends_on),
         EXCLUDE USING gist (organisation_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
       )`,
      // Festschreibung cannot be undone.
      `CREATE FUNCTION refuse_reopen() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.closed_at IS NOT NULL AND (NEW.closed_at IS NULL OR NEW.closed_at <> OLD.closed_at) THEN
           RAISE EXCEPTION 'A closed period or year cannot be reopened' USING ERRCODE = 'check_violation';
         END IF;
         IF NEW.starts_on <> OLD.starts_on OR NEW.ends_on <> OLD.ends_on THEN
           RAISE EXCEPTION 'Period dates cannot change' USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER fiscal_years_no_reopen BEFORE UPDATE ON fiscal_years FOR EACH ROW EXECUTE FUNCTION refuse_reopen()`,
      `CREATE TRIGGER fiscal_periods_no_reopen BEFORE UPDATE ON fiscal_periods FOR EACH ROW EXECUTE FUNCTION refuse_reopen()`,
      `REVOKE DELETE, TRUNCATE ON fiscal_years, fiscal_periods FROM dachwerk_app`,

      // Gapless numbering: one row per organisation and fiscal year, locked by each posting.
      `CREATE TABLE journal_counters (
         fiscal_year_id uuid PRIMARY KEY REFERENCES fiscal_years(id),
         last_number integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
         last_hash bytea
       )`,
      `REVOKE DELETE, TRUNCATE ON journal_counters FROM dachwerk_app`,

      `CREATE TABLE journal_entries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL,
         fiscal_year_id uuid NOT NULL,
         entry_number integer NOT NULL CHECK (entry_number > 0),
         booked_on date NOT NULL,
         document_on date NOT NULL,
         document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 36),
         text text NOT NULL CHECK (length(text) BETWEEN 1 AND 60),
         description text CHECK (length(description) <= 2000),
         source text NOT NULL CHECK (source ~ '^[a-z][a-z-]{1,39}$'),
         source_id text CHECK (length(source_id) <= 100),
         reverses_entry_id uuid REFERENCES journal_entries(id),
         total_cents bigint NOT NULL CHECK (total_cents > 0),
         posted_by uuid REFERENCES users(id),
         posted_at timestamptz NOT NULL DEFAULT now(),
         previous_hash bytea CHECK (length(previous_hash) = 32),
         hash bytea NOT NULL CHECK (length(hash) = 32),
         first_line_no smallint NOT NULL DEFAULT 1 CHECK (first_line_no = 1),
         -- fiscal_year_id must name an open period of this organisation's year: checked per
         -- statement by journal_entries_complete(), which implies what a foreign key would.
         UNIQUE (fiscal_year_id, entry_number)
       )`,
      `CREATE INDEX journal_entries_booked ON journal_entries (organisation_id, booked_on, entry_number)`,
      // An entry is reversed at most once.
      `CREATE UNIQUE INDEX journal_entries_reversed_once ON journal_entries (reverses_entry_id)
         WHERE reverses_entry_id IS NOT NULL`,
      // Finds the entry of a donation, fee or payout; manual entries have no source id.
      `CREATE INDEX journal_entries_source ON journal_entries (organisation_id, source, source_id)
         WHERE source_id IS NOT NULL`,

      `CREATE TABLE journal_lines (
         entry_id uuid NOT NULL,
         line_no smallint NOT NULL CHECK (line_no BETWEEN 1 AND 500),
         organisation_id uuid NOT NULL,
         booked_on date NOT NULL,
         account_number integer NOT NULL,
         side char(1) NOT NULL CHECK (side IN ('D', 'C')),
         amount_cents bigint NOT NULL CHECK (amount_cents > 0),
         sphere smallint NOT NULL CHECK (sphere BETWEEN 1 AND 4),
         cost_centre text CHECK (cost_centre ~ '^[A-Za-z0-9_-]{1,36}$'),
         PRIMARY KEY (entry_id, line_no)
       )`,
      `CREATE INDEX journal_lines_account ON journal_lines (organisation_id, account_number, booked_on)`,
      // Every entry has lines: its line 1 must exist when the transaction commits.
      `ALTER TABLE journal_entries ADD FOREIGN KEY (id, first_line_no)
         REFERENCES journal_lines (entry_id, line_no) DEFERRABLE INITIALLY DEFERRED`,

      // A posting writes its entries, then their lines. Each statement of lines is checked
      // once, over its transition table (set-based, not one probe per row): the entry
      // exists and was written by this transaction (so no line joins a posted entry), the
      // account is in the chart, and every touched entry balances and adds up to its total.
      // Every probe below is a LATERAL subquery with LIMIT, which the planner cannot turn
      // into a join over the whole journal: the transition table has no statistics and a
      // cached generic plan would otherwise scan every entry for each statement.
      `CREATE FUNCTION journal_lines_check() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE bad record;
       BEGIN
         SELECT t.entry_id, e.entry_number, e.total_cents, e.is_own, s.debit, s.credit, s.lines INTO bad
           FROM (SELECT DISTINCT entry_id, organisation_id, booked_on FROM new_lines) t
           LEFT JOIN LATERAL (
             SELECT je.entry_number, je.total_cents,
                    (je.organisation_id = t.organisation_id AND je.booked_on = t.booked_on
                     AND je.xmin = pg_current_xact_id()::xid) AS is_own
               FROM journal_entries je WHERE je.id = t.entry_id LIMIT 1) e ON true
           LEFT JOIN LATERAL (
             SELECT COALESCE(sum(l.amount_cents) FILTER (WHERE l.side = 'D'), 0) AS debit,
                    COALESCE(sum(l.amount_cents) FILTER (WHERE l.side = 'C'), 0) AS credit,
                    count(*) AS lines
               FROM journal_lines l WHERE l.entry_id = t.entry_id) s ON true
          WHERE e.is_own IS NOT TRUE OR s.lines < 2 OR s.debit <> s.credit OR s.debit <> e.total_cents
          LIMIT 1;
         IF FOUND AND bad.is_own IS NOT TRUE THEN
           RAISE EXCEPTION 'Lines can only be written with their entry, in the same transaction'
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         IF FOUND THEN
           RAISE EXCEPTION 'Journal entry % does not balance (debit %, credit %, total %, lines %)',
             bad.entry_number, bad.debit, bad.credit, bad.total_cents, bad.lines USING ERRCODE = 'check_violation';
         END IF;
         IF EXISTS (SELECT 1 FROM (SELECT DISTINCT organisation_id, account_number FROM new_lines) n
                     WHERE NOT EXISTS (SELECT 1 FROM (SELECT 1 FROM accounts a
                                         WHERE a.organisation_id = n.organisation_id AND a.number = n.account_number
                                         LIMIT 1) found)) THEN
           RAISE EXCEPTION 'A line names an account that is not in the chart' USING ERRCODE = 'foreign_key_violation';
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER journal_lines_check AFTER INSERT ON journal_lines
         REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_check()`,

      // No posting dated inside a closed period, and only into a year of the same
      // organisation (which is what a foreign key to fiscal_years would say).
      `CREATE FUNCTION journal_entries_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE bad record;
       BEGIN
         SELECT n.booked_on INTO bad FROM new_entries n
          WHERE NOT EXISTS (SELECT 1 FROM fiscal_periods p
                             WHERE p.fiscal_year_id = n.fiscal_year_id AND p.organisation_id = n.organisation_id
                               AND n.booked_on BETWEEN p.starts_on AND p.ends_on AND p.closed_at IS NULL)
          LIMIT 1;
         IF FOUND THEN
           RAISE EXCEPTION 'No open period of the fiscal year contains %', bad.booked_on USING ERRCODE = 'check_violation';
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER journal_entries_period_open AFTER INSERT ON journal_entries
         REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION journal_entries_period_open()`,

      ...appendOnly('journal_entries'),
      ...appendOnly('journal_lines'),

      // Sums per account, month, sphere and cost centre, kept in the posting transaction,
      // so reports read thousands of rows instead of millions of lines.
      `CREATE TABLE account_month_balances (
         organisation_id uuid NOT NULL,
         account_number integer NOT NULL,
         month date NOT NULL CHECK (extract(day FROM month) = 1),
         sphere smallint NOT NULL CHECK (sphere BETWEEN 1 AND 4),
         cost_centre text NOT NULL DEFAULT '',
         debit_cents bigint NOT NULL DEFAULT 0 CHECK (debit_cents >= 0),
         credit_cents bigint NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
         PRIMARY KEY (organisation_id, month, account_number, sphere, cost_centre),
         FOREIGN KEY (organisation_id, account_number) REFERENCES accounts (organisation_id, number)
       )`,
      `REVOKE DELETE, TRUNCATE ON account_month_balances FROM dachwerk_app`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'account_month_balances',
      'journal_lines',
      'journal_entries',
      'journal_counters',
      'fiscal_periods',
      'fiscal_years',
      'accounts',
      'ledger_settings',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    for (const fn of [
      'journal_entry_period_open',
      'journal_entry_balanced',
      'journal_line_same_transaction',
      'refuse_reopen',
    ]) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }
  }
}
