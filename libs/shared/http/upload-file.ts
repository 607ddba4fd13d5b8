import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  mixin,
  NestInterceptor,
  PayloadTooLargeException,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catchError, finalize, Observable, throwError } from 'rxjs';
import { DomainError } from '../errors/domain-error';

const MB = 1024 * 1024;

/**
 * Every kind of upload with its own size limit: what a real file of that kind can reach,
 * with room, and no more. Kinds that can be large go to a temporary file instead of
 * memory (and are read by a worker thread, not the event loop); the file is deleted
 * when the request ends.
 */
export const UPLOAD_KINDS = {
  // A year of a busy account as one camt.053 file stays far below this.
  bankStatement: { label: 'camt.053 bank statement', maxBytes: 64 * MB, toDisk: true },
  memberImport: { label: 'member import (CSV)', maxBytes: 20 * MB, toDisk: false },
  donationImport: { label: 'donation import (CSV)', maxBytes: 20 * MB, toDisk: false },
  openingBalances: { label: 'opening balances (CSV)', maxBytes: 2 * MB, toDisk: false },
  document: { label: 'document (PDF, JPEG or PNG)', maxBytes: 10 * MB, toDisk: false },
} as const;
export type UploadKind = keyof typeof UPLOAD_KINDS;

/** Where uploads that go to disk wait while they are read. */
export const UPLOAD_DIR = join(tmpdir(), 'dachwerk-uploads');

function uploadLimit(kind: UploadKind): Type<NestInterceptor> {
  const { label, maxBytes } = UPLOAD_KINDS[kind];
  class UploadLimitInterceptor implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const request = context.switchToHttp().getRequest<{ file?: Express.Multer.File }>();
      return next.handle().pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? new DomainError(
                  'UPLOAD_TOO_LARGE',
                  `A ${label} may have at most ${maxBytes / MB} MB`,
                  {
                    errors: [
                      {
                        field: 'file',
                        rule: 'maxSize',
                        message: `must be at most ${maxBytes} bytes`,
                      },
                    ],
                    kind,
                    maxBytes,
                  },
                  413,
                )
              : error,
          ),
        ),
        finalize(() => {
          const path = request.file?.path;
          if (path) void rm(path, { force: true });
        }),
      );
    }
  }
  return mixin(UploadLimitInterceptor);
}

/**
 * The one way a route takes a file: multipart field `file`, one file, within its kind's
 * limit (413 problem+json past it, naming kind and limit). On disk kinds the handler
 * gets `file.path`, otherwise `file.buffer`.
 */
export function UploadFile(kind: UploadKind): MethodDecorator {
  const { maxBytes, toDisk } = UPLOAD_KINDS[kind];
  return applyDecorators(
    UseInterceptors(
      uploadLimit(kind),
      FileInterceptor('file', {
        limits: { fileSize: maxBytes, files: 1 },
        ...(toDisk ? { dest: UPLOAD_DIR } : {}),
      }),
    ),
  );
}
