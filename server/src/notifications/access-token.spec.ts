import { describe, expect, it } from 'vitest';
import { AccessTokenCache, FORCE_REFRESH_INTERVAL_MS } from './access-token';

function setup(expiresInSeconds = 7200) {
  let clock = 0;
  let fetched = 0;
  const cache = new AccessTokenCache(
    async () => {
      fetched++;
      return { token: `token-${fetched}`, expiresInSeconds };
    },
    () => clock,
  );
  return { cache, fetches: () => fetched, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe('WeChat access token cache', () => {
  it('fetches once and reuses the token until five minutes before it expires', async () => {
    const t = setup();
    expect(await t.cache.get()).toBe('token-1');
    t.advance(7200 - 301);
    expect(await t.cache.get()).toBe('token-1');
    t.advance(2);
    expect(await t.cache.get()).toBe('token-2');
    expect(t.fetches()).toBe(2);
  });

  it('shares one fetch among concurrent callers', async () => {
    const t = setup();
    expect(await Promise.all([t.cache.get(), t.cache.get(), t.cache.get()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(t.fetches()).toBe(1);
  });

  it('refetches after WeChat calls the token stale, but not when a newer token already replaced it', async () => {
    const t = setup();
    const first = await t.cache.get();
    t.cache.invalidate(first);
    expect(await t.cache.get()).toBe('token-2');
    t.cache.invalidate(first);
    expect(await t.cache.get()).toBe('token-2');
  });

  it('refreshes a short-lived token at half its lifetime', async () => {
    const t = setup(60);
    await t.cache.get();
    t.advance(29);
    await t.cache.get();
    t.advance(2);
    await t.cache.get();
    expect(t.fetches()).toBe(2);
  });

  it('does not cache a failed fetch', async () => {
    let calls = 0;
    const cache = new AccessTokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error('errcode -1');
      return { token: 'ok', expiresInSeconds: 7200 };
    });
    await expect(cache.get()).rejects.toThrow('errcode -1');
    expect(await cache.get()).toBe('ok');
  });

  it('forces a refresh only when WeChat hands back the token it refused, and at most once per interval', async () => {
    let clock = 0;
    let current = 'token-1';
    const asked: boolean[] = [];
    const cache = new AccessTokenCache(
      async (force) => {
        asked.push(force);
        if (force) current = `token-${asked.filter(Boolean).length + 1}`;
        return { token: current, expiresInSeconds: 7200 };
      },
      () => clock,
    );
    cache.invalidate(await cache.get());
    expect(await cache.get()).toBe('token-2');
    expect(asked).toEqual([false, false, true]);

    clock += FORCE_REFRESH_INTERVAL_MS - 1000;
    cache.invalidate('token-2');
    expect(await cache.get()).toBe('token-2');
    expect(asked).toEqual([false, false, true, false]);

    clock += 1000;
    cache.invalidate('token-2');
    expect(await cache.get()).toBe('token-3');
    expect(asked).toEqual([false, false, true, false, false, true]);
  });

  it('keeps the token WeChat still hands out when the forced refresh is refused', async () => {
    const cache = new AccessTokenCache(async (force) => {
      if (force) throw new Error('errcode 45009: reach max api daily quota limit');
      return { token: 'token-1', expiresInSeconds: 7200 };
    });
    cache.invalidate(await cache.get());
    expect(await cache.get()).toBe('token-1');
  });
});
