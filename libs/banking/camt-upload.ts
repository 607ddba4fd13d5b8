import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DomainError } from '@dachwerk/shared';
import { readCamtFile } from './camt-file';
import type { ParsedStatement } from './camt053';

export interface ParsedCamtFile {
  sha256: string;
  size: number;
  statements: ParsedStatement[];
}

/**
 * Reads an uploaded camt.053 file from disk: its SHA-256 and its statements. Called through
 * `runInWorker`: parsing a 50 MB statement takes seconds of pure CPU, which on the event loop
 * held up every other request, /health too. What the reader did not foresee still answers
 * as a refused statement, never as a 500.
 */
export function readCamtUpload(path: string): ParsedCamtFile {
  const file = readFileSync(path);
  const sha256 = createHash('sha256').update(file).digest('hex');
  try {
    return { sha256, size: file.length, statements: readCamtFile(file) };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'STATEMENT_INVALID',
      `The file could not be read: ${(error as Error).message}`,
    );
  }
}
