import { randomUUID } from 'node:crypto';
import { withAdmin, withDatabase } from '@sa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, submissionBody } from '../support/server-process';
import { startPrivateCluster } from '../support/scratch-postgres';

type Outcome = { at: number; status: number | 'no-answer'; trackingNo?: string; code?: string };

// The PostgreSQL server goes away in the middle of a submission load (an immediate stop: what a crash or a failover
// looks like to the application) and comes back. The cluster is the test's own, on a spare port.
describe('a PostgreSQL restart during load', () => {
  let cluster: Awaited<ReturnType<typeof startPrivateCluster>>;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let url: string;
  let streetId: number;

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    await withAdmin(cluster.adminUrl, (c) => c.query('CREATE DATABASE sa'));
    url = withDatabase(cluster.adminUrl, 'sa');
    server = await startServerProcess({
      DATABASE_URL: url,
      SA_DEMO: '1',
      DEV_LOGIN: '0',
      RATE_LIMITS: 'off',
      PHONE_ENCRYPTION_KEY: 'restart-test-phone-key-0123',
      QUERY_CODE_SECRET: 'restart-test-query-secret-0123',
      DATABASE_POOL_SIZE: '8',
    });
    const areas = (await (await fetch(`${server.baseUrl}/api/v1/areas`)).json()) as { offices: { streets: { id: number }[] }[] };
    streetId = areas.offices[0]!.streets[0]!.id;
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
  }, 60_000);

  it('answers 503 while the database is away, never 500, recovers by itself, and keeps every 201', async () => {
    const outcomes: Outcome[] = [];
    const health: Outcome[] = [];
    const t0 = Date.now();
    const elapsed = () => Date.now() - t0;
    let stoppedAt = 0;
    let startedAt = 0;
    const submit = async () => {
      const at = elapsed();
      try {
        const res = await fetch(`${server.baseUrl}/api/v1/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(submissionBody(streetId, randomUUID())),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json()) as { trackingNo?: string; code?: string };
        outcomes.push({ at, status: res.status, trackingNo: body.trackingNo, code: body.code });
      } catch {
        outcomes.push({ at, status: 'no-answer' });
      }
    };
    const worker = async () => {
      while (elapsed() < 14_000) await submit();
    };
    const prober = async () => {
      while (elapsed() < 14_000) {
        const at = elapsed();
        const res = await fetch(`${server.baseUrl}/api/health`).catch(() => null);
        health.push({ at, status: res?.status ?? 'no-answer' });
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker(), prober()]);
    await new Promise((r) => setTimeout(r, 3_000));
    cluster.stop('immediate');
    stoppedAt = elapsed();
    await new Promise((r) => setTimeout(r, 4_000));
    cluster.start();
    startedAt = elapsed();
    await load;

    const statuses = new Map<string, number>();
    for (const o of outcomes) statuses.set(String(o.status), (statuses.get(String(o.status)) ?? 0) + 1);
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.trackingNo!);
    const during = outcomes.filter((o) => o.at > stoppedAt + 500 && o.at < startedAt);
    const firstAfter = outcomes.find((o) => o.at > startedAt && o.status === 201);
    const stored = new Set(await withAdmin(url, async (c) => (await c.query<{ t: string }>('SELECT "trackingNo" AS t FROM "Complaint"')).rows.map((r) => r.t)));
    const found = acknowledged.filter((t) => stored.has(t));
    console.log(
      `database restart: stopped at ${stoppedAt} ms, started at ${startedAt} ms; ${outcomes.length} requests: ` +
        `${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; acknowledged ${acknowledged.length}, found ${found.length}; ` +
        `first 201 ${firstAfter ? firstAfter.at - startedAt : 'never'} ms after the database was back`,
    );

    if (statuses.has('500') || statuses.has('no-answer')) console.log(server.output().slice(-4000));
    expect(statuses.get('500') ?? 0).toBe(0);
    expect(statuses.get('no-answer') ?? 0).toBe(0);
    // While it is away: 503 DATABASE_UNAVAILABLE, in Chinese; /api/health says so too.
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((o) => o.status === 503 && o.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect(health.filter((h) => h.at > stoppedAt + 500 && h.at < startedAt).every((h) => h.status === 503)).toBe(true);
    // Back by itself within a few seconds, and nothing acknowledged is missing.
    expect(firstAfter).toBeDefined();
    expect(firstAfter!.at - startedAt).toBeLessThan(5_000);
    expect(found).toEqual(acknowledged);
    expect(acknowledged.length).toBeGreaterThan(20);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  }, 120_000);
});
