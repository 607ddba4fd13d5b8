import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@dachwerk/shared';
import type { ParsedStatement } from './camt053';

export interface ParsedCamtFile {
  sha256: string;
  size: number;
  statements: ParsedStatement[];
}

/**
 * The compiled worker script: next to this file in a build; from dist/ when this file runs
 * as TypeScript under Jest (`npm test` builds first), since a worker thread does not get
 * Jest's transform.
 */
function workerScript(): string {
  const sibling = join(__dirname, 'camt-parse.worker.js');
  if (existsSync(sibling)) return sibling;
  return resolve(__dirname, '../../dist/libs/banking/camt-parse.worker.js');
}

/**
 * Parses the camt.053 file at `path` in a worker thread. Parsing a 50 MB statement takes
 * seconds of pure CPU; on the event loop it held up every other request, /health too.
 * Refusals come back as the same DomainError the parser threw.
 */
export function parseCamtInWorker(path: string): Promise<ParsedCamtFile> {
  return new Promise((done, fail) => {
    const worker = new Worker(workerScript(), { workerData: { path } });
    let answered = false;
    worker.once('message', (message: { ok?: ParsedCamtFile; error?: Record<string, unknown> }) => {
      answered = true;
      if (message.ok) return done(message.ok);
      const e = message.error ?? {};
      fail(
        e.code
          ? new DomainError(
              e.code as string,
              e.message as string,
              e.details as Record<string, unknown> | undefined,
              e.status as number | undefined,
            )
          : new DomainError(
              'STATEMENT_INVALID',
              `The file could not be read: ${String(e.message)}`,
            ),
      );
    });
    worker.once('error', (error) => {
      if (!answered) fail(error);
    });
    worker.once('exit', (code) => {
      if (!answered) fail(new Error(`camt parse worker stopped with exit code ${code}`));
    });
  });
}
