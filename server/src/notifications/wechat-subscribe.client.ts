import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { WechatAccessToken } from '../wechat/wechat-access-token';
import { type SendOutcome, STALE_TOKEN_ERRCODES } from './retry-policy';
import type { SubscribeData } from './subscribe-message';

type WechatReply = { errcode?: number; errmsg?: string };

export type SubscribeSend = { openid: string; templateId: string; page: string | null; data: SubscribeData };

/** WeChat's subscribe-message API (订阅消息) with its access token, at the configurable `WECHAT_API_BASE`. */
@Injectable()
export class WechatSubscribeClient {
  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly tokens: WechatAccessToken,
  ) {}

  /** Without an AppID and secret nothing can be sent, so nothing is queued either. */
  get configured(): boolean {
    return Boolean(this.env.wechat.appid && this.env.wechat.secret);
  }

  /** One delivery attempt; a stale token is replaced and the send repeated once. Never throws. */
  async send(message: SubscribeSend): Promise<SendOutcome> {
    for (let round = 0; ; round++) {
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (err) {
        return { ok: false, error: `access_token: ${errorText(err)}` };
      }
      const outcome = await this.post(token, message);
      if (!outcome.ok && outcome.errcode !== undefined && STALE_TOKEN_ERRCODES.has(outcome.errcode) && round === 0) {
        this.tokens.invalidate(token);
        continue;
      }
      return outcome;
    }
  }

  private async post(token: string, m: SubscribeSend): Promise<SendOutcome> {
    const url = `${this.env.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
    const body = { touser: m.openid, template_id: m.templateId, ...(m.page ? { page: m.page } : {}), data: m.data };
    let reply: WechatReply;
    try {
      reply = await this.call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (err) {
      return { ok: false, error: errorText(err) };
    }
    if (reply.errcode) return { ok: false, errcode: reply.errcode, error: reply.errmsg ?? 'refused' };
    return { ok: true };
  }

  private async call(url: string, init: RequestInit): Promise<WechatReply> {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.env.wechat.timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as WechatReply;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
