import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../local-services/free-port';
import {
  DocumentAlteredError,
  DocumentMissingError,
  DocumentStore,
  sha256,
} from './document-store';
import { LocalDocumentStore } from './local-document-store';
import { S3DocumentStore } from './s3-document-store';

/** s3rver ships no types; what the test uses of it. */
interface S3rver {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
const S3rverServer = require('s3rver') as new (options: object) => S3rver;

/**
 * The contract every document store keeps, run against the local directory and against
 * an S3-compatible server speaking HTTP (s3rver — an S3 API implementation for
 * development, not AWS itself).
 */
function documentStoreContract(name: string, open: () => Promise<DocumentStore>) {
  describe(`${name} document store`, () => {
    let store: DocumentStore;
    beforeAll(async () => {
      store = await open();
    });

    it('gives back what was put, with its SHA-256', async () => {
      const content = Buffer.from('%PDF-1.7 Zuwendungsbestätigung ä\u0000\u00ff');
      const stored = await store.put('receipts/org-1/2026/BE-2026-0001.pdf', content);
      expect(stored).toEqual({
        path: 'receipts/org-1/2026/BE-2026-0001.pdf',
        sha256: sha256(content),
      });
      expect(await store.get(stored.path)).toEqual(content);
      expect(await store.get(stored.path, stored.sha256)).toEqual(content);
    });

    it('refuses content that is not the recorded one', async () => {
      const stored = await store.put('letters/org-1/dunning-1.pdf', Buffer.from('first'));
      await expect(store.get(stored.path, sha256(Buffer.from('other')))).rejects.toBeInstanceOf(
        DocumentAlteredError,
      );
    });

    it('says a document is missing, distinct from other failures', async () => {
      await expect(store.get('receipts/org-1/none.pdf')).rejects.toBeInstanceOf(
        DocumentMissingError,
      );
    });

    it('refuses paths that could leave its root', async () => {
      for (const bad of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', '', 'a/./b', 'a\\b'])
        await expect(store.put(bad, Buffer.from('x'))).rejects.toThrow(/Invalid document path/);
    });

    it('lists every stored path and nothing in flight', async () => {
      await store.put('sepa/org-2/MSG-1.xml', Buffer.from('<Document/>'));
      const listed: string[] = [];
      for await (const p of store.list()) listed.push(p);
      expect(listed.sort()).toEqual([
        'letters/org-1/dunning-1.pdf',
        'receipts/org-1/2026/BE-2026-0001.pdf',
        'sepa/org-2/MSG-1.xml',
      ]);
    });

    it('holds large files whole', async () => {
      const big = Buffer.alloc(6 * 1024 * 1024, 7);
      const stored = await store.put('funding/org-1/init-1/proof', big);
      expect((await store.get(stored.path, stored.sha256)).length).toBe(big.length);
      await store.put('funding/org-1/init-1/proof', Buffer.from('small'));
    });
  });
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

documentStoreContract('local', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dachwerk-docs-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  // A write killed half-way leaves a temp file; it is no document.
  const store = new LocalDocumentStore(dir);
  await store.put('warm-up', Buffer.from('x')).then(() => rm(path.join(dir, 'warm-up')));
  await writeFile(path.join(dir, '.tmp', 'abc.1.2.tmp'), 'half');
  return store;
});

documentStoreContract('S3-compatible', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dachwerk-s3-'));
  const port = await freePort();
  const server = new S3rverServer({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'dachwerk-documents' }],
  });
  await server.run();
  const store = new S3DocumentStore({
    bucket: 'dachwerk-documents',
    prefix: 'test/',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-central-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  cleanups.push(
    () => rm(dir, { recursive: true, force: true }),
    () => server.close(),
    async () => store.close(),
  );
  return store;
});
