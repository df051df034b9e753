import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { JsonLogger } from '../common/logger';
import { AccessTokenCache, type FetchedToken } from '../notifications/access-token';

type TokenReply = { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };

/**
 * The one WeChat access_token of this instance, shared by every server-API client: each fetch of a new token
 * retires the previous one at WeChat, so two caches in one process would keep invalidating each other.
 */
@Injectable()
export class WechatAccessToken {
  private readonly cache = new AccessTokenCache(() => this.fetch());

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly logger: JsonLogger,
  ) {}

  get configured(): boolean {
    return Boolean(this.env.wechat.appid && this.env.wechat.secret);
  }

  get(): Promise<string> {
    return this.cache.get();
  }

  invalidate(token: string): void {
    this.cache.invalidate(token);
  }

  private async fetch(): Promise<FetchedToken> {
    const { apiBase, appid, secret, timeoutMs } = this.env.wechat;
    const url = new URL(`${apiBase}/cgi-bin/token`);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid, secret }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const reply = (await res.json()) as TokenReply;
    if (reply.errcode || !reply.access_token) {
      this.logger.write('warn', 'wechat access_token refused', { errcode: reply.errcode, errmsg: reply.errmsg });
      throw new Error(`errcode ${reply.errcode ?? 'none'}: ${reply.errmsg ?? 'no access_token'}`);
    }
    return { token: reply.access_token, expiresInSeconds: reply.expires_in ?? 7200 };
  }
}
