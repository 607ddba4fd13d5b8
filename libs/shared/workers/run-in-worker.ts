import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors/domain-error';

/** The repository root, from here (libs/shared/workers) or from the build (dist/libs/…). */
const sourceRoot = resolve(__dirname, '../../..');

/**
 * The compiled JavaScript of a module given by its path without extension: the sibling
 * `.js` in a build; under Jest (TypeScript, `npm test` builds first) the same file in dist/,
 * since a worker thread does not get Jest's transform.
 */
function compiled(modulePath: string): string {
  if (existsSync(`${modulePath}.js`)) return `${modulePath}.js`;
  return resolve(sourceRoot, 'dist', relative(sourceRoot, modulePath)) + '.js';
}

/**
 * Calls the pure function `exportName` of the module at `modulePath` (no extension, e.g.
 * `join(__dirname, 'member-import-csv')`) in a worker thread and answers its result.
 * For CPU-heavy reading of uploads: a 20 MB CSV takes about a second to split and check,
 * which on the event loop would hold up every other request, /health too.
 * Arguments and result cross by structured clone (Buffers arrive as Uint8Array and are
 * turned back); a DomainError thrown there is thrown here with its code, details and status.
 */
export function runInWorker<F extends (...args: never[]) => unknown>(
  modulePath: string,
  exportName: string,
  args: Parameters<F>,
): Promise<ReturnType<F>> {
  type T = ReturnType<F>;
  return new Promise((done, fail) => {
    const worker = new Worker(compiled(resolve(__dirname, 'pure-function.worker')), {
      workerData: { modulePath: compiled(modulePath), exportName, args },
    });
    let answered = false;
    worker.once('message', (message: { ok?: T; error?: Record<string, unknown> }) => {
      answered = true;
      if (!message.error) return done(message.ok as T);
      const e = message.error;
      fail(
        e.code
          ? new DomainError(
              e.code as string,
              e.message as string,
              e.details as Record<string, unknown> | undefined,
              e.status as number | undefined,
            )
          : new Error(`${exportName} failed in its worker thread: ${String(e.message)}`),
      );
    });
    worker.once('error', (error) => {
      if (!answered) fail(error);
    });
    worker.once('exit', (code) => {
      if (!answered) fail(new Error(`${exportName} worker stopped with exit code ${code}`));
    });
  });
}
