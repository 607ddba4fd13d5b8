import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An entry posted for a domain record (a donation, a receivable, a claim, a bank
 * transaction …) belongs to that record: `source` names the domain, `source_id` the
 * record. Reversing such an entry alone would leave the record standing (a receipt was
 * issued for a reversed donation), so only the owning domain reverses it, and its
 * reversal keeps the owner's source and id. The ledger reverses only its own entries
 * (manual bookings, opening balances, reclassifications), under source 'reversal'.
 *
 * Owned is the default: a source not listed in journal_source_is_ledgers() belongs to a
 * domain, so a new domain is protected without touching this rule. New entries of a
 * domain must name their record (the ledger's own may stand alone) (older bank bookings did not; they stay as posted, since
 * nothing posted changes, and are still refused to the ledger's route by their source).
 */
export class JournalEntryOwners1765500000001 implements MigrationInterface {
  name = 'JournalEntryOwners1765500000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE FUNCTION journal_source_is_ledgers(source text) RETURNS boolean
         LANGUAGE sql IMMUTABLE AS $$ SELECT source IN ('manual', 'opening-balance', 'reclassification', 'reversal') $$`,
      `ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_owner_named
         CHECK (journal_source_is_ledgers(source) OR source_id IS NOT NULL) NOT VALID`,
      `CREATE FUNCTION journal_entries_reversed_by_owner() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         original journal_entries;
       BEGIN
         SELECT * INTO original FROM journal_entries WHERE id = NEW.reverses_entry_id;
         IF NOT FOUND THEN
           RETURN NEW; -- the foreign key answers for an id that names nothing
         END IF;
         IF journal_source_is_ledgers(original.source) THEN
           IF NEW.source = 'reversal' THEN
             RETURN NEW;
           END IF;
         ELSIF NEW.source = original.source AND NEW.source_id IS NOT DISTINCT FROM original.source_id THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'journal entry % belongs to % %: only that record reverses it',
             original.id, original.source, coalesce(original.source_id, '(unnamed)')
           USING ERRCODE = 'check_violation', TABLE = 'journal_entries', COLUMN = 'reverses_entry_id',
                 CONSTRAINT = 'journal_entries_reversed_by_owner';
       END $$`,
      // Only reversals pay for the check; every other posting skips it in the WHEN.
      `CREATE TRIGGER journal_entries_reversed_by_owner BEFORE INSERT ON journal_entries
         FOR EACH ROW WHEN (NEW.reverses_entry_id IS NOT NULL)
         EXECUTE FUNCTION journal_entries_reversed_by_owner()`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER journal_entries_reversed_by_owner ON journal_entries`);
    await q.query(`DROP FUNCTION journal_entries_reversed_by_owner()`);
    await q.query(`ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_owner_named`);
    await q.query(`DROP FUNCTION journal_source_is_ledgers(text)`);
  }
}
