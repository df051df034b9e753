import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitStore } from '../../server/src/common/rate-limit';
import { startTestApp, type TestApp } from '../support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
// 'complaint-track' allows 60 lookups per address in 10 minutes; the 61st is refused.
const TRACK_LIMIT = 60;
const track = (app: TestApp, from: string) =>
  app.request('GET', '/api/v1/complaints/track?trackingNo=TS20260101000001&queryCode=ABCDEFGH', { headers: { 'x-forwarded-for': from } });

let addressSeq = 1;
/** A fresh documentation address per test, so counts from one test never reach another. */
const nextAddress = () => `198.51.100.${addressSeq++}`;

describe('rate limits shared through Redis across instances', () => {
  const prefix = `sa-test-${randomUUID().slice(0, 8)}:`;
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    const env = { RATE_LIMITS: 'on', REDIS_URL, REDIS_KEY_PREFIX: prefix };
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('counts one address against one limit whichever instance it reaches, and says when to retry', async () => {
    expect(a.nest.get(RateLimitStore).mode).toBe('redis');
    const from = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < TRACK_LIMIT; i++) statuses.push((await track(i % 2 ? b : a, from)).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    for (const app of [a, b]) {
      const refused = await track(app, from);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ (分钟|秒)后再试$/) });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(500);
      expect(retryAfter).toBeLessThanOrEqual(600);
    }
    // Another address is not affected.
    expect((await track(b, nextAddress())).status).not.toBe(429);
  });

  it('keeps the counts in Redis under the configured prefix, expiring with the window', async () => {
    const from = nextAddress();
    await track(a, from);
    const keys = await redis.keys(`*${prefix}rl:complaint-track:ip${from}*`);
    expect(keys.length).toBeGreaterThan(0);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });
});

describe('rate limits when Redis is away', () => {
  let app: TestApp;
  let closed: Server;

  beforeAll(async () => {
    // A port that accepts and immediately drops connections: Redis "there" but never answering.
    closed = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    app = await startTestApp({ RATE_LIMITS: 'on', REDIS_URL: `redis://127.0.0.1:${port}/0` });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => closed.close(resolve));
  });

  it('still limits, per instance, and never answers 500', async () => {
    const from = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= TRACK_LIMIT; i++) statuses.push((await track(app, from)).status);
    expect(statuses).not.toContain(500);
    expect(statuses.slice(0, TRACK_LIMIT)).not.toContain(429);
    expect(statuses[TRACK_LIMIT]).toBe(429);
    expect(app.nest.get(RateLimitStore).mode).toBe('memory-fallback');
  });
});

describe('rate limits without Redis (the embedded default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMITS: 'on' });
  });
  afterAll(async () => app?.close());

  it('count in memory and send Retry-After with the 429', async () => {
    expect(app.nest.get(RateLimitStore).mode).toBe('memory');
    const from = nextAddress();
    for (let i = 0; i < TRACK_LIMIT; i++) expect((await track(app, from)).status).not.toBe(429);
    const refused = await track(app, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
  });
});
