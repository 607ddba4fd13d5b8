import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, appendOnly } from './sql';

/**
 * Foundation: organisations (tenants) and their master data, users, roles,
 * sessions, the audit log and worker heartbeats.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
           RAISE EXCEPTION 'Role ${APP_ROLE} is missing: create it before migrating (docs/OPERATIONS.md)';
         END IF;
       END $$`,
      `GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`,
      // Every table the owner creates from here on is usable, not ownable, by the app role.
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_ROLE}`,
      `GRANT SELECT ON migrations TO ${APP_ROLE}`,

      `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
           USING ERRCODE = 'insufficient_privilege';
       END $$`,

      `CREATE TABLE organisations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
         legal_form text NOT NULL CHECK (legal_form IN ('eingetragener_verein', 'nicht_eingetragener_verein', 'stiftung', 'ggmbh', 'other')),
         is_umbrella boolean NOT NULL DEFAULT false,
         street text NOT NULL,
         postal_code text NOT NULL CHECK (postal_code ~ '^[0-9A-Za-z -]{3,10}$'),
         city text NOT NULL,
         country text NOT NULL DEFAULT 'DE' CHECK (country ~ '^[A-Z]{2}$'),
         register_court text,
         register_number text,
         tax_number text,
         tax_office text,
         purposes text[] NOT NULL DEFAULT '{}',
         is_receipt_machine_signed boolean NOT NULL DEFAULT false,
         sepa_creditor_id text CHECK (sepa_creditor_id ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$'),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))`,

      `CREATE TABLE organisation_bank_accounts (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
         iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
         bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
         is_default boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, iban)
       )`,
      `CREATE UNIQUE INDEX organisation_bank_accounts_one_default
         ON organisation_bank_accounts (organisation_id) WHERE is_default`,

      `CREATE TABLE exemption_notices (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         kind text NOT NULL CHECK (kind IN ('freistellungsbescheid', 'feststellung_60a')),
         issued_on date NOT NULL,
         tax_office text NOT NULL,
         tax_number text,
         period_from date,
         period_to date,
         purposes text[] NOT NULL DEFAULT '{}',
         created_at timestamptz NOT NULL DEFAULT now(),
         CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to),
         CHECK (kind = 'feststellung_60a' OR (period_from IS NOT NULL AND period_to IS NOT NULL))
       )`,
      `CREATE INDEX exemption_notices_org ON exemption_notices (organisation_id, issued_on DESC)`,

      `CREATE TABLE users (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
         name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
         password_hash text NOT NULL,
         is_active boolean NOT NULL DEFAULT true,
         is_platform_admin boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (email)
       )`,

      `CREATE TABLE memberships (
         user_id uuid NOT NULL REFERENCES users(id),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         role text NOT NULL CHECK (role IN ('admin', 'staff', 'treasurer', 'board', 'initiative')),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (user_id, organisation_id, role)
       )`,
      `CREATE INDEX memberships_org ON memberships (organisation_id)`,

      // The initiative a user with role 'initiative' acts for; the FK to initiatives
      // is added by the funding migration.
      `CREATE TABLE user_initiatives (
         user_id uuid NOT NULL REFERENCES users(id),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         initiative_id uuid NOT NULL,
         PRIMARY KEY (user_id, organisation_id, initiative_id)
       )`,

      // Keyed by e-mail whether or not a user has it, so a lockout reveals nothing.
      `CREATE TABLE login_attempts (
         email text PRIMARY KEY,
         failed_count integer NOT NULL CHECK (failed_count >= 0),
         window_started_at timestamptz NOT NULL,
         locked_until timestamptz
       )`,

      `CREATE TABLE sessions (
         token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
         user_id uuid NOT NULL REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         last_seen_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         revoked_at timestamptz,
         CHECK (expires_at > created_at)
       )`,
      `CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`,
      `CREATE INDEX sessions_expires ON sessions (expires_at)`,

      `CREATE TABLE audit_events (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         occurred_at timestamptz NOT NULL DEFAULT now(),
         actor_user_id uuid,
         organisation_id uuid REFERENCES organisations(id),
         action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]*$'),
         entity_type text NOT NULL,
         entity_id text NOT NULL,
         changes jsonb,
         request_id text,
         ip inet
       )`,
      `CREATE INDEX audit_events_entity ON audit_events (organisation_id, entity_type, entity_id, id)`,
      `CREATE INDEX audit_events_org ON audit_events (organisation_id, id)`,
      ...appendOnly('audit_events'),

      `CREATE TABLE worker_heartbeats (
         job_id text PRIMARY KEY,
         worker text NOT NULL,
         processed_at timestamptz NOT NULL DEFAULT now()
       )`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'worker_heartbeats',
      'audit_events',
      'sessions',
      'login_attempts',
      'user_initiatives',
      'memberships',
      'users',
      'exemption_notices',
      'organisation_bank_accounts',
      'organisations',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP FUNCTION refuse_change()');
  }
}
