import { createHash } from 'node:crypto';

export interface StoredDocument {
  path: string;
  sha256: Buffer;
}

/** The store has no file under this path (lost, or never written there). */
export class DocumentMissingError extends Error {
  constructor(readonly documentPath: string) {
    super(`Document ${documentPath} is missing from the document store`);
  }
}

/** The file under this path is not the one whose SHA-256 Postgres recorded. */
export class DocumentAlteredError extends Error {
  constructor(readonly documentPath: string) {
    super(`Document ${documentPath} does not match its recorded SHA-256`);
  }
}

/**
 * Generated and uploaded files (receipts, letters, SEPA files, proofs): where they live
 * is configuration (DOCUMENTS_STORE) — a local directory, or an S3-compatible bucket that
 * every replica shares. Postgres keeps each file's path and SHA-256; a stored path is
 * never overwritten with other content, and a write is whole or absent.
 *
 * Paths are relative, '/'-separated, without '..' (see documentPath()).
 */
export abstract class DocumentStore {
  /** Stores `content` under `relativePath`; whole or not at all. */
  abstract put(relativePath: string, content: Buffer): Promise<StoredDocument>;

  /** The content; DocumentMissingError when there is none. */
  protected abstract read(relativePath: string): Promise<Buffer>;

  /** Every stored path (for operators: restore checks, orphans); order unspecified. */
  abstract list(): AsyncIterable<string>;

  /** Releases connections (an S3 client's sockets would keep a CLI process alive). */
  close(): void {}

  /** The content, checked against `expectedSha256` when given (DocumentAlteredError). */
  async get(relativePath: string, expectedSha256?: Buffer): Promise<Buffer> {
    const content = await this.read(documentPath(relativePath));
    if (expectedSha256 && !sha256(content).equals(expectedSha256))
      throw new DocumentAlteredError(relativePath);
    return content;
  }
}

export function sha256(content: Buffer): Buffer {
  return createHash('sha256').update(content).digest();
}

/** A path no store can resolve outside its root: relative, no '.', '..' or empty segments. */
export function documentPath(relativePath: string): string {
  const segments = relativePath.split('/');
  if (
    relativePath.length === 0 ||
    relativePath.length > 1024 ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\')) ||
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    /[\u0000-\u001f]/.test(relativePath)
  )
    throw new Error(`Invalid document path ${JSON.stringify(relativePath)}`);
  return relativePath;
}
