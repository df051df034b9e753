import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ERRORS, type ErrorBody, type ErrorCode } from '@sa/contracts';
import { DomainException } from './domain-exception';
import { type JsonLogger, reasonOf } from './logger';
import { isDatabaseDown } from './database-down';
import { formatOf, sendOpen311Error } from '../open311/open311-errors';

export { isDatabaseDown };

export const INVALID_JSON_MESSAGE = '请求内容不是有效的 JSON';

/**
 * Maps any error reaching the edge to `{ code, message }`. Only true faults (500) are logged as errors, with their
 * stack; a domain error was logged, if at all, where its reason was known (an unreachable WeChat, say).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const { status, body } = this.toBody(exception);
    // The request's own line (request-log.ts) says which error it answered.
    res.locals.errorCode = body.code;
    if (body.code === 'INTERNAL') {
      this.logger.error(exception instanceof Error ? exception : String(exception), undefined, 'ErrorFilter');
    } else if (body.code === 'DATABASE_UNAVAILABLE') {
      // Expected now and then (a restart, a failover): the reason in one line, no stack.
      this.logger.write('warn', 'database unavailable', { method: req.method, path: req.path, error: reasonOf(exception) });
    }
    if (res.headersSent) return;
    // What never reached an Open311 route (a body that is not JSON, a path that does not exist) still answers in
    // the spec's error shape, in the format the path asks for.
    if (req.path.startsWith('/open311/')) sendOpen311Error(res, formatOf(req), { code: status, description: body.message });
    else res.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainException) {
      return { status: exception.status, body: { code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) } };
    }
    if (exception instanceof HttpException) {
      return fromStatus(exception.getStatus());
    }
    // body-parser and other middleware errors carry a status and a type.
    if (isHttpError(exception)) {
      if (exception.type === 'entity.parse.failed') {
        return { status: 400, body: { code: 'VALIDATION_FAILED', message: INVALID_JSON_MESSAGE } };
      }
      if (exception.type === 'entity.too.large') return fromCode('PAYLOAD_TOO_LARGE');
      if (exception.status < 500) return fromStatus(exception.status);
    }
    if (isDatabaseDown(exception)) return fromCode('DATABASE_UNAVAILABLE');
    return fromCode('INTERNAL');
  }
}

function fromCode(code: ErrorCode): { status: number; body: ErrorBody } {
  return { status: ERRORS[code].status, body: { code, message: ERRORS[code].message } };
}

function fromStatus(status: number): { status: number; body: ErrorBody } {
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'RATE_LIMITED',
  };
  const code = byStatus[status];
  if (code) return { status, body: { code, message: ERRORS[code].message } };
  if (status < 500) return { status, body: { code: 'VALIDATION_FAILED', message: ERRORS.VALIDATION_FAILED.message } };
  return fromCode('INTERNAL');
}

function isHttpError(e: unknown): e is { status: number; type?: string } {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number';
}
