import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';

export interface StoredDocument {
  path: string;
  sha256: Buffer;
}

/**
 * Generated files (receipts, letters, exports), in a local directory for now and
 * S3-compatible storage later. Writes are atomic (temp file + rename) and a stored path
 * is never overwritten with other content: Postgres keeps each file's SHA-256.
 */
@Injectable()
export class DocumentStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = path.resolve(config.DOCUMENTS_DIR);
  }

  /**
   * Temp files live in `<root>/.tmp/`, named after the document: a writer killed
   * mid-write leaves its temp there, and the next write of the same document removes it
   * — by listing a directory that holds only writes in flight, not the thousands of
   * finished files next to the target.
   */
  async put(relativePath: string, content: Buffer): Promise<StoredDocument> {
    const target = this.resolve(relativePath);
    const tempDir = path.join(this.root, '.tmp');
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(tempDir, { recursive: true });
    const key = createHash('sha1').update(relativePath).digest('hex');
    const temp = path.join(tempDir, `${key}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
    await this.removeLeftovers(tempDir, `${key}.`);
    return { path: relativePath, sha256: createHash('sha256').update(content).digest() };
  }

  async get(relativePath: string, expectedSha256?: Buffer): Promise<Buffer> {
    const content = await readFile(this.resolve(relativePath));
    if (expectedSha256 && !createHash('sha256').update(content).digest().equals(expectedSha256)) {
      throw new Error(`Document ${relativePath} does not match its recorded SHA-256`);
    }
    return content;
  }

  /** Temp files of earlier attempts at the same document (a writer killed mid-write). */
  private async removeLeftovers(tempDir: string, prefix: string): Promise<void> {
    for (const name of await readdir(tempDir)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp'))
        await unlink(path.join(tempDir, name)).catch(() => undefined);
    }
  }

  private resolve(relativePath: string): string {
    const target = path.resolve(this.root, relativePath);
    if (!target.startsWith(this.root + path.sep))
      throw new Error(`Invalid document path ${relativePath}`);
    return target;
  }
}

@Global()
@Module({ providers: [DocumentStore], exports: [DocumentStore] })
export class DocumentsModule {}
