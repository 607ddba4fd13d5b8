// Runs in a worker thread: reads an uploaded camt.053 file from disk, hashes and parses it,
// so a large statement never holds up the API's event loop (see camt-parse-in-worker.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '@dachwerk/shared';
import { readCamtFile } from './camt-file';

const { path } = workerData as { path: string };
try {
  const file = readFileSync(path);
  const sha256 = createHash('sha256').update(file).digest('hex');
  parentPort!.postMessage({ ok: { sha256, size: file.length, statements: readCamtFile(file) } });
} catch (error) {
  parentPort!.postMessage({
    error:
      error instanceof DomainError
        ? { code: error.code, message: error.message, details: error.details, status: error.status }
        : { message: (error as Error).message },
  });
}
