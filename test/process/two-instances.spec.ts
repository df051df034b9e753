import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, submissionBody } from '../support/server-process';
import { createScratchPostgres, type ScratchPostgres } from '../support/scratch-postgres';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

// Two built servers behind one (imagined) load balancer, on one PostgreSQL database and one Redis: the limits are
// the district's, not each instance's; and a crash of one loses nothing either of them acknowledged.
describe('two server instances on one PostgreSQL and one Redis', () => {
  const prefix = `sa-two-${randomUUID().slice(0, 8)}:`;
  let pg: ScratchPostgres;
  let redis: Redis;
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  let streetId: number;

  beforeAll(async () => {
    pg = await createScratchPostgres();
    redis = new Redis(REDIS_URL);
    const env = {
      DATABASE_URL: pg.url,
      SA_DEMO: '1',
      DEV_LOGIN: '0',
      RATE_LIMITS: 'on',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      TRUST_PROXY: 'loopback',
      PHONE_ENCRYPTION_KEY: 'two-instances-phone-key-0123',
      QUERY_CODE_SECRET: 'two-instances-query-secret-0123',
      SWEEP_INTERVAL_SECONDS: '0',
      OUTBOX_INTERVAL_SECONDS: '0',
    };
    // The first one migrates and seeds; the second finds both done.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
    const areas = (await (await fetch(`${servers[0]!.baseUrl}/api/v1/areas`)).json()) as { offices: { streets: { id: number }[] }[] };
    streetId = areas.offices[0]!.streets[0]!.id;
  }, 240_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    const keys = await redis?.keys(`*${prefix}*`);
    if (keys?.length) await redis.del(...keys);
    redis?.disconnect();
    await pg?.drop();
  }, 60_000);

  it('holds one address to one limit across both instances', async () => {
    const [a, b] = servers;
    const from = '203.0.113.50';
    const track = (base: string) =>
      fetch(`${base}/api/v1/complaints/track?trackingNo=TS20260101000001&queryCode=ABCDEFGH`, { headers: { 'x-forwarded-for': from } });
    const statuses: number[] = [];
    // 'complaint-track' allows 60 per address in 10 minutes: 30 on each instance.
    for (let i = 0; i < 60; i++) statuses.push((await track(i % 2 ? b!.baseUrl : a!.baseUrl)).status);
    expect(statuses).not.toContain(429);
    const [fromA, fromB] = [await track(a!.baseUrl), await track(b!.baseUrl)];
    expect([fromA.status, fromB.status]).toEqual([429, 429]);
    expect(Number(fromB.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('loses no acknowledged submission when one instance is killed during a submission load', async () => {
    const [a, b] = servers;
    const acknowledged: string[] = [];
    let sent = 0;
    let failed = 0;
    let n = 0;
    let killedAt = 0;
    const startedAt = Date.now();
    const worker = async (w: number) => {
      // Each loop is a different resident's phone behind the proxy: 20 submissions per address per 10 minutes.
      for (let i = 0; Date.now() - startedAt < 8_000 && i < 400; i++) {
        const base = (n++ % 2 ? b : a)!.baseUrl;
        sent += 1;
        try {
          const res = await fetch(`${base}/api/v1/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${w}.${Math.floor(i / 20)}.${i % 20}` },
            body: JSON.stringify(submissionBody(streetId, randomUUID())),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { trackingNo: string }).trackingNo);
          else failed += 1;
        } catch {
          failed += 1; // the killed instance: connection refused or reset, never acknowledged
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    await new Promise((r) => setTimeout(r, 3_000));
    await a!.kill('SIGKILL');
    killedAt = Date.now() - startedAt;
    await load;

    const stored = new Set(await pg.column('SELECT "trackingNo" FROM "Complaint"'));
    const missing = acknowledged.filter((t) => !stored.has(t));
    console.log(`two instances, one killed at ${killedAt} ms: ${sent} sent, ${acknowledged.length} acknowledged (201), ${failed} not, ${acknowledged.length - missing.length} found in the database`);
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(failed).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    // The survivor still answers.
    expect((await fetch(`${b!.baseUrl}/api/health`)).status).toBe(200);
  }, 60_000);
});
