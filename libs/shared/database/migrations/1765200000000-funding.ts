import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './sql';

/**
 * Pass-through funding (docs/DOMAIN.md §6): programmes with budget and criteria,
 * applications with cost plans, reviews, four-eyes decisions, expense claims with
 * documents, payout runs (pain.001) and proofs of use. The money itself lives in the
 * ledger: an initiative's fund is its cost centre; see docs/ARCHITECTURE.md.
 */
export class Funding1765200000000 implements MigrationInterface {
  name = 'Funding1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE programmes (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
         cost_centre text NOT NULL CHECK (cost_centre ~ '^[A-Za-z0-9_-]{1,36}$'),
         budget_cents bigint NOT NULL CHECK (budget_cents > 0),
         reserved_cents bigint NOT NULL DEFAULT 0,
         starts_on date NOT NULL,
         ends_on date NOT NULL CHECK (ends_on >= starts_on),
         eligible_cost_types text[] NOT NULL,
         own_share_basis_points int NOT NULL DEFAULT 0 CHECK (own_share_basis_points BETWEEN 0 AND 10000),
         criteria jsonb NOT NULL,
         proof_due_months int NOT NULL DEFAULT 3 CHECK (proof_due_months BETWEEN 0 AND 36),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, name),
         -- Approvals reserve budget; the database refuses to reserve more than there is.
         CHECK (reserved_cents BETWEEN 0 AND budget_cents)
       )`,

      `CREATE TABLE applications (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         programme_id uuid NOT NULL REFERENCES programmes(id),
         initiative_id uuid NOT NULL,
         title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
         description text NOT NULL CHECK (length(description) BETWEEN 10 AND 10000),
         requested_cents bigint NOT NULL CHECK (requested_cents > 0),
         own_share_cents bigint NOT NULL DEFAULT 0 CHECK (own_share_cents >= 0),
         status text NOT NULL CHECK (status IN ('submitted', 'complete', 'returned', 'approved', 'rejected')),
         submitted_by uuid NOT NULL REFERENCES users(id),
         submitted_at timestamptz NOT NULL DEFAULT now(),
         checked_by uuid REFERENCES users(id),
         approved_cents bigint CHECK (approved_cents > 0),
         resolution_ref text,
         conditions text,
         proof_due_on date,
         commitment_entry_id uuid REFERENCES journal_entries(id),
         FOREIGN KEY (organisation_id, initiative_id) REFERENCES initiatives(organisation_id, id),
         CHECK ((status = 'approved') = (approved_cents IS NOT NULL AND commitment_entry_id IS NOT NULL))
       )`,
      `CREATE INDEX applications_programme ON applications (programme_id, status)`,
      `CREATE INDEX applications_initiative ON applications (initiative_id)`,
      `CREATE TABLE application_cost_lines (
         application_id uuid NOT NULL REFERENCES applications(id),
         line_no int NOT NULL CHECK (line_no BETWEEN 1 AND 100),
         category text NOT NULL CHECK (length(category) BETWEEN 1 AND 60),
         description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
         amount_cents bigint NOT NULL CHECK (amount_cents > 0),
         PRIMARY KEY (application_id, line_no)
       )`,
      `CREATE TABLE reviews (
         application_id uuid NOT NULL REFERENCES applications(id),
         reviewer_id uuid NOT NULL REFERENCES users(id),
         conflict_of_interest boolean NOT NULL DEFAULT false,
         scores jsonb NOT NULL,
         comment text CHECK (length(comment) <= 2000),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (application_id, reviewer_id)
       )`,
      ...appendOnly('reviews'),
      `CREATE TABLE decisions (
         id bigserial PRIMARY KEY,
         application_id uuid NOT NULL REFERENCES applications(id),
         kind text NOT NULL CHECK (kind IN ('approve', 'reject', 'return')),
         decided_by uuid NOT NULL REFERENCES users(id),
         amount_cents bigint CHECK (amount_cents > 0),
         resolution_ref text CHECK (length(resolution_ref) BETWEEN 3 AND 100),
         comment text CHECK (length(comment) <= 2000),
         round int NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CHECK (kind <> 'approve' OR (amount_cents IS NOT NULL AND resolution_ref IS NOT NULL))
       )`,
      // Four eyes: one approval per person and round.
      `CREATE UNIQUE INDEX decisions_one_approval_per_person ON decisions (application_id, round, decided_by) WHERE kind = 'approve'`,
      ...appendOnly('decisions'),

      `CREATE TABLE funding_documents (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         initiative_id uuid NOT NULL,
         filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
         content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
         size_bytes int NOT NULL CHECK (size_bytes > 0),
         sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
         path text NOT NULL,
         uploaded_by uuid NOT NULL REFERENCES users(id),
         uploaded_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (organisation_id, initiative_id) REFERENCES initiatives(organisation_id, id)
       )`,
      ...appendOnly('funding_documents'),
      `CREATE TABLE application_documents (
         application_id uuid NOT NULL REFERENCES applications(id),
         document_id uuid NOT NULL REFERENCES funding_documents(id),
         PRIMARY KEY (application_id, document_id)
       )`,

      `CREATE TABLE expense_claims (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         initiative_id uuid NOT NULL,
         application_id uuid REFERENCES applications(id),
         cost_line_no int,
         kind text NOT NULL CHECK (kind IN ('reimbursement', 'invoice', 'grant_to_body')),
         description text NOT NULL CHECK (length(description) BETWEEN 3 AND 300),
         amount_cents bigint NOT NULL CHECK (amount_cents > 0),
         payee_name text NOT NULL CHECK (length(payee_name) BETWEEN 1 AND 70),
         payee_iban text NOT NULL CHECK (payee_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
         payee_bic text,
         -- §58 Nr. 1 AO: money to another tax-exempt body only with its valid exemption notice recorded.
         body_notice_kind text CHECK (body_notice_kind IN ('freistellungsbescheid', 'feststellung_60a')),
         body_notice_issued_on date,
         body_notice_tax_office text,
         document_id uuid REFERENCES funding_documents(id),
         status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'in_payout', 'paid')),
         submitted_by uuid NOT NULL REFERENCES users(id),
         submitted_at timestamptz NOT NULL DEFAULT now(),
         decided_by uuid REFERENCES users(id),
         decided_at timestamptz,
         reject_reason text,
         approval_entry_id uuid REFERENCES journal_entries(id),
         payout_entry_id uuid REFERENCES journal_entries(id),
         end_to_end_id text UNIQUE,
         FOREIGN KEY (organisation_id, initiative_id) REFERENCES initiatives(organisation_id, id),
         FOREIGN KEY (application_id, cost_line_no) REFERENCES application_cost_lines(application_id, line_no),
         CHECK (kind <> 'grant_to_body' OR (body_notice_kind IS NOT NULL AND body_notice_issued_on IS NOT NULL)),
         CHECK (status IN ('submitted', 'rejected') OR approval_entry_id IS NOT NULL),
         -- The four-eyes rule for money out: who asks does not approve.
         CHECK (decided_by IS NULL OR decided_by <> submitted_by)
       )`,
      `CREATE INDEX expense_claims_initiative ON expense_claims (initiative_id, status)`,
      `CREATE INDEX expense_claims_approved ON expense_claims (organisation_id) WHERE status = 'approved'`,

      `CREATE TABLE payout_runs (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         execution_date date NOT NULL,
         claim_count int NOT NULL,
         total_cents bigint NOT NULL,
         message_id text NOT NULL UNIQUE,
         document_path text NOT NULL,
         sha256 text NOT NULL,
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `ALTER TABLE expense_claims ADD COLUMN payout_run_id uuid REFERENCES payout_runs(id)`,

      `CREATE TABLE proofs_of_use (
         application_id uuid PRIMARY KEY REFERENCES applications(id),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         due_on date NOT NULL,
         status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'overdue', 'accepted')),
         report text CHECK (length(report) <= 20000),
         submitted_at timestamptz,
         reminded_30_at timestamptz,
         reminded_7_at timestamptz,
         overdue_at timestamptz
       )`,
      // A fund statement reads its cost centre's lines.
      `CREATE INDEX journal_lines_cost_centre ON journal_lines (organisation_id, cost_centre, booked_on, entry_id, line_no)
         WHERE cost_centre IS NOT NULL`,
      `CREATE INDEX proofs_of_use_due ON proofs_of_use (due_on) WHERE status IN ('open', 'overdue')`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'proofs_of_use',
      'expense_claims',
      'payout_runs',
      'application_documents',
      'funding_documents',
      'decisions',
      'reviews',
      'application_cost_lines',
      'applications',
      'programmes',
    ])
      await q.query(`DROP TABLE ${table} CASCADE`);
  }
}
