import type { Request } from 'express';

export const SESSION_COOKIE = 'dachwerk_session';

/** The session token from `Authorization: Bearer` or the session cookie. */
export function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
  return cookies?.[SESSION_COOKIE] || undefined;
}
