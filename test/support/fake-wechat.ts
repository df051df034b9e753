import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Reply = { status?: number; json: unknown };
type Handler = (query: URLSearchParams, req: IncomingMessage, body: string) => Reply | Promise<Reply>;

type SubscribeSent = { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> };

type Suggest = 'pass' | 'review' | 'risky';
/** A scripted msg_sec_check outcome: a verdict, a WeChat errcode, or a reply slower than `ms`. */
export type TextOutcome = Suggest | { errcode: number } | { delayMs: number; then?: Suggest };
type TextChecked = { content: string; version: number; scene: number; openid: string };
type MediaCheck = { traceId: string; media_url: string; media_type: number; version: number; scene: number; openid: string };

const SCENES = new Set([1, 2, 3, 4]);
/** Labels WeChat gives with a verdict: 100 normal, 20001 political, 20002 porn, 20006 illegal crime. */
const LABELS: Record<Suggest, number> = { pass: 100, review: 20006, risky: 20002 };

/**
 * A local stand-in for api.weixin.qq.com speaking WeChat's wire format (HTTP 200 with errcode/errmsg on failure).
 * Codes for jscode2session: `ok-<x>` → openid `openid-<x>`; `invalid` → 40029; `used` → 40163;
 * `throttle` → 45011; `risky` → 40226; `busy` → -1. Every request is recorded for assertions.
 * Access tokens for appid `wx-test-appid` / secret `test-secret`, as WeChat documents them:
 * `POST /cgi-bin/stable_token` issues `token-1`, `token-2`, … (7200 s) and gives every caller the current one while it
 * is valid (expires_in counting down); within its last 5 minutes it issues the next and both stay valid until the old
 * one expires. `force_refresh: true` issues a new token at once, the one before stays valid 5 more minutes and any
 * older one dies; within 30 s of the last forced refresh it changes nothing, and after 20 a day it answers 45009.
 * The older `GET /cgi-bin/token` (`legacy-token-<n>`) retires its previous token 5 minutes after each fetch.
 * `tokens.advance(seconds)` moves the fake's clock; `tokens.refuseCurrent()` has the APIs refuse the current
 * stable token while stable_token (without force) still hands it out; `tokens.revokeAll()` kills every token.
 * subscribe/send needs a live token (else 40001) and the user's consent: like WeChat, it refuses with 43101 unless
 * the test gave a one-time grant for that openid and template (`subscribe.grant(openid, templateId, n)`); each
 * accepted send uses one. It fails as scripted by `subscribe.failNext(errcode)` and records what it accepted.
 * Content security v2: `/wxa/msg_sec_check` answers `pass` unless scripted by `security.text(outcome)` (one per
 * call); `/wxa/media_check_async` returns `trace-<n>` and records the check; `security.pushTo(appUrl, token)` and
 * `security.resolve(traceId, suggest)` then do what WeChat does later: download the media_url, and POST the signed
 * `wxa_media_check` event to the app's `/api/v1/wechat/events`.
 */
export async function startFakeWechat(overrides: Record<string, Handler> = {}) {
  const requests: { path: string; method: string; query: URLSearchParams; body: string }[] = [];
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  type Held = { token: string; expiresAt: number };
  /** The stable token WeChat hands out, and the one before it with the moment it stops working. */
  let stable: Held | null = null;
  let stablePrevious: Held | null = null;
  let legacy: Held | null = null;
  let legacyPrevious: Held | null = null;
  const refused = new Set<string>();
  let tokensIssued = 0;
  let legacyIssued = 0;
  let lastForcedAt = Number.NEGATIVE_INFINITY;
  let forcedToday = 0;
  const LIFETIME_MS = 7200_000;
  const OVERLAP_MS = 300_000;
  const issue = (token: string): Held => ({ token, expiresAt: now() + LIFETIME_MS });
  const alive = (held: Held | null, token: string) => held !== null && held.token === token && now() < held.expiresAt && !refused.has(token);
  const isLive = (token: string) => [stable, stablePrevious, legacy, legacyPrevious].some((held) => alive(held, token));
  const tokens = {
    /** Stable tokens issued so far. */
    get issued() {
      return tokensIssued;
    },
    /** Forced refreshes WeChat carried out. */
    get forced() {
      return forcedToday;
    },
    advance(seconds: number) {
      clockOffsetMs += seconds * 1000;
    },
    /** The current stable token stops working for the APIs, yet stable_token keeps returning it until forced. */
    refuseCurrent() {
      if (stable) refused.add(stable.token);
    },
    /** WeChat invalidated every token (a reset AppSecret, say): the next stable_token call issues a new one. */
    revokeAll() {
      stable = stablePrevious = legacy = legacyPrevious = null;
    },
  };
  const stableToken = (forceRefresh: boolean): Reply => {
    const at = now();
    if (forceRefresh && at - lastForcedAt >= 30_000) {
      if (forcedToday >= 20) return { json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } };
      forcedToday++;
      lastForcedAt = at;
      stablePrevious = stable && { token: stable.token, expiresAt: Math.min(stable.expiresAt, at + OVERLAP_MS) };
      stable = issue(`token-${++tokensIssued}`);
    } else if (!stable || at >= stable.expiresAt - OVERLAP_MS) {
      stablePrevious = stable && at < stable.expiresAt ? stable : null;
      stable = issue(`token-${++tokensIssued}`);
    }
    return { json: { access_token: stable.token, expires_in: Math.floor((stable.expiresAt - at) / 1000) } };
  };
  const scriptedFailures: number[] = [];
  const consents = new Map<string, number>();
  const consentKey = (openid: string, templateId: string) => `${openid} ${templateId}`;
  const subscribe = {
    sent: [] as SubscribeSent[],
    /** The user accepted `times` one-time subscriptions of the template in WeChat's dialog. */
    grant(openid: string, templateId: string, times = 1) {
      consents.set(consentKey(openid, templateId), (consents.get(consentKey(openid, templateId)) ?? 0) + times);
    },
    /** One-time subscriptions WeChat still holds for the user and template. */
    granted(openid: string, templateId: string) {
      return consents.get(consentKey(openid, templateId)) ?? 0;
    },
    /** The next send(s) fail with `errcode` (-1 system busy, 45009 rate limit, …), one per call. */
    failNext(errcode: number, times = 1) {
      for (let i = 0; i < times; i++) scriptedFailures.push(errcode);
    },
  };
  const textScript: TextOutcome[] = [];
  const mediaFailures: number[] = [];
  let push: { url: string; token: string } | null = null;
  const security = {
    texts: [] as TextChecked[],
    media: [] as MediaCheck[],
    /** The next msg_sec_check call(s) answer like this, one per call; unscripted calls pass. */
    text(...outcomes: TextOutcome[]) {
      textScript.push(...outcomes);
    },
    /** The next media_check_async call fails with `errcode`. */
    failMediaNext(errcode: number) {
      mediaFailures.push(errcode);
    },
    /** Where WeChat pushes events (the app's base URL) and the push token configured in the WeChat console. */
    pushTo(appUrl: string, token: string) {
      push = { url: appUrl, token };
    },
    /**
     * WeChat finishing a media check: it downloads the media_url (as its checker would), then pushes the verdict.
     * `signWith` overrides the token, to play a forged push.
     */
    async resolve(traceId: string, suggest: Suggest, opts: { signWith?: string; errcode?: number } = {}) {
      if (!push) throw new Error('security.pushTo(appUrl, token) first');
      const check = security.media.find((m) => m.traceId === traceId);
      const download = check ? await fetch(check.media_url) : null;
      const fetched = download
        ? { status: download.status, type: download.headers.get('content-type'), bytes: (await download.arrayBuffer()).byteLength }
        : null;
      const event = {
        ToUserName: 'gh_fake00000000',
        FromUserName: check?.openid ?? 'openid-unknown',
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: 'wx-test-appid',
        trace_id: traceId,
        version: 2,
        detail: [{ strategy: 'content_model', errcode: opts.errcode ?? 0, suggest, label: LABELS[suggest], prob: 90 }],
        errcode: opts.errcode ?? 0,
        errmsg: opts.errcode ? 'system error' : 'ok',
        result: { suggest, label: LABELS[suggest] },
      };
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = String(Math.floor(Math.random() * 1e9));
      const signature = wechatSignature(opts.signWith ?? push.token, timestamp, nonce);
      const res = await fetch(`${push.url}/api/v1/wechat/events?${new URLSearchParams({ signature, timestamp, nonce })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      return { fetched, status: res.status, body: await res.text() };
    },
  };
  const liveToken = (q: URLSearchParams) => isLive(q.get('access_token') ?? '');
  const credentialsError = (c: { grant_type?: unknown; appid?: unknown; secret?: unknown }): Reply | null => {
    if (c.grant_type !== 'client_credential') return { json: { errcode: 40002, errmsg: 'invalid grant_type' } };
    if (c.appid !== 'wx-test-appid') return { json: { errcode: 40013, errmsg: 'invalid appid' } };
    if (c.secret !== 'test-secret') return { json: { errcode: 40125, errmsg: 'invalid appsecret' } };
    return null;
  };
  const parse = <T>(body: string): T | null => {
    try {
      return JSON.parse(body) as T;
    } catch {
      return null;
    }
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
    '/cgi-bin/stable_token': (_q, req, body) => {
      if (req.method !== 'POST') return { json: { errcode: 43002, errmsg: 'require POST method' } };
      const c = parse<{ grant_type?: unknown; appid?: unknown; secret?: unknown; force_refresh?: unknown }>(body);
      if (!c) return { json: { errcode: 47001, errmsg: 'data format error' } };
      if (c.force_refresh !== undefined && typeof c.force_refresh !== 'boolean') return { json: { errcode: 40097, errmsg: 'invalid args' } };
      return credentialsError(c) ?? stableToken(c.force_refresh === true);
    },
    '/cgi-bin/token': (q) => {
      const refusal = credentialsError({ grant_type: q.get('grant_type'), appid: q.get('appid'), secret: q.get('secret') });
      if (refusal) return refusal;
      // Each fetch retires the previous token once the 5-minute handover is over.
      legacyPrevious = legacy && { token: legacy.token, expiresAt: Math.min(legacy.expiresAt, now() + OVERLAP_MS) };
      legacy = issue(`legacy-token-${++legacyIssued}`);
      return { json: { access_token: legacy.token, expires_in: 7200 } };
    },
    '/cgi-bin/message/subscribe/send': (q, _req, body) => {
      if (!liveToken(q)) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
      let message: SubscribeSent;
      try {
        message = JSON.parse(body) as SubscribeSent;
      } catch {
        return { json: { errcode: 47001, errmsg: 'data format error' } };
      }
      if (!message.touser || !message.template_id || !message.data) return { json: { errcode: 47003, errmsg: 'argument invalid!' } };
      const failure = scriptedFailures.shift();
      if (failure !== undefined) return { json: { errcode: failure, errmsg: failure === -1 ? 'system error' : 'scripted failure' } };
      const left = subscribe.granted(message.touser, message.template_id);
      if (left < 1) return { json: { errcode: 43101, errmsg: 'user refuse to accept the msg' } };
      consents.set(consentKey(message.touser, message.template_id), left - 1);
      subscribe.sent.push(message);
      return { json: { errcode: 0, errmsg: 'ok', msgid: 1000 + subscribe.sent.length } };
    },
    '/wxa/msg_sec_check': async (q, _req, body) => {
      if (!liveToken(q)) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
      const m = parse<TextChecked>(body);
      if (!m || typeof m.content !== 'string') return { json: { errcode: 47001, errmsg: 'data format error' } };
      if (m.version !== 2 || !SCENES.has(m.scene) || !m.openid) return { json: { errcode: 40003, errmsg: 'invalid openid or argument' } };
      security.texts.push(m);
      let outcome = textScript.shift() ?? 'pass';
      if (typeof outcome === 'object' && 'delayMs' in outcome) {
        const delayMs = outcome.delayMs;
        await new Promise((r) => setTimeout(r, delayMs));
        outcome = (outcome as { then?: Suggest }).then ?? 'pass';
      }
      if (typeof outcome === 'object') return { json: { errcode: outcome.errcode, errmsg: outcome.errcode === 61010 ? 'user visit expired' : 'system error' } };
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          trace_id: `text-trace-${security.texts.length}`,
          detail: [{ strategy: 'content_model', errcode: 0, suggest: outcome, label: LABELS[outcome], prob: 90 }],
          result: { suggest: outcome, label: LABELS[outcome] },
        },
      };
    },
    '/wxa/media_check_async': (q, _req, body) => {
      if (!liveToken(q)) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
      const m = parse<Omit<MediaCheck, 'traceId'>>(body);
      if (!m || !m.media_url || m.media_type !== 2 || m.version !== 2 || !SCENES.has(m.scene) || !m.openid) return { json: { errcode: 40003, errmsg: 'invalid argument' } };
      const failure = mediaFailures.shift();
      if (failure !== undefined) return { json: { errcode: failure, errmsg: 'system error' } };
      const traceId = `trace-${security.media.length + 1}`;
      security.media.push({ traceId, ...m });
      return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
    },
    ...overrides,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ path: url.pathname, method: req.method ?? '', query: url.searchParams, body });
      const handler = handlers[url.pathname];
      const reply = handler ? await handler(url.searchParams, req, body) : { status: 404, json: { errcode: 404, errmsg: 'not found' } };
      if (res.destroyed) return;
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
    security,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** WeChat's push signature: sha1 of the token, timestamp and nonce sorted and joined. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}
