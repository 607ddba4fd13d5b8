import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './sql';

/**
 * Membership: fee schedule (tiers with dated rates), members with tier history,
 * SEPA mandates, fee runs raising booked receivables, direct-debit files, dunning.
 * Rates and tier assignments only ever get new rows from a date on, so past fees
 * never change; every change of a receivable is an event row.
 */
export class Membership1764800000000 implements MigrationInterface {
  name = 'Membership1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE membership_tiers (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
         member_form text NOT NULL CHECK (member_form IN ('organisation', 'initiative', 'project', 'individual')),
         fee_interval text NOT NULL CHECK (fee_interval IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
         pro_rata boolean NOT NULL DEFAULT true,
         valid_from date NOT NULL,
         valid_to date CHECK (valid_to >= valid_from),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, code)
       )`,
      // A rate applies from valid_from until the next rate of the tier; rows are never changed.
      `CREATE TABLE membership_tier_rates (
         tier_id uuid NOT NULL REFERENCES membership_tiers(id),
         valid_from date NOT NULL,
         amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
         reduced_amount_cents bigint CHECK (reduced_amount_cents >= 0),
         admission_fee_cents bigint NOT NULL DEFAULT 0 CHECK (admission_fee_cents >= 0),
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tier_id, valid_from)
       )`,
      ...appendOnly('membership_tier_rates'),

      `CREATE TABLE members (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         member_no text NOT NULL CHECK (member_no ~ '^[A-Za-z0-9_/-]{1,20}$'),
         kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
         first_name text CHECK (length(first_name) <= 100),
         last_name text CHECK (length(last_name) <= 100),
         organisation_name text CHECK (length(organisation_name) <= 200),
         contact_person text CHECK (length(contact_person) <= 200),
         street text CHECK (length(street) <= 200),
         postal_code text CHECK (postal_code ~ '^[0-9A-Za-z -]{3,10}$'),
         city text CHECK (length(city) <= 100),
         country text NOT NULL DEFAULT 'DE' CHECK (country ~ '^[A-Z]{2}$'),
         email text CHECK (email LIKE '%_@_%'),
         phone text CHECK (length(phone) <= 40),
         joined_on date NOT NULL,
         left_on date CHECK (left_on >= joined_on),
         status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left', 'excluded', 'deceased')),
         consents_to_email boolean NOT NULL DEFAULT false,
         consents_to_publication boolean NOT NULL DEFAULT false,
         restricted_at timestamptz,
         erased_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, member_no),
         CHECK (erased_at IS NOT NULL OR kind = 'organisation' OR last_name IS NOT NULL),
         CHECK (erased_at IS NOT NULL OR kind = 'person' OR organisation_name IS NOT NULL)
       )`,
      `CREATE INDEX members_org_name ON members (organisation_id, lower(COALESCE(last_name, organisation_name)))`,

      `CREATE TABLE member_tier_assignments (
         member_id uuid NOT NULL REFERENCES members(id),
         starts_on date NOT NULL,
         tier_id uuid NOT NULL REFERENCES membership_tiers(id),
         reduced boolean NOT NULL DEFAULT false,
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (member_id, starts_on)
       )`,
      ...appendOnly('member_tier_assignments'),

      `CREATE TABLE sepa_mandates (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         member_id uuid NOT NULL REFERENCES members(id),
         reference text NOT NULL CHECK (reference ~ '^[A-Za-z0-9+?/:().,''-]{1,35}$'),
         signed_on date NOT NULL,
         debtor_name text NOT NULL CHECK (length(debtor_name) BETWEEN 1 AND 70),
         iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
         bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
         last_used_on date,
         revoked_on date,
         revoke_reason text CHECK (length(revoke_reason) <= 300),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, reference)
       )`,
      `CREATE INDEX sepa_mandates_member ON sepa_mandates (member_id)`,
      `CREATE INDEX sepa_mandates_iban ON sepa_mandates (organisation_id, iban)`,

      `CREATE TABLE fee_runs (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         period_start date NOT NULL,
         period_end date NOT NULL CHECK (period_end >= period_start),
         collection_date date NOT NULL,
         receivable_count int NOT NULL DEFAULT 0,
         total_cents bigint NOT NULL DEFAULT 0,
         debit_count int NOT NULL DEFAULT 0,
         debit_total_cents bigint NOT NULL DEFAULT 0,
         sepa_message_id text UNIQUE,
         sepa_document_path text,
         sepa_sha256 text CHECK (sepa_sha256 ~ '^[0-9a-f]{64}$'),
         notices_document_path text,
         notices_sha256 text,
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now()
       )`,

      `CREATE TABLE receivables (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         member_id uuid NOT NULL REFERENCES members(id),
         kind text NOT NULL CHECK (kind IN ('fee', 'admission', 'dunning_fee', 'return_fee')),
         period_start date,
         period_end date,
         description text NOT NULL CHECK (length(description) <= 140),
         amount_cents bigint NOT NULL CHECK (amount_cents > 0),
         due_on date NOT NULL,
         fee_run_id uuid REFERENCES fee_runs(id),
         mandate_id uuid REFERENCES sepa_mandates(id),
         sepa_sequence text CHECK (sepa_sequence IN ('FRST', 'RCUR')),
         end_to_end_id text NOT NULL CHECK (end_to_end_id ~ '^[A-Za-z0-9-]{1,35}$'),
         status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'settled', 'returned')),
         dunning_level int NOT NULL DEFAULT 0,
         last_dunned_on date,
         journal_entry_id uuid NOT NULL REFERENCES journal_entries(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, end_to_end_id),
         CHECK (kind NOT IN ('fee', 'admission') OR period_start IS NOT NULL)
       )`,
      // A fee run is idempotent per member and period: the second run finds the fee raised.
      `CREATE UNIQUE INDEX receivables_one_fee_per_period ON receivables (member_id, kind, period_start)
         WHERE kind IN ('fee', 'admission')`,
      `CREATE INDEX receivables_member ON receivables (member_id, due_on)`,
      `CREATE INDEX receivables_open ON receivables (organisation_id, due_on) WHERE status IN ('open', 'returned')`,
      `CREATE INDEX receivables_fee_run ON receivables (fee_run_id)`,

      // Every change of a receivable, never changed itself: the history the property test sums.
      `CREATE TABLE receivable_events (
         id bigserial PRIMARY KEY,
         receivable_id uuid NOT NULL REFERENCES receivables(id),
         kind text NOT NULL CHECK (kind IN ('raised', 'submitted', 'settled', 'returned', 'dunned')),
         amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
         occurred_on date NOT NULL,
         reason_code text CHECK (reason_code ~ '^[A-Z0-9]{4}$'),
         bank_transaction_id uuid,
         journal_entry_id uuid REFERENCES journal_entries(id),
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX receivable_events_receivable ON receivable_events (receivable_id)`,
      ...appendOnly('receivable_events'),

      `CREATE TABLE dunning_levels (
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         level int NOT NULL CHECK (level BETWEEN 1 AND 9),
         days_overdue int NOT NULL CHECK (days_overdue >= 0),
         fee_cents bigint NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
         title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
         PRIMARY KEY (organisation_id, level)
       )`,
      `CREATE TABLE dunning_runs (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         run_on date NOT NULL,
         notice_count int NOT NULL,
         document_path text,
         document_sha256 text,
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE dunning_notices (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         dunning_run_id uuid NOT NULL REFERENCES dunning_runs(id),
         member_id uuid NOT NULL REFERENCES members(id),
         level int NOT NULL,
         open_cents bigint NOT NULL CHECK (open_cents > 0),
         fee_cents bigint NOT NULL CHECK (fee_cents >= 0),
         receivable_ids uuid[] NOT NULL,
         UNIQUE (dunning_run_id, member_id)
       )`,
      ...appendOnly('dunning_notices'),

      `CREATE TABLE member_imports (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
         filename text CHECK (length(filename) <= 255),
         mapping jsonb NOT NULL,
         rows jsonb NOT NULL,
         errors jsonb NOT NULL,
         status text NOT NULL CHECK (status IN ('preview', 'committed')),
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         committed_at timestamptz,
         CHECK ((status = 'committed') = (committed_at IS NOT NULL))
       )`,
      `REVOKE DELETE, TRUNCATE ON member_imports FROM dachwerk_app`,

      // Which ledger account books the money of each bank account.
      `ALTER TABLE organisation_bank_accounts ADD COLUMN ledger_account int NOT NULL DEFAULT 18000`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation_bank_accounts DROP COLUMN ledger_account`);
    for (const table of [
      'member_imports',
      'dunning_notices',
      'dunning_runs',
      'dunning_levels',
      'receivable_events',
      'receivables',
      'fee_runs',
      'sepa_mandates',
      'member_tier_assignments',
      'members',
      'membership_tier_rates',
      'membership_tiers',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
