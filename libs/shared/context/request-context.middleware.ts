import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

/** Makes request id and client IP available to services (audit rows) without passing them. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const id = (req as Request & { id?: string | number }).id;
    const requestId = id === undefined ? '' : String(id);
    requestContext.run({ requestId, ip: req.ip }, next);
  }
}
