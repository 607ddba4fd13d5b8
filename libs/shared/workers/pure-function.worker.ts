// Runs in a worker thread: calls one pure function of a compiled module with the arguments
// it was given and posts the result back (see run-in-worker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../errors/domain-error';

const { modulePath, exportName, args } = workerData as {
  modulePath: string;
  exportName: string;
  args: unknown[];
};
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = (require(modulePath) as Record<string, (...a: unknown[]) => unknown>)[exportName];
  const given = args.map((a) =>
    a instanceof Uint8Array ? Buffer.from(a.buffer, a.byteOffset, a.length) : a,
  );
  parentPort!.postMessage({ ok: fn(...given) });
} catch (error) {
  parentPort!.postMessage({
    error:
      error instanceof DomainError
        ? { code: error.code, message: error.message, details: error.details, status: error.status }
        : { message: (error as Error).message },
  });
}
