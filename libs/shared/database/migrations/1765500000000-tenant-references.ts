import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's own wall between tenants: a row that belongs to an organisation may
 * name another tenant-owned row only of the same organisation. The services resolve every
 * id inside the path's organisation first (404 otherwise, `resolveIn`); this is what holds
 * when a service forgets.
 *
 * - Rows that carry organisation_id reference (organisation_id, id) of their target: a
 *   composite foreign key replaces the plain one on id.
 * - Rows without organisation_id (items, events, links) take it from their parent: a
 *   statement trigger refuses a reference to a row of another organisation (whether the
 *   row exists at all is the plain foreign key's business; a bank transaction can be
 *   named by a receivable's event before the statement's rows are written).
 */

/** [table, column, target]: the table and its target both carry organisation_id. */
const REFERENCES: [string, string, string][] = [
  ['donors', 'merged_into_id', 'donors'],
  ['donors', 'member_id', 'members'],
  ['donations', 'donor_id', 'donors'],
  ['donations', 'journal_entry_id', 'journal_entries'],
  ['donations', 'replaces_donation_id', 'donations'],
  ['donations', 'initiative_id', 'initiatives'],
  ['receipts', 'donor_id', 'donors'],
  ['receipts', 'replaces_receipt_id', 'receipts'],
  ['sepa_mandates', 'member_id', 'members'],
  ['receivables', 'member_id', 'members'],
  ['receivables', 'fee_run_id', 'fee_runs'],
  ['receivables', 'mandate_id', 'sepa_mandates'],
  ['receivables', 'journal_entry_id', 'journal_entries'],
  ['bank_statements', 'bank_account_id', 'organisation_bank_accounts'],
  ['bank_transactions', 'journal_entry_id', 'journal_entries'],
  ['applications', 'programme_id', 'programmes'],
  ['applications', 'commitment_entry_id', 'journal_entries'],
  ['expense_claims', 'application_id', 'applications'],
  ['expense_claims', 'document_id', 'funding_documents'],
  ['expense_claims', 'approval_entry_id', 'journal_entries'],
  ['expense_claims', 'payout_entry_id', 'journal_entries'],
  ['expense_claims', 'payout_run_id', 'payout_runs'],
  ['proofs_of_use', 'application_id', 'applications'],
  ['journal_entries', 'reverses_entry_id', 'journal_entries'],
];

/** Targets that get UNIQUE (organisation_id, id) for the keys above (initiatives has it). */
const TARGETS = [...new Set(REFERENCES.map(([, , target]) => target))].filter(
  (t) => t !== 'initiatives',
);

/** Rows without organisation_id: their parent's organisation, and the rows they name. */
const CHILD_REFERENCES: { table: string; parent: [string, string]; refs: [string, string][] }[] = [
  {
    table: 'receipt_items',
    parent: ['receipt_id', 'receipts'],
    refs: [
      ['donation_id', 'donations'],
      ['receivable_id', 'receivables'],
    ],
  },
  {
    table: 'receipt_run_items',
    parent: ['run_id', 'receipt_runs'],
    refs: [['donor_id', 'donors']],
  },
  {
    table: 'member_tier_assignments',
    parent: ['member_id', 'members'],
    refs: [['tier_id', 'membership_tiers']],
  },
  {
    table: 'dunning_notices',
    parent: ['dunning_run_id', 'dunning_runs'],
    refs: [['member_id', 'members']],
  },
  {
    table: 'receivable_events',
    parent: ['receivable_id', 'receivables'],
    refs: [
      ['journal_entry_id', 'journal_entries'],
      ['bank_transaction_id', 'bank_transactions'],
    ],
  },
  {
    table: 'application_documents',
    parent: ['application_id', 'applications'],
    refs: [['document_id', 'funding_documents']],
  },
  {
    table: 'donation_corrections',
    parent: ['donation_id', 'donations'],
    refs: [['reversal_entry_id', 'journal_entries']],
  },
];

function sameOrganisationTrigger({ table, parent, refs }: (typeof CHILD_REFERENCES)[number]) {
  const [parentColumn, parentTable] = parent;
  const foreign = refs
    .map(
      ([column, target]) =>
        `EXISTS (SELECT 1 FROM ${target} r WHERE r.id = n.${column} AND r.organisation_id <> p.organisation_id)`,
    )
    .join(' OR ');
  return [
    `CREATE FUNCTION ${table}_same_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM new_rows n JOIN ${parentTable} p ON p.id = n.${parentColumn} WHERE ${foreign}) THEN
         RAISE EXCEPTION '% names a row of another organisation', TG_TABLE_NAME
           USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '${table}_same_organisation';
       END IF;
       RETURN NULL;
     END $$`,
    // Transition tables allow one event per trigger: one for inserts, one for updates.
    `CREATE TRIGGER ${table}_same_organisation_insert AFTER INSERT ON ${table}
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_same_organisation()`,
    `CREATE TRIGGER ${table}_same_organisation_update AFTER UPDATE ON ${table}
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_same_organisation()`,
  ];
}

export class TenantReferences1765500000000 implements MigrationInterface {
  name = 'TenantReferences1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      ...TARGETS.map(
        (t) =>
          `ALTER TABLE ${t} ADD CONSTRAINT ${t}_organisation_id_id_key UNIQUE (organisation_id, id)`,
      ),
      ...REFERENCES.flatMap(([table, column, target]) => [
        `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_${column}_fkey`,
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_same_organisation
           FOREIGN KEY (organisation_id, ${column}) REFERENCES ${target} (organisation_id, id)`,
      ]),
      ...CHILD_REFERENCES.flatMap(sameOrganisationTrigger),
      // Added NOT VALID with the initiatives; every row has been checked by the service since.
      `ALTER TABLE user_initiatives VALIDATE CONSTRAINT user_initiatives_initiative_fk`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of CHILD_REFERENCES) {
      await q.query(`DROP TRIGGER ${table}_same_organisation_insert ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_same_organisation_update ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_same_organisation()`);
    }
    for (const [table, column, target] of REFERENCES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_same_organisation`);
      // donors.member_id had no key before.
      if (table === 'donors' && column === 'member_id') continue;
      await q.query(`ALTER TABLE ${table} ADD FOREIGN KEY (${column}) REFERENCES ${target} (id)`);
    }
    for (const t of TARGETS) {
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_organisation_id_id_key`);
    }
  }
}
