import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { JsonLogger } from '../common/logger';
import { AccessTokenCache, type FetchedToken } from '../notifications/access-token';

type TokenReply = { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };

/**
 * The WeChat access_token from `stable_token` (稳定版接口调用凭据), shared by every server-API client of this
 * instance. WeChat gives every caller the same token while it is valid and overlaps old and new for five minutes
 * at renewal, so any number of instances can hold it; `/cgi-bin/token` instead retired the previous token on each
 * fetch, and instances kept invalidating each other's.
 */
@Injectable()
export class WechatAccessToken {
  private readonly cache = new AccessTokenCache((forceRefresh) => this.fetch(forceRefresh));

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

  /** `token` was refused (40001/42001/40014): the next get() asks WeChat again, forcing a refresh only if needed. */
  invalidate(token: string): void {
    this.cache.invalidate(token);
  }

  private async fetch(forceRefresh: boolean): Promise<FetchedToken> {
    const { apiBase, appid, secret, timeoutMs } = this.env.wechat;
    if (forceRefresh) this.logger.write('warn', 'wechat access_token force refresh', { reason: 'stable_token still returns a token WeChat refused' });
    const res = await fetch(`${apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const reply = (await res.json()) as TokenReply;
    if (reply.errcode || !reply.access_token) {
      this.logger.write('warn', 'wechat access_token refused', { forceRefresh, errcode: reply.errcode, errmsg: reply.errmsg });
      throw new Error(`errcode ${reply.errcode ?? 'none'}: ${reply.errmsg ?? 'no access_token'}`);
    }
    return { token: reply.access_token, expiresInSeconds: reply.expires_in ?? 7200 };
  }
}
