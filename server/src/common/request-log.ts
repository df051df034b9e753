import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { LevelWithSilent } from 'pino';
import type { JsonLogger } from './logger';

/** A caller's own id is kept only when it cannot break a log line or a header: short, letters, digits and . _ : - */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

const pathOf = (req: Request) => req.originalUrl.split('?')[0] ?? '';

/** Health checks and the portal's files are at debug: at info they would bury the API's lines. */
function routine(req: Request): boolean {
  const path = pathOf(req);
  return !path.startsWith('/api/') || path === '/api/health';
}

function levelOf(req: Request, res: Response): LevelWithSilent {
  // A 500 is a fault of ours (its stack is on the ErrorFilter's line); 502/503 an outside service or the database.
  if (res.statusCode === 500) return 'error';
  if (res.statusCode > 500) return 'warn';
  return routine(req) ? 'debug' : 'info';
}

/** One line per request: the route as declared (`/api/v1/complaints/:id`), the path without its query string. */
function requestLine(req: Request, res: Response, responseTime: number) {
  const route: unknown = req.route?.path;
  return {
    method: req.method,
    ...(typeof route === 'string' ? { route } : {}),
    path: pathOf(req),
    status: res.statusCode,
    ms: responseTime,
    ...(typeof res.locals.errorCode === 'string' ? { errorCode: res.locals.errorCode } : {}),
  };
}

/**
 * pino-http over the application's logger: a request id per request (the caller's `X-Request-Id` when it is a safe
 * token), echoed in the response, bound as `reqId` to every line written while the request is handled.
 * The query string is never logged: it carries query codes, signatures and searched-for names.
 */
export function requestLogging(logger: JsonLogger) {
  const http = pinoHttp<Request, Response>({
    logger: logger.pino,
    genReqId: requestIdOf,
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    customLogLevel: levelOf,
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'request' : 'request aborted'),
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, value: { responseTime: number }) => requestLine(req, res, value.responseTime),
    customErrorObject: (req, res, _err, value: { responseTime: number }) => requestLine(req, res, value.responseTime),
  });
  return (req: Request, res: Response, next: NextFunction) => http(req, res, () => logger.inRequest(req.log, next));
}
