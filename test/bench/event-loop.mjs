// Event-loop benchmark (not a test): the built server on a fresh embedded data folder (seeded with the demo
// registry by a first start, then started again on it), 50 connections submitting complaints for 15 s while one loop
// asks GET /api/health/live (no database) every 20 ms. Prints submissions/s, submission p50/p99, live p50/p99 and
// the server's peak RSS (VmHWM) during the load, and that of the seeding first start; once with PGlite in its
// worker thread and once in the main thread (PGLITE_WORKER=0).
// Usage: node test/bench/event-loop.mjs [--seconds 15] [--connections 50] [--only worker|main] [--server server/dist/main.js]
// Build first: pnpm --filter @sa/contracts --filter @sa/db --filter @sa/server build
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const serverMain = resolve(arg('server', join(root, 'server/dist/main.js')));
const SECONDS = Number(arg('seconds', 15));
const CONNECTIONS = Number(arg('connections', 50));
const LIVE_EVERY_MS = 20;
const ONLY = arg('only', '');

const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

async function startServer(env, dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, [serverMain], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SA_DEMO: '1',
      SA_DEMO_HISTORY: '0',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('server did not start');
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function stopServer(child) {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
}

async function bench(name, env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sa-bench-loop-'));
  const removeData = (err) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  };
  const seeding = await startServer(env, dataDir).catch(removeData);
  const seedRss = peakRssMb(seeding.child.pid);
  await stopServer(seeding.child);
  const { child, base } = await startServer(env, dataDir).catch(removeData);
  try {
    const areas = await (await fetch(`${base}/api/v1/areas`)).json();
    const streets = areas.offices.flatMap((o) => o.streets.map((s) => s.id));
    const deadline = Date.now() + SECONDS * 1000;
    const submissions = [];
    const live = [];
    let submitErrors = 0;
    let liveErrors = 0;
    const submitter = async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        try {
          const res = await fetch(`${base}/api/v1/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              kind: 'REPORT',
              category: 'POOR_HYGIENE',
              streetId: streets[Math.floor(Math.random() * streets.length)],
              businessName: '路口早点摊',
              description: '早点摊用未消毒的抹布擦碗，油条锅里的油发黑',
              anonymous: true,
              idempotencyKey: randomUUID(),
            }),
          });
          await res.arrayBuffer();
          if (res.status !== 201) submitErrors++;
        } catch {
          submitErrors++;
        }
        submissions.push(performance.now() - t);
      }
    };
    const liveLoop = async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        try {
          const res = await fetch(`${base}/api/health/live`);
          await res.arrayBuffer();
          if (!res.ok) liveErrors++;
        } catch {
          liveErrors++;
        }
        const ms = performance.now() - t;
        live.push(ms);
        await new Promise((r) => setTimeout(r, Math.max(0, LIVE_EVERY_MS - ms)));
      }
    };
    await Promise.all([liveLoop(), ...Array.from({ length: CONNECTIONS }, submitter)]);
    const rss = peakRssMb(child.pid);
    submissions.sort((a, b) => a - b);
    live.sort((a, b) => a - b);
    console.log(`\n== ${name}: ${CONNECTIONS} connections submitting for ${SECONDS} s, /api/health/live every ${LIVE_EVERY_MS} ms`);
    console.log(
      `submissions ${(submissions.length / SECONDS).toFixed(1)}/s  p50 ${quantile(submissions, 0.5).toFixed(1)} ms  p99 ${quantile(submissions, 0.99).toFixed(1)} ms  (${submissions.length} requests, ${submitErrors} not 201)`,
    );
    console.log(
      `live        p50 ${quantile(live, 0.5).toFixed(1)} ms  p99 ${quantile(live, 0.99).toFixed(1)} ms  max ${live.at(-1)?.toFixed(1)} ms  (${live.length} requests, ${liveErrors} errors)`,
    );
    console.log(`server peak RSS ${rss} MB during the load (${seedRss} MB for the first start that seeded the folder)`);
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!existsSync(serverMain)) throw new Error(`${serverMain} missing: build the server first`);
if (ONLY !== 'main') await bench('embedded PGlite in a worker thread', { PGLITE_WORKER: '1' });
if (ONLY !== 'worker') await bench('embedded PGlite in the main thread (PGLITE_WORKER=0)', { PGLITE_WORKER: '0' });
