import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { Language, localiseFieldErrors, negotiateLanguage, problemText } from './catalogue';
import { databaseProblem, isPgError } from './database-problem';
import { DomainError, ERROR_STATUS, FieldError } from './domain-error';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './unavailable';

/** RFC 9457 problem details, the shape of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  errorId: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Codes for errors raised by Nest/Express itself rather than by our services. */
const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

const constraintProblems = new Map<string, { code: string; detail: string; status: number }>();

/**
 * Names the business rule behind a unique constraint, for the race the service could not
 * see beforehand (two requests at once): the loser gets this code instead of CONFLICT.
 */
export function registerConstraintProblem(
  constraint: string,
  code: string,
  detail: string,
  status = 409,
): void {
  constraintProblems.set(constraint, { code, detail, status });
}

/**
 * Turns any error into a problem; pure, so it can be unit-tested. Title, detail and field
 * messages come in the asked language from the problem catalogue (`catalogue/`), German
 * unless the client asks for English; the code stays the same in both.
 */
export function toProblem(exception: unknown, errorId: string, language: Language = 'de'): Problem {
  const make = (
    status: number,
    code: string,
    detail: string,
    extra?: { errors?: FieldError[]; details?: Record<string, unknown> },
  ): Problem => {
    const params = { ...extra?.details, ...(extra?.errors ? { errors: extra.errors } : {}) };
    const text = problemText(code, language, params, detail, TITLES[status] ?? 'Error');
    return {
      type: `/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: text.title,
      status,
      code,
      detail: text.detail,
      ...extra,
      ...(extra?.errors ? { errors: localiseFieldErrors(extra.errors, language) } : {}),
      errorId,
    };
  };

  if (exception instanceof DomainError) {
    const status = exception.status ?? ERROR_STATUS[exception.code] ?? 422;
    const { errors, ...rest } = exception.details ?? {};
    return make(status, exception.code, exception.message, {
      ...(Array.isArray(errors) ? { errors: errors as FieldError[] } : {}),
      ...(Object.keys(rest).length ? { details: rest } : {}),
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = HTTP_CODES[status] ?? `HTTP_${status}`;
    return make(status, code, exception.message);
  }
  // Errors of Express middleware (body-parser: too large, bad charset) carry an HTTP status.
  const middlewareStatus = (exception as { status?: unknown } | undefined)?.status;
  if (typeof middlewareStatus === 'number' && middlewareStatus >= 400 && middlewareStatus < 500) {
    return make(
      middlewareStatus,
      HTTP_CODES[middlewareStatus] ?? `HTTP_${middlewareStatus}`,
      String((exception as Error).message),
    );
  }
  if (isDatabaseUnavailable(exception)) {
    return make(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable; try again shortly', {
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    });
  }
  if (isPgError(exception)) {
    // A race the service could not see beforehand, or a rule only the database checks.
    const known = exception.constraint ? constraintProblems.get(exception.constraint) : undefined;
    if (known && ['23505', '23503', '23514'].includes(exception.code))
      return make(known.status, known.code, known.detail);
    if (exception.code === '40001' || exception.code === '40P01') {
      return make(409, 'CONCURRENT_UPDATE', 'A concurrent change interfered; try again');
    }
    const refused = databaseProblem(exception);
    if (refused)
      return make(
        refused.status,
        refused.code,
        refused.detail,
        refused.errors?.length ? { errors: refused.errors } : undefined,
      );
  }
  return make(
    500,
    'INTERNAL_ERROR',
    'An unexpected error occurred. Quote the errorId when reporting it.',
  );
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const errorId = randomUUID();
    const request = host.switchToHttp().getRequest<Request | undefined>();
    const language = negotiateLanguage(request?.headers?.['accept-language']);
    const problem = toProblem(exception, errorId, language);
    if (problem.status === 503) {
      this.logger.warn({ errorId, err: (exception as Error)?.message }, 'Database unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ errorId, err: exception }, 'Unexpected error');
    } else if (isPgError(exception)) {
      // Input that only the database caught: answered as the caller's error, but worth a
      // validator in the DTO or service. No values here, only where it happened.
      const { code, constraint, table, column } = exception;
      this.logger.warn(
        { errorId, sqlState: code, constraint, table, column },
        'Refused by the database',
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    const retryAfter = (problem.details as { retryAfterSeconds?: unknown } | undefined)
      ?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    // Every 429 says when to come back, even one raised without a time.
    else if (problem.status === 429) response.setHeader('Retry-After', '60');
    response.status(problem.status).type('application/problem+json').json(problem);
  }
}
