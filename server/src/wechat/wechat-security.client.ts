import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { JsonLogger, reasonOf } from '../common/logger';
import { STALE_TOKEN_ERRCODES } from '../notifications/retry-policy';
import { WechatAccessToken } from './wechat-access-token';

/** v2 scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export const SECURITY_SCENES = { profile: 1, comment: 2, forum: 3, log: 4 } as const;
export type SecurityScene = (typeof SECURITY_SCENES)[keyof typeof SECURITY_SCENES];

export type Suggest = 'pass' | 'review' | 'risky';
/** `unavailable`: WeChat could not give an answer (unreachable, timed out, an errcode such as 61010 no recent visit). */
export type TextVerdict = { suggest: Suggest } | { suggest: 'unavailable'; error: string };
export type MediaCheckStart = { traceId: string } | { error: string };

type SecReply = { errcode?: number; errmsg?: string; trace_id?: string; result?: { suggest?: string; label?: number } };

/** WeChat's content-security API (内容安全) v2: msg_sec_check for text, media_check_async for images. */
@Injectable()
export class WechatSecurityClient {
  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly token: WechatAccessToken,
    private readonly logger: JsonLogger,
  ) {}

  get configured(): boolean {
    return this.token.configured;
  }

  /** Never throws: any failure is `unavailable`, so the caller keeps the text and flags it. */
  async checkText(openid: string, scene: SecurityScene, content: string): Promise<TextVerdict> {
    const reply = await this.call('/wxa/msg_sec_check', { content, version: 2, scene, openid });
    if ('error' in reply) return { suggest: 'unavailable', error: reply.error };
    const suggest = reply.result?.suggest;
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return { suggest };
    return { suggest: 'unavailable', error: `unexpected suggest ${String(suggest)}` };
  }

  /** Starts the asynchronous check of an image WeChat downloads from `mediaUrl`; the verdict comes as a push event. */
  async startImageCheck(openid: string, scene: SecurityScene, mediaUrl: string): Promise<MediaCheckStart> {
    const reply = await this.call('/wxa/media_check_async', { media_url: mediaUrl, media_type: 2, version: 2, scene, openid });
    if ('error' in reply) return reply;
    return reply.trace_id ? { traceId: reply.trace_id } : { error: 'no trace_id' };
  }

  /** One POST with the shared token; a stale token is replaced and the call repeated once. */
  private async call(path: string, body: Record<string, unknown>): Promise<SecReply | { error: string }> {
    for (let round = 0; ; round++) {
      let token: string;
      let reply: SecReply;
      try {
        token = await this.token.get();
        const res = await fetch(`${this.env.wechat.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.env.wechat.checkTimeoutMs),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        reply = (await res.json()) as SecReply;
      } catch (err) {
        this.logger.write('warn', 'wechat content check unreachable', { path, error: reasonOf(err) });
        return { error: reasonOf(err) };
      }
      if (reply.errcode && STALE_TOKEN_ERRCODES.has(reply.errcode) && round === 0) {
        this.token.invalidate(token);
        continue;
      }
      if (reply.errcode) {
        this.logger.write('info', 'wechat content check refused', { path, errcode: reply.errcode, errmsg: reply.errmsg });
        return { error: `errcode ${reply.errcode}: ${reply.errmsg ?? ''}` };
      }
      return reply;
    }
  }
}
