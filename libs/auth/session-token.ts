import { createHash } from 'node:crypto';
import type { Request } from 'express';

export const SESSION_COOKIE = 'dachwerk_session';

/** The session token from `Authorization: Bearer` or the session cookie. */
export function tokenOf(req: Request): string | undefined {
  const header: string | undefined = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const cookie = cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : undefined;
}

/** Session and password tokens are stored only as their SHA-256. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The caller's address as Express sees it through TRUST_PROXY: what the login throttle counts. */
export function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
