import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers for the API and the web app it serves from the same origin (a
 * Vite-built React/MUI bundle): scripts only from this origin, inline styles allowed
 * because emotion (MUI) injects <style> tags at run time, no framing by anyone.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      // Sent only over TLS, below: over plain HTTP it would be ignored or, behind a
      // misconfigured proxy, pin a site to HTTPS that does not serve it.
      strictTransportSecurity: false,
    }),
    hstsOverTls,
  ];
}

/** `req.secure` sees X-Forwarded-Proto only from proxies TRUST_PROXY names. */
function hstsOverTls(req: Request, res: Response, next: NextFunction): void {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
}
