import { MigrationInterface, QueryRunner } from 'typeorm';
import { StoredDocuments1765700000001 } from './1765700000001-stored-documents';

/**
 * The view stored_documents goes: a view created in one migration range cannot list a
 * column a later range adds (receipts.void_document_path came after it). The list of
 * document columns lives in code now (libs/shared/documents/document-columns.ts).
 */
export class StoredDocumentsInCode1765700000002 implements MigrationInterface {
  name = 'StoredDocumentsInCode1765700000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW stored_documents`);
  }

  async down(q: QueryRunner): Promise<void> {
    await new StoredDocuments1765700000001().up(q);
  }
}
