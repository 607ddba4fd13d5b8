import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '@dachwerk/shared';

/** Paths the web app never answers: the API, its docs, the queue dashboard, public pages. */
const NOT_THE_APP = /^\/(api|docs|docs-json|admin\/queues|transparenz)(\/|$)/;

/**
 * Serves the built web app (dist/web, `npm run build`) from the API's own origin:
 * hashed assets for a year, index.html for every other GET that is not the API, so a
 * deep link (`/o/<org>/members/<id>`) opens the app at that screen.
 */
export function serveWebApp(app: NestExpressApplication, dir = projectPath('dist', 'web')): void {
  const index = path.join(dir, 'index.html');
  app.use(
    '/assets',
    serveStatic(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_APP.test(req.path)) {
      return next();
    }
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build`.\n');
      return;
    }
    // The shell is tiny and names the current hashed assets: always revalidate it.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
