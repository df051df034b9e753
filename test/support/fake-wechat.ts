import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (query: URLSearchParams, req: IncomingMessage, body: string) => { status?: number; json: unknown };

type SubscribeSent = { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> };

/**
 * A local stand-in for api.weixin.qq.com speaking WeChat's wire format (HTTP 200 with errcode/errmsg on failure).
 * Codes for jscode2session: `ok-<x>` → openid `openid-<x>`; `invalid` → 40029; `used` → 40163;
 * `throttle` → 45011; `risky` → 40226; `busy` → -1. Every request is recorded for assertions.
 * `/cgi-bin/token` issues `token-1`, `token-2`, … (7200 s) for appid `wx-test-appid` / secret `test-secret`;
 * subscribe/send needs a live token (else 40001), refuses openids starting `openid-refuser` with 43101,
 * fails as scripted by `subscribe.failNext(errcode)`, and records what it accepted in `subscribe.sent`.
 */
export async function startFakeWechat(overrides: Record<string, Handler> = {}) {
  const requests: { path: string; query: URLSearchParams; body: string }[] = [];
  const liveTokens = new Set<string>();
  let tokensIssued = 0;
  const scriptedFailures: number[] = [];
  const subscribe = {
    sent: [] as SubscribeSent[],
    /** The next send(s) fail with `errcode` (-1 system busy, 45009 rate limit, …), one per call. */
    failNext(errcode: number, times = 1) {
      for (let i = 0; i < times; i++) scriptedFailures.push(errcode);
    },
    /** WeChat invalidated every token (e.g. another server fetched a new one): sends get 40001. */
    revokeTokens() {
      liveTokens.clear();
    },
    get tokensIssued() {
      return tokensIssued;
    },
  };
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
    '/cgi-bin/token': (q) => {
      if (q.get('grant_type') !== 'client_credential') return { json: { errcode: 40002, errmsg: 'invalid grant_type' } };
      if (q.get('appid') !== 'wx-test-appid') return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      if (q.get('secret') !== 'test-secret') return { json: { errcode: 40125, errmsg: 'invalid appsecret' } };
      const token = `token-${++tokensIssued}`;
      liveTokens.add(token);
      return { json: { access_token: token, expires_in: 7200 } };
    },
    '/cgi-bin/message/subscribe/send': (q, _req, body) => {
      if (!liveTokens.has(q.get('access_token') ?? '')) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
      let message: SubscribeSent;
      try {
        message = JSON.parse(body) as SubscribeSent;
      } catch {
        return { json: { errcode: 47001, errmsg: 'data format error' } };
      }
      if (!message.touser || !message.template_id || !message.data) return { json: { errcode: 47003, errmsg: 'argument invalid!' } };
      if (message.touser.startsWith('openid-refuser')) return { json: { errcode: 43101, errmsg: 'user refuse to accept the msg' } };
      const failure = scriptedFailures.shift();
      if (failure !== undefined) return { json: { errcode: failure, errmsg: failure === -1 ? 'system error' : 'scripted failure' } };
      subscribe.sent.push(message);
      return { json: { errcode: 0, errmsg: 'ok', msgid: 1000 + subscribe.sent.length } };
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
    subscribe,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
