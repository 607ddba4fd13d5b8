import { ExpressAdapter as BullBoardAdapter } from '@bull-board/express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AuthService, SESSION_COOKIE, tokenOf } from '@dachwerk/auth';
import {
  APP_CONFIG,
  createValidationPipe,
  DomainError,
  JobQueue,
  negotiateLanguage,
  ProblemDto,
  ProblemFilter,
  toProblem,
  type AppConfig,
} from '@dachwerk/shared';
import { randomUUID } from 'node:crypto';
import { securityHeaders } from './security-headers';
import { refuseCrossSite } from './csrf';
import { serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests do to an app, so tests run the real thing. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Answers are per-user JSON; hashing every body for an ETag costs more than it saves.
  app.set('etag', false);
  if (config.TRUST_PROXY !== false) app.set('trust proxy', config.TRUST_PROXY);
  app.use(...securityHeaders());
  app.use(cookieParser());
  app.use(refuseCrossSite);
  // Own JSON parser (the app is created with bodyParser: false) so malformed JSON gets its own code.
  app.use(json({ limit: '1mb' }));
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: string } | undefined)?.type;
    next(
      type === 'entity.parse.failed'
        ? new DomainError('MALFORMED_JSON', 'The request body is not valid JSON', undefined, 400)
        : err,
    );
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'docs', method: RequestMethod.ALL }],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  // Both answer 404 when off (production default): less to attack, nothing to find.
  if (config.QUEUE_DASHBOARD) mountBullBoard(app);
  if (config.API_DOCS) setupOpenApi(app);
  serveWebApp(app);
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Dachwerk API')
      .setDescription(
        'Back-office of an umbrella association. Errors are application/problem+json ' +
          '(`type, title, status, code, detail, errors?, errorId`). Lists page with `page` and `pageSize` (max 200).',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build(),
    { extraModels: [ProblemDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Queue dashboard, behind the same session check as the API. Platform admins only: it
 * shows and retries the jobs of every organisation.
 */
function mountBullBoard(app: NestExpressApplication): void {
  const adapter = new BullBoardAdapter();
  adapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: app
      .get(JobQueue)
      .all()
      .map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
  });
  const auth = app.get(AuthService);
  const requireAdmin = (req: Request, res: Response, next: NextFunction): void => {
    const token = tokenOf(req);
    (token ? auth.authenticate(token) : Promise.resolve(undefined))
      .then((actor) => {
        if (!actor) throw new DomainError('UNAUTHENTICATED', 'Log in first');
        if (!actor.isPlatformAdmin)
          throw new DomainError('FORBIDDEN', 'The queue dashboard is for platform administrators');
        next();
      })
      .catch((error: unknown) => {
        const problem = toProblem(
          error,
          randomUUID(),
          negotiateLanguage(req.headers['accept-language']),
        );
        res.status(problem.status).type('application/problem+json').json(problem);
      });
  };
  app.use('/admin/queues', requireAdmin, adapter.getRouter());
}
