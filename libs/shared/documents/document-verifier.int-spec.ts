import { createOrganisation, createTestModule, type TestModule } from '../testing';
import { uuidv7 } from '../database/uuid-v7';
import { DOCUMENT_COLUMNS, recordedDocumentsSql } from './document-columns';
import { DocumentStore, sha256 } from './document-store';
import { DocumentVerifier } from './document-verifier';

describe('DocumentVerifier (verify-documents)', () => {
  let t: TestModule;
  let store: DocumentStore;
  let organisationId: string;
  beforeAll(async () => {
    t = await createTestModule([]);
    store = t.moduleRef.get(DocumentStore);
    organisationId = (await createOrganisation(t.sql)).id;
  });
  afterAll(() => t.close());

  /**
   * A payout run whose SEPA file is recorded with the SHA-256 of `recorded`; the store
   * holds `stored` (by default the same), or nothing for null.
   */
  async function payoutRun(
    recorded: string,
    stored: string | null = recorded,
  ): Promise<{ id: string; path: string }> {
    const id = uuidv7();
    const path = `sepa/${organisationId}/PAYOUT-${id}.xml`;
    if (stored !== null) await store.put(path, Buffer.from(stored));
    await t.sql.query(
      `INSERT INTO payout_runs (id, organisation_id, execution_date, claim_count, total_cents, message_id, document_path, sha256)
       VALUES ($1, $2, '2026-12-01', 1, 100, $3, $4, $5)`,
      [id, organisationId, `PAYOUT-${id}`, path, sha256(Buffer.from(recorded)).toString('hex')],
    );
    return { id, path };
  }

  it('finds every recorded document intact after a clean write', async () => {
    await payoutRun('<Document>eins</Document>');
    await payoutRun('<Document>zwei</Document>');
    expect(await t.moduleRef.get(DocumentVerifier).verify()).toEqual({
      checked: 2,
      ok: 2,
      problems: [],
    });
  });

  it('names documents that are missing or altered', async () => {
    const missing = await payoutRun('<Document>drei</Document>', null);
    const altered = await payoutRun('<Document>vier</Document>', '<Document>VIER</Document>');
    const report = await t.moduleRef.get(DocumentVerifier).verify();
    expect(report.checked).toBe(4);
    expect(report.ok).toBe(2);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { owner: 'payout_runs', ownerId: missing.id, path: missing.path, problem: 'missing' },
        { owner: 'payout_runs', ownerId: altered.id, path: altered.path, problem: 'altered' },
      ]),
    );
    expect(report.problems).toHaveLength(2);
  });

  it('pages through more documents than one page holds', async () => {
    for (let i = 0; i < 520; i++) await payoutRun(`<Document>${i}</Document>`);
    const report = await t.moduleRef.get(DocumentVerifier).verify();
    expect(report.checked).toBe(524);
    expect(report.ok).toBe(522);
  });

  it('knows every column that records a document path, and its SHA-256 column', async () => {
    const columns = await t.superSql.query<{ table: string; column: string }[]>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name ~ '(^|_)path$'
          AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')
        ORDER BY 1, 2`,
    );
    const known = DOCUMENT_COLUMNS.map((c) => ({ table: c.table, column: c.path }));
    expect(columns).toEqual(
      [...known].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`)),
    );
    // Every listed SHA-256 column exists (the query would fail otherwise).
    await expect(t.sql.query(recordedDocumentsSql())).resolves.toBeInstanceOf(Array);
  });
});
