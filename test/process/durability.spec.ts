import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { freePort, serverMain, startServerProcess, submissionBody } from '../support/server-process';

// The built server in its own process on the embedded database, killed without warning.
describe('a complaint acknowledged to the reporter survives a crash', () => {
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop(false);
  });

  it('is still there, with its tracking number and query code, after SIGKILL and a restart', async () => {
    const first = await startServerProcess();
    servers.push(first);
    const areas = (await (await fetch(`${first.baseUrl}/api/v1/areas`)).json()) as { offices: { streets: { id: number }[] }[] };
    const streetId = areas.offices[0]!.streets[0]!.id;
    const res = await fetch(`${first.baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submissionBody(streetId, randomUUID())),
    });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as { trackingNo: string; queryCode: string };
    await first.kill('SIGKILL');

    const second = await startServerProcess({ DATA_DIR: first.dataDir });
    servers.push(second);
    const tracked = await fetch(`${second.baseUrl}/api/v1/complaints/track?trackingNo=${receipt.trackingNo}&queryCode=${receipt.queryCode}`);
    expect(tracked.status).toBe(200);
    expect(((await tracked.json()) as { status: string }).status).toBe('SUBMITTED');
  }, 180_000);

  it('keeps every submission acknowledged during a load when killed with SIGKILL in the middle of it', async () => {
    const first = await startServerProcess({ RATE_LIMITS: 'off' });
    servers.push(first);
    const areas = (await (await fetch(`${first.baseUrl}/api/v1/areas`)).json()) as { offices: { streets: { id: number }[] }[] };
    const streetId = areas.offices[0]!.streets[0]!.id;
    const acknowledged: { trackingNo: string; queryCode: string }[] = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && sent < 2_000) {
        sent += 1;
        try {
          const res = await fetch(`${first.baseUrl}/api/v1/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(submissionBody(streetId, randomUUID())),
          });
          if (res.status === 201) acknowledged.push((await res.json()) as { trackingNo: string; queryCode: string });
        } catch {
          // the answer lost with the process: never acknowledged
        }
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await new Promise((r) => setTimeout(r, 3_000));
    await first.kill('SIGKILL');
    killed = true;
    await load;

    const second = await startServerProcess({ DATA_DIR: first.dataDir, RATE_LIMITS: 'off' });
    servers.push(second);
    let found = 0;
    for (const r of acknowledged) {
      const res = await fetch(`${second.baseUrl}/api/v1/complaints/track?trackingNo=${r.trackingNo}&queryCode=${r.queryCode}`);
      if (res.status === 200) found += 1;
    }
    console.log(`embedded database killed under load: ${sent} sent, ${acknowledged.length} acknowledged, ${found} found after restart`);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(found).toBe(acknowledged.length);
  }, 240_000);

  it('refuses a second server on the same data folder with a clear message', async () => {
    const running = await startServerProcess();
    servers.push(running);
    const second = spawnSync(process.execPath, [serverMain], {
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: running.dataDir, SA_DEMO: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/数据目录 .* 正被另一个进程 \(pid \d+\) 使用/);
    expect(second.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

