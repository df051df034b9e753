export type FetchedToken = { token: string; expiresInSeconds: number };

/** Refresh this long before WeChat's expiry (at most half the lifetime), so a token never dies in flight. */
const REFRESH_MARGIN_SECONDS = 300;

/**
 * WeChat allows 20 forced refreshes a day per app (and none within 30 s of the last); one per 72 minutes keeps a
 * single instance inside that whatever happens.
 */
export const FORCE_REFRESH_INTERVAL_MS = 72 * 60_000;

/**
 * The WeChat access_token, fetched on first use and kept until shortly before `expires_in`.
 * Concurrent callers share one fetch; `invalidate` drops a token WeChat called stale (40001/42001/40014). The next
 * fetch asks as usual first (another instance may already hold a newer token); only when WeChat hands back the very
 * token it just refused does it force a refresh, at most once per FORCE_REFRESH_INTERVAL_MS.
 */
export class AccessTokenCache {
  private cached: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  private refused: string | null = null;
  private lastForcedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly fetchToken: (forceRefresh: boolean) => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Forgets `token` unless a newer one has already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token !== token) return;
    this.cached = null;
    this.refused = token;
  }

  private async fetch(): Promise<string> {
    let fetched = await this.fetchToken(false);
    if (fetched.token === this.refused && this.now() - this.lastForcedAt >= FORCE_REFRESH_INTERVAL_MS) {
      this.lastForcedAt = this.now();
      // A refused forced refresh (daily quota) leaves the token WeChat still hands out; the fetch logs why.
      fetched = await this.fetchToken(true).catch(() => fetched);
    }
    this.refused = null;
    const { token, expiresInSeconds } = fetched;
    const margin = Math.min(REFRESH_MARGIN_SECONDS, expiresInSeconds / 2);
    this.cached = { token, refreshAt: this.now() + (expiresInSeconds - margin) * 1000 };
    return token;
  }
}
