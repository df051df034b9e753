// Load benchmark (not a test): complaint submissions at 50 concurrent connections for 20 s against the built
// server, on the embedded database and on PostgreSQL, beside a trivial route of the same server in the same run.
// Usage: node test/bench/complaints-load.mjs [--seconds 20] [--connections 50] [--only pglite|postgres]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 20));
const CONNECTIONS = Number(arg('connections', 50));
const ONLY = arg('only', '');
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const freePort = () => new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); }); });

async function startServer(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', RATE_LIMITS: 'off', SA_DEMO: '1', SWEEP_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(`${base}/api/health`)).ok) return { child, base }; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('server did not start');
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function run(label, seconds, makeRequest) {
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const t = performance.now();
      try {
        const res = await makeRequest();
        if (!res.ok) errors++;
        await res.arrayBuffer();
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { label, requests: latencies.length, errors, rps: latencies.length / seconds, p50: q(0.5), p99: q(0.99) };
}

async function bench(name, env, cleanup = () => {}) {
  const { child, base } = await startServer(env);
  try {
    const businesses = (await (await fetch(`${base}/api/v1/businesses?limit=50`)).json()).items.map((b) => b.id);
    const trivial = await run('GET /api/health/live', SECONDS / 2, () => fetch(`${base}/api/health/live`));
    const submit = await run('POST /api/v1/complaints', SECONDS, () =>
      fetch(`${base}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'REPORT',
          category: 'POOR_HYGIENE',
          businessId: businesses[Math.floor(Math.random() * businesses.length)],
          description: '后厨地面油污严重，餐具未消毒直接使用（压测数据）',
          anonymous: true,
          idempotencyKey: randomUUID(),
        }),
      }),
    );
    const rss = peakRssMb(child.pid);
    console.log(`\n== ${name}: ${CONNECTIONS} connections`);
    for (const r of [trivial, submit]) {
      console.log(`${r.label.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.requests} requests, ${r.errors} errors)`);
    }
    console.log(`submit/trivial throughput ratio ${(submit.rps / trivial.rps).toFixed(3)}; p50 ratio ${(submit.p50 / trivial.p50).toFixed(1)}x; server peak RSS ${rss} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    cleanup();
  }
}

if (ONLY !== 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'sa-bench-'));
  await bench('embedded PGlite', { DATA_DIR: dataDir }, () => rmSync(dataDir, { recursive: true, force: true }));
}
if (ONLY !== 'pglite') {
  const db = `sa_bench_${Date.now()}`;
  const psql = (sql) => execFileSync('psql', [PG_ADMIN, '-qc', sql], { stdio: 'ignore' });
  psql(`CREATE DATABASE ${db}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${db}`);
  await bench('PostgreSQL 15', { DATABASE_URL: url }, () => psql(`DROP DATABASE ${db} WITH (FORCE)`));
}
