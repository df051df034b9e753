import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { JsonLogger } from '../common/logger';
import { parseEnv } from '../config/env';
import { WechatSubscribeClient } from '../notifications/wechat-subscribe.client';
import { WechatAccessToken } from './wechat-access-token';

const message = { openid: 'openid-alice', templateId: 'tpl-accepted', page: null, data: { phrase3: { value: '已受理' } } };

/** One server instance's view of WeChat: its own token cache and subscribe client, as after a separate start. */
function anInstance(apiBase: string) {
  const env = parseEnv({ SA_DEMO: '1', WECHAT_API_BASE: apiBase, WECHAT_APPID: 'wx-test-appid', WECHAT_SECRET: 'test-secret' });
  const token = new WechatAccessToken(env, new JsonLogger('silent'));
  return { token, subscribe: new WechatSubscribeClient(env, token) };
}

describe('the WeChat access token shared by several server instances (stable_token)', () => {
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  const stableCalls = () => wechat.requests.filter((r) => r.path === '/cgi-bin/stable_token').map((r) => JSON.parse(r.body) as { force_refresh: boolean });
  beforeEach(async () => {
    wechat = await startFakeWechat();
    wechat.subscribe.grant(message.openid, message.templateId, 20);
  });
  afterEach(() => wechat.close());

  it('lets two instances send interleaved for an hour with the one token WeChat gives both, fetched once each', async () => {
    const a = anInstance(wechat.url);
    const b = anInstance(wechat.url);
    for (const instance of [a, b, a, b, a, b]) {
      expect(await instance.subscribe.send(message)).toEqual({ ok: true });
      wechat.tokens.advance(600); // past the 5 minutes a token retired by /cgi-bin/token would still have worked
    }

    expect(wechat.subscribe.sent).toHaveLength(6);
    expect(await a.token.get()).toBe('token-1');
    expect(await b.token.get()).toBe('token-1');
    expect(stableCalls()).toEqual([
      { grant_type: 'client_credential', appid: 'wx-test-appid', secret: 'test-secret', force_refresh: false },
      { grant_type: 'client_credential', appid: 'wx-test-appid', secret: 'test-secret', force_refresh: false },
    ]);
    expect(wechat.requests.some((r) => r.path === '/cgi-bin/token')).toBe(false);
  });

  it('is needed: with /cgi-bin/token, the second instance fetching retires the first one’s token', async () => {
    const fetchLegacy = async () => {
      const url = `${wechat.url}/cgi-bin/token?grant_type=client_credential&appid=wx-test-appid&secret=test-secret`;
      return ((await (await fetch(url)).json()) as { access_token: string }).access_token;
    };
    const sendWith = async (token: string) => {
      const res = await fetch(`${wechat.url}/cgi-bin/message/subscribe/send?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ touser: message.openid, template_id: message.templateId, data: message.data }),
      });
      return ((await res.json()) as { errcode: number }).errcode;
    };
    const first = await fetchLegacy();
    const second = await fetchLegacy();
    expect(await sendWith(first)).toBe(0);
    wechat.tokens.advance(301);
    expect(await sendWith(first)).toBe(40001);
    expect(await sendWith(second)).toBe(0);
  });

  it('moves both instances to the renewed token without a forced refresh; the old one works until it expires', async () => {
    const a = anInstance(wechat.url);
    expect(await a.subscribe.send(message)).toEqual({ ok: true });
    wechat.tokens.advance(7200 - 200);
    const b = anInstance(wechat.url);
    expect(await b.subscribe.send(message)).toEqual({ ok: true });
    expect(await b.token.get()).toBe('token-2');

    expect(await a.subscribe.send(message)).toEqual({ ok: true });
    wechat.tokens.advance(201);
    expect(await a.subscribe.send(message)).toEqual({ ok: true });
    expect(await a.token.get()).toBe('token-2');
    expect(stableCalls().map((c) => c.force_refresh)).toEqual([false, false, false]);
  });

  it('forces a refresh only when stable_token keeps handing out the refused token, and not again right after', async () => {
    const a = anInstance(wechat.url);
    const b = anInstance(wechat.url);
    expect(await a.subscribe.send(message)).toEqual({ ok: true });
    expect(await b.subscribe.send(message)).toEqual({ ok: true });

    wechat.tokens.refuseCurrent();
    expect(await a.subscribe.send(message)).toEqual({ ok: true });
    expect(await a.token.get()).toBe('token-2');
    // b's token was refused as well; stable_token now gives it a's new one, so b needs no forced refresh of its own.
    expect(await b.subscribe.send(message)).toEqual({ ok: true });
    expect(await b.token.get()).toBe('token-2');
    expect(wechat.tokens.forced).toBe(1);

    wechat.tokens.refuseCurrent();
    expect(await a.subscribe.send(message)).toMatchObject({ ok: false, errcode: 40001 });
    expect(wechat.tokens.forced).toBe(1);
    expect(stableCalls().map((c) => c.force_refresh)).toEqual([false, false, false, true, false, false]);
  });
});
