import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './sql';

/**
 * Donations: donors (people and organisations) and donations of money, in kind and
 * as expense waiver. A donation is booked in the same transaction and never edited;
 * a correction reverses its entry and records a replacement that points back.
 */
export class Donations1764300000000 implements MigrationInterface {
  name = 'Donations1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE donors (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
         first_name text CHECK (length(first_name) <= 100),
         last_name text CHECK (length(last_name) <= 100),
         organisation_name text CHECK (length(organisation_name) <= 200),
         street text CHECK (length(street) <= 200),
         postal_code text CHECK (postal_code ~ '^[0-9A-Za-z -]{3,10}$'),
         city text CHECK (length(city) <= 100),
         country text NOT NULL DEFAULT 'DE' CHECK (country ~ '^[A-Z]{2}$'),
         email text CHECK (email LIKE '%_@_%'),
         iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
         member_id uuid,
         consents_to_contact boolean NOT NULL DEFAULT false,
         consents_to_name_sharing boolean NOT NULL DEFAULT false,
         merged_into_id uuid REFERENCES donors(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CHECK (kind = 'organisation' OR (last_name IS NOT NULL AND organisation_name IS NULL)),
         CHECK (kind = 'person' OR organisation_name IS NOT NULL),
         CHECK (merged_into_id IS NULL OR merged_into_id <> id)
       )`,
      `CREATE INDEX donors_org_name ON donors (organisation_id, lower(COALESCE(last_name, organisation_name)), postal_code)`,
      `CREATE INDEX donors_org_iban ON donors (organisation_id, iban) WHERE iban IS NOT NULL`,

      `CREATE TABLE donations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         donor_id uuid NOT NULL REFERENCES donors(id),
         kind text NOT NULL CHECK (kind IN ('money', 'in_kind', 'expense_waiver')),
         channel text NOT NULL CHECK (channel IN ('transfer', 'cash', 'direct_debit', 'online', 'in_kind', 'waiver')),
         received_on date NOT NULL,
         amount_cents bigint NOT NULL CHECK (amount_cents > 0),
         purpose text CHECK (length(purpose) <= 300),
         earmark text NOT NULL CHECK (earmark IN ('general', 'purpose', 'initiative')),
         earmark_purpose text CHECK (length(earmark_purpose) <= 300),
         cost_centre text CHECK (cost_centre ~ '^[A-Za-z0-9_-]{1,36}$'),
         item text CHECK (length(item) <= 300),
         item_age text CHECK (length(item_age) <= 100),
         item_condition text CHECK (length(item_condition) <= 100),
         purchase_price_cents bigint CHECK (purchase_price_cents >= 0),
         value_basis text CHECK (length(value_basis) <= 500),
         is_from_business_assets boolean,
         reimbursement_claim_ref text CHECK (length(reimbursement_claim_ref) <= 100),
         reimbursement_agreed_on date,
         journal_entry_id uuid NOT NULL REFERENCES journal_entries(id),
         replaces_donation_id uuid UNIQUE REFERENCES donations(id),
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         CHECK (earmark <> 'purpose' OR earmark_purpose IS NOT NULL),
         CHECK (earmark <> 'initiative' OR cost_centre IS NOT NULL),
         CHECK (kind <> 'in_kind' OR (item IS NOT NULL AND value_basis IS NOT NULL AND is_from_business_assets IS NOT NULL)),
         CHECK (kind <> 'expense_waiver' OR (reimbursement_claim_ref IS NOT NULL AND reimbursement_agreed_on IS NOT NULL
                                             AND reimbursement_agreed_on <= received_on))
       )`,
      `CREATE INDEX donations_org_received ON donations (organisation_id, received_on, id)`,
      `CREATE INDEX donations_donor ON donations (donor_id, received_on)`,
      ...appendOnly('donations'),

      // A correction reverses the booking; which donations are void is derived from this.
      `CREATE TABLE donation_corrections (
         donation_id uuid PRIMARY KEY REFERENCES donations(id),
         reversal_entry_id uuid NOT NULL REFERENCES journal_entries(id),
         reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 500),
         corrected_by uuid REFERENCES users(id),
         corrected_at timestamptz NOT NULL DEFAULT now()
       )`,
      ...appendOnly('donation_corrections'),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['donation_corrections', 'donations', 'donors'])
      await q.query(`DROP TABLE ${table}`);
  }
}
