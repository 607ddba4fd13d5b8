import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '@dachwerk/auth';
import { DomainError, negotiateLanguage, toProblem } from '@dachwerk/shared';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * Why a state-changing request must be refused as cross-site, or undefined when it may
 * pass. Browsers send the session cookie (SameSite=Strict already keeps it off cross-site
 * requests in current browsers) and say where a request comes from: `Sec-Fetch-Site`, or
 * at least `Origin`. A request with the cookie and neither header is not from a browser
 * we support, and scripts authenticate with the bearer token, which no page can forge.
 */
export function crossSiteReason(req: Request): string | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const hasCookie = typeof cookies?.[SESSION_COOKIE] === 'string';
  const hasBearer = req.headers.authorization?.startsWith('Bearer ') ?? false;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site is ${site}`;
  }
  const origin = req.headers.origin;
  if (typeof origin === 'string') {
    return hostOf(origin) === req.headers.host ? undefined : `Origin ${origin} is another site`;
  }
  if (hasCookie && !hasBearer) return 'a cookie-authenticated change must name its origin';
  return undefined;
}

/** Refuses cross-site state changes with 403 CROSS_SITE_REQUEST (problem+json). */
export function refuseCrossSite(req: Request, res: Response, next: NextFunction): void {
  const reason = crossSiteReason(req);
  if (!reason) return next();
  const problem = toProblem(
    new DomainError(
      'CROSS_SITE_REQUEST',
      'Refused: the request comes from another site',
      { reason },
      403,
    ),
    randomUUID(),
    negotiateLanguage(req.headers['accept-language']),
  );
  res.status(403).type('application/problem+json').json(problem);
}
