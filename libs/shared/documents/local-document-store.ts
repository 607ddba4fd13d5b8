import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DocumentMissingError,
  DocumentStore,
  documentPath,
  sha256,
  StoredDocument,
} from './document-store';

const TEMP_DIR = '.tmp';

/**
 * Documents in a local directory (DOCUMENTS_STORE=local, the default): enough for one
 * server; replicas need a shared directory or the S3 store. Writes are atomic (temp file +
 * rename).
 */
export class LocalDocumentStore extends DocumentStore {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = path.resolve(root);
  }

  /**
   * Temp files live in `<root>/.tmp/`, named after the document: a writer killed
   * mid-write leaves its temp there, and the next write of the same document removes it
   * — by listing a directory that holds only writes in flight, not the thousands of
   * finished files next to the target.
   */
  async put(relativePath: string, content: Buffer): Promise<StoredDocument> {
    const target = this.resolve(relativePath);
    const tempDir = path.join(this.root, TEMP_DIR);
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(tempDir, { recursive: true });
    const key = createHash('sha1').update(relativePath).digest('hex');
    const temp = path.join(tempDir, `${key}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
    await this.removeLeftovers(tempDir, `${key}.`);
    return { path: relativePath, sha256: sha256(content) };
  }

  protected async read(relativePath: string): Promise<Buffer> {
    try {
      return await readFile(this.resolve(relativePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new DocumentMissingError(relativePath);
      throw error;
    }
  }

  async *list(): AsyncIterable<string> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const relative = path.relative(this.root, path.join(entry.parentPath, entry.name));
      if (relative.split(path.sep)[0] === TEMP_DIR) continue;
      yield relative.split(path.sep).join('/');
    }
  }

  /** Temp files of earlier attempts at the same document (a writer killed mid-write). */
  private async removeLeftovers(tempDir: string, prefix: string): Promise<void> {
    for (const name of await readdir(tempDir)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp'))
        await unlink(path.join(tempDir, name)).catch(() => undefined);
    }
  }

  private resolve(relativePath: string): string {
    const target = path.resolve(this.root, documentPath(relativePath));
    if (!target.startsWith(this.root + path.sep))
      throw new Error(`Invalid document path ${relativePath}`);
    return target;
  }
}
