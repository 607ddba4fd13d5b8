import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every document Postgres records, with the SHA-256 of its content, in one view: what
 * `verify-documents` checks against the document store. A new table that records a
 * document must be added here (a test compares the view with every *_path column).
 */
export class StoredDocuments1765700000001 implements MigrationInterface {
  name = 'StoredDocuments1765700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE VIEW stored_documents (owner, owner_id, organisation_id, path, sha256) AS
         SELECT 'receipts', id, organisation_id, document_path, encode(document_sha256, 'hex')
           FROM receipts WHERE document_path IS NOT NULL
         UNION ALL
         SELECT 'fee_runs', id, organisation_id, sepa_document_path, sepa_sha256
           FROM fee_runs WHERE sepa_document_path IS NOT NULL
         UNION ALL
         SELECT 'fee_runs', id, organisation_id, notices_document_path, notices_sha256
           FROM fee_runs WHERE notices_document_path IS NOT NULL
         UNION ALL
         SELECT 'dunning_runs', id, organisation_id, document_path, document_sha256
           FROM dunning_runs WHERE document_path IS NOT NULL
         UNION ALL
         SELECT 'funding_documents', id, organisation_id, path, sha256 FROM funding_documents
         UNION ALL
         SELECT 'payout_runs', id, organisation_id, document_path, sha256 FROM payout_runs`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW stored_documents`);
  }
}
