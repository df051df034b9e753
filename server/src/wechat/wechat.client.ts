import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { DomainException } from '../common/domain-exception';
import { JsonLogger, reasonOf } from '../common/logger';

export type WechatSession = { openid: string; unionid?: string };

type Code2SessionReply = { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };

/** WeChat's server API at a configurable base URL (tests point it at a local fake server). */
@Injectable()
export class WechatClient {
  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly logger: JsonLogger,
  ) {}

  /** jscode2session: exchanges the miniapp's `Taro.login()` code for the user's openid. */
  async code2Session(code: string): Promise<WechatSession> {
    const { apiBase, appid, secret, timeoutMs } = this.env.wechat;
    if (!appid || !secret) throw new DomainException('WECHAT_UNAVAILABLE', '未配置微信小程序 AppID/AppSecret，无法微信登录');
    const url = new URL(`${apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' }).toString();
    let reply: Code2SessionReply;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      reply = (await res.json()) as Code2SessionReply;
    } catch (err) {
      this.logger.write('warn', 'wechat jscode2session unreachable', { error: reasonOf(err) });
      throw new DomainException('WECHAT_UNAVAILABLE');
    }
    if (reply.errcode) {
      this.logger.write('info', 'wechat jscode2session refused', { errcode: reply.errcode, errmsg: reply.errmsg });
      // 40029 invalid code, 40163 code already used, 40226 high-risk user; 45011 rate limit; -1 system busy.
      if (reply.errcode === 45011) throw new DomainException('WECHAT_RATE_LIMITED');
      if (reply.errcode === 40029 || reply.errcode === 40163) throw new DomainException('WECHAT_CODE_INVALID');
      if (reply.errcode === 40226) throw new DomainException('FORBIDDEN', '该微信账号存在风险，暂时无法登录');
      throw new DomainException('WECHAT_UNAVAILABLE');
    }
    if (!reply.openid) throw new DomainException('WECHAT_UNAVAILABLE');
    return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
  }
}
