import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (query: URLSearchParams, req: IncomingMessage, body: string) => { status?: number; json: unknown };

/**
 * A local stand-in for api.weixin.qq.com speaking WeChat's wire format (HTTP 200 with errcode/errmsg on failure).
 * Codes for jscode2session: `ok-<x>` → openid `openid-<x>`; `invalid` → 40029; `used` → 40163;
 * `throttle` → 45011; `risky` → 40226; `busy` → -1. Every request is recorded for assertions.
 */
export async function startFakeWechat(overrides: Record<string, Handler> = {}) {
  const requests: { path: string; query: URLSearchParams; body: string }[] = [];
  const handlers: Record<string, Handler> = {
    '/sns/jscode2session': (q) => {
      const code = q.get('js_code') ?? '';
      const errors: Record<string, [number, string]> = {
        invalid: [40029, 'invalid code'],
        used: [40163, 'code been used'],
        throttle: [45011, 'api minute-quota reach limit'],
        risky: [40226, 'high risk user'],
        busy: [-1, 'system error'],
      };
      const err = errors[code];
      if (err) return { json: { errcode: err[0], errmsg: err[1] } };
      if (!code.startsWith('ok-')) return { json: { errcode: 40029, errmsg: 'invalid code' } };
      return { json: { openid: `openid-${code.slice(3)}`, session_key: 'c2Vzc2lvbi1rZXk=' } };
    },
    ...overrides,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ path: url.pathname, query: url.searchParams, body });
      const handler = handlers[url.pathname];
      const reply = handler ? handler(url.searchParams, req, body) : { status: 404, json: { errcode: 404, errmsg: 'not found' } };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
