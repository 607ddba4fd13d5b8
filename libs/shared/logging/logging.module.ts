import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Accepts a caller's X-Request-Id when it is harmless, otherwise makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Structured logs, one line per request with request id, actor, status and duration.
 * Only method and path are logged: query strings, bodies and auth headers may hold
 * personal data or secrets.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const id = requestIdOf(req);
            res.setHeader('X-Request-Id', id);
            return id;
          },
          customProps: (req: IncomingMessage) => ({
            actorId: (req as IncomingMessage & { actor?: { userId: string } }).actor?.userId,
          }),
          // Our serializers see the raw objects and pick three fields: headers (tokens,
          // cookies) are never serialised, so nothing needs redacting.
          wrapSerializers: false,
          quietReqLogger: true,
          serializers: {
            req: (req: IncomingMessage & { id: string; originalUrl?: string }) => ({
              id: req.id,
              method: req.method,
              path: (req.originalUrl ?? req.url ?? '').split('?')[0],
            }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err || res.statusCode >= 500 ? 'error' : 'info',
        },
        // Every route, in the wildcard syntax of path-to-regexp 8 (Nest 11 warns on a bare '*').
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      }),
    }),
  ],
})
export class LoggingModule {}
