import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import { isDatabaseDown } from '../common/database-down';
import { JsonLogger, reasonOf } from '../common/logger';
import type { Request, Response } from 'express';
import { ERRORS, type Open311Error } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';
import { xmlList } from './xml';

export type Open311Format = 'json' | 'xml';

/** `.xml` at the end of the path asks for XML, anything else is JSON (the spec's format is the path's extension). */
export const formatOf = (req: Request): Open311Format => (req.path.toLowerCase().endsWith('.xml') ? 'xml' : 'json');

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** Sends the spec's list documents in the format asked for. */
export function sendOpen311(res: Response, format: Open311Format, status: number, root: string, item: string, items: readonly object[]): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(status);
  if (format === 'xml') {
    res.setHeader('Content-Type', XML_CONTENT_TYPE);
    res.send(xmlList(root, item, items as Record<string, string | number | boolean | null>[]));
  } else {
    res.json(items);
  }
}

export function sendOpen311Error(res: Response, format: Open311Format, error: Open311Error): void {
  sendOpen311(res, format, error.code, 'errors', 'error', [error]);
}

const BY_STATUS: Partial<Record<number, string>> = {
  400: ERRORS.VALIDATION_FAILED.message,
  403: ERRORS.PARTNER_KEY_INVALID.message,
  404: ERRORS.ROUTE_NOT_FOUND.message,
  413: ERRORS.PAYLOAD_TOO_LARGE.message,
  429: ERRORS.RATE_LIMITED.message,
};

export function toOpen311Error(exception: unknown): Open311Error {
  if (exception instanceof DomainException) {
    // The request path's own parameter (`requests/{id}.json`) is not a field a partner sent: its message stands alone.
    const param = exception.code === 'VALIDATION_FAILED' ? exception.details?.find((d) => d.path === 'file') : undefined;
    return { code: exception.status, description: param ? `${ERRORS.VALIDATION_FAILED.message}：${param.message}` : exception.message };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return status < 500 ? { code: status, description: BY_STATUS[status] ?? ERRORS.VALIDATION_FAILED.message } : { code: 500, description: ERRORS.INTERNAL.message };
  }
  if (isDatabaseDown(exception)) return { code: 503, description: ERRORS.DATABASE_UNAVAILABLE.message };
  return { code: 500, description: ERRORS.INTERNAL.message };
}

/** Errors of the Open311 routes in the spec's shape, `[{ code, description }]` or `<errors><error>…`, in Chinese. */
@Catch()
@Injectable()
export class Open311ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = toOpen311Error(exception);
    // As the main filter: the stack only for a true fault; the database being away is one line.
    if (error.code === 503) this.logger.write('warn', 'database unavailable', { method: req.method, path: req.path, error: reasonOf(exception) });
    else if (error.code >= 500) this.logger.error(exception instanceof Error ? exception : String(exception), undefined, 'Open311');
    if (!res.headersSent) sendOpen311Error(res, formatOf(req), error);
  }
}
