import type { Response } from 'superagent';

/** supertest parser that keeps a binary body (PDF, ZIP, Windows-1252 CSV) as a Buffer. */
export function binary(res: Response, callback: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
