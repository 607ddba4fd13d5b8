import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { LocalDocumentStore, uuidv7 } from '@dachwerk/shared';
import {
  createOrganisation,
  createTestDatabase,
  dropTestDatabase,
  type TestDatabase,
} from '@dachwerk/testing';

const CLI_MAIN = path.resolve(__dirname, '../../dist/apps/cli/src/main.js');

/** `npm run cli -- verify-documents`, the compiled command as an operator runs it. */
function verifyDocuments(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI_MAIN, 'verify-documents', ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('verify-documents (CLI)', () => {
  let db: TestDatabase;
  let sql: DataSource;
  let documentsDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await new DataSource({ type: 'postgres', url: db.appUrl }).initialize();
    documentsDir = await mkdtemp(path.join(tmpdir(), 'dachwerk-verify-'));
    env = {
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      QUEUE_PREFIX: db.name,
      DOCUMENTS_DIR: documentsDir,
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await sql.destroy();
    await dropTestDatabase(db);
    await rm(documentsDir, { recursive: true, force: true });
  });

  it('exits 0 when every recorded document is intact, 1 naming each one that is not', async () => {
    const organisationId = (await createOrganisation(sql)).id;
    const store = new LocalDocumentStore(documentsDir);
    const recorded: string[] = [];
    for (const name of ['eins', 'zwei']) {
      const id = uuidv7();
      const stored = await store.put(`sepa/${organisationId}/${name}.xml`, Buffer.from(name));
      await sql.query(
        `INSERT INTO payout_runs (id, organisation_id, execution_date, claim_count, total_cents, message_id, document_path, sha256)
         VALUES ($1, $2, '2026-12-01', 1, 100, $3, $4, $5)`,
        [id, organisationId, `MSG-${id}`, stored.path, stored.sha256.toString('hex')],
      );
      recorded.push(stored.path);
    }
    const intact = await verifyDocuments(env);
    expect(intact).toMatchObject({ code: 0, stderr: '' });
    expect(intact.stdout).toMatch(/Checked 2 documents: 2 intact, 0 missing, 0 altered/);

    // A restore that brought back another version of one file and lost the other.
    await writeFile(path.join(documentsDir, recorded[0]), 'EINS');
    await rm(path.join(documentsDir, recorded[1]));
    const broken = await verifyDocuments(env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/Checked 2 documents: 0 intact, 1 missing, 1 altered/);
    expect(broken.stdout).toContain(`altered  ${recorded[0]}  (payout_runs `);
    expect(broken.stdout).toContain(`missing  ${recorded[1]}  (payout_runs `);

    const json = await verifyDocuments(env, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ checked: 2, ok: 0 });
  }, 240_000);
});
