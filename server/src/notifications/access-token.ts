export type FetchedToken = { token: string; expiresInSeconds: number };

/** Refresh this long before WeChat's expiry (at most half the lifetime), so a token never dies in flight. */
const REFRESH_MARGIN_SECONDS = 300;

/**
 * The WeChat access_token, fetched on first use and kept until shortly before `expires_in`.
 * Concurrent callers share one fetch; `invalidate` drops a token WeChat called stale (40001/42001).
 */
export class AccessTokenCache {
  private cached: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;
    this.inflight ??= this.fetchToken()
      .then(({ token, expiresInSeconds }) => {
        const margin = Math.min(REFRESH_MARGIN_SECONDS, expiresInSeconds / 2);
        this.cached = { token, refreshAt: this.now() + (expiresInSeconds - margin) * 1000 };
        return token;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /** Forgets `token` unless a newer one has already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }
}
