import Taro from './fake-taro';

export type SentRequest = {
  method: string;
  url: string;
  header: Record<string, string>;
  data: unknown;
};
type Reply = { statusCode: number; data?: unknown } | Error;
type Route = (req: SentRequest) => Reply | undefined;

/**
 * Programs the fake Taro.request like a small server: each route answers the requests it recognises.
 * Returns the list of requests sent, in order, so a test can check what went over the wire.
 */
export function serve(...routes: Route[]): SentRequest[] {
  const sent: SentRequest[] = [];
  Taro.request.mockImplementation(async (options: SentRequest) => {
    const req = { method: options.method, url: options.url, header: { ...options.header }, data: options.data };
    sent.push(req);
    for (const route of routes) {
      const reply = route(req);
      if (reply instanceof Error) throw reply;
      if (reply) return { statusCode: reply.statusCode, data: reply.data ?? null, header: {}, errMsg: 'request:ok' };
    }
    return { statusCode: 404, data: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' }, header: {}, errMsg: 'request:ok' };
  });
  return sent;
}

export const path = (req: SentRequest) => new URL(req.url).pathname;
export const bearer = (req: SentRequest) => req.header.Authorization;
