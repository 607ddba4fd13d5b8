import { createHash } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { DomainError, validationFailed } from '../errors/domain-error';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header of a POST that moves money, checked for shape. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const header = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    if (header === undefined) return undefined;
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw validationFailed([
        {
          field: 'Idempotency-Key',
          rule: 'format',
          message: 'must be 1 to 255 visible ASCII characters',
        },
      ]);
    }
    return header;
  },
);

/**
 * Runs `work` at most once per (user, key) — in the caller's transaction, so the stored
 * answer commits with the change it describes. A repeat with the same request returns the
 * first answer; another request under the same key answers 409. A concurrent repeat waits
 * on the key's row until the first commits, then replays.
 */
export async function once<T>(
  m: EntityManager,
  key: { userId: string; key: string | undefined; request: unknown },
  work: () => Promise<T>,
): Promise<T> {
  if (key.key === undefined) return work();
  const fingerprint = createHash('sha256').update(JSON.stringify(key.request)).digest();
  // Claim the key first: a second transaction with the same key blocks here.
  const claimed = await m.query<unknown[]>(
    `INSERT INTO idempotency_keys (user_id, key, fingerprint, response) VALUES ($1, $2, $3, 'null')
     ON CONFLICT DO NOTHING RETURNING 1`,
    [key.userId, key.key, fingerprint],
  );
  if (!claimed.length) {
    const [first] = await m.query<{ fingerprint: Buffer; response: T }[]>(
      `SELECT fingerprint, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [key.userId, key.key],
    );
    if (!first.fingerprint.equals(fingerprint)) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for another request',
        {
          field: 'Idempotency-Key',
        },
      );
    }
    return first.response;
  }
  const result = await work();
  await m.query(`UPDATE idempotency_keys SET response = $3 WHERE user_id = $1 AND key = $2`, [
    key.userId,
    key.key,
    JSON.stringify(result),
  ]);
  return result;
}
