// Load benchmark (not a test): complaint submissions at 50 concurrent connections for 20 s against the built
// server, on the embedded database and on PostgreSQL, beside a trivial route of the same server in the same run; while
// the submissions run, one more loop times /api/health/live every 20 ms (is the event loop free?); then registry
// search at the same concurrency. Prints each figure beside the target and the server's memory at the end.
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
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMITS: 'off', SA_DEMO: '1', SA_DEMO_HISTORY: '0', SWEEP_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The server's own memory figures come in its last log line ("shutting down"); the request lines are not kept.
  let lastLines = '';
  child.stdout.on('data', (d) => {
    lastLines = (lastLines + d.toString()).split('\n').filter((l) => l.includes('"shutting down"') || l.includes('"memory"')).slice(-3).join('\n');
  });
  child.memoryLines = () => lastLines;
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

function summary(label, latencies, errors, seconds) {
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { label, requests: latencies.length, errors, rps: latencies.length / seconds, p50: q(0.5), p99: q(0.99) };
}

async function run(label, seconds, makeRequest, { probe } = {}) {
  const latencies = [];
  const probes = [];
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
  // One request at a time to a route that touches nothing, every 20 ms, beside the load.
  const prober = async () => {
    while (Date.now() < deadline) {
      const t = performance.now();
      try {
        await (await fetch(probe)).arrayBuffer();
      } catch {}
      probes.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all([...Array.from({ length: CONNECTIONS }, worker), ...(probe ? [prober()] : [])]);
  return { ...summary(label, latencies, errors, seconds), live: probe ? summary('GET /api/health/live (during)', probes, 0, seconds) : null };
}

const line = (r) => `${r.label.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  (${r.requests} requests, ${r.errors} errors)`;
const verdict = (ok) => (ok ? 'meets' : 'MISSES');

async function bench(name, kind, env, cleanup = () => {}) {
  // A first start migrates and seeds the demo district; the measured server starts on the seeded database, as a
  // server does every day (the one-off seed's garbage would otherwise stay in the peak RSS).
  const seeding = await startServer(env);
  seeding.child.kill('SIGTERM');
  await new Promise((r) => seeding.child.once('exit', r));
  const { child, base } = await startServer(env);
  let results;
  try {
    const listed = (await (await fetch(`${base}/api/v1/businesses?limit=50`)).json()).items;
    const businesses = listed.map((b) => b.id);
    // Search terms a resident would type: two characters of a business name, a street-like fragment, a licence prefix.
    const terms = [...new Set(listed.flatMap((b) => [b.name.slice(0, 2), b.name.slice(-2), b.licenceNo?.slice(0, 6)].filter(Boolean)))];
    const trivial = await run('GET /api/health/live', SECONDS / 2, () => fetch(`${base}/api/health/live`));
    const submit = await run(
      'POST /api/v1/complaints',
      SECONDS,
      () =>
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
      { probe: `${base}/api/health/live` },
    );
    const search = await run('GET /api/v1/businesses?q=', SECONDS / 2, () =>
      fetch(`${base}/api/v1/businesses?q=${encodeURIComponent(terms[Math.floor(Math.random() * terms.length)])}&limit=20`),
    );
    results = { trivial, submit, search, rss: peakRssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    cleanup();
  }
  const { trivial, submit, search, rss } = results;
  const ratio = submit.rps / trivial.rps;
  console.log(`\n== ${name}: ${CONNECTIONS} connections`);
  for (const r of [trivial, submit, submit.live, search]) console.log(line(r));
  console.log(`submit/trivial throughput ratio ${ratio.toFixed(3)}; server peak RSS ${rss} MB`);
  const memory = child.memoryLines();
  if (memory) console.log(`server memory at shutdown: ${memory}`);
  console.log('targets:');
  if (kind === 'postgres') {
    console.log(`  submissions >= 30 % of the trivial route: ${(ratio * 100).toFixed(1)} % (${verdict(ratio >= 0.3)})`);
    console.log(`  submission p99 < 150 ms: ${submit.p99.toFixed(0)} ms (${verdict(submit.p99 < 150)})`);
    console.log(`  peak RSS < 300 MB: ${rss} MB (${verdict(rss < 300)})`);
  } else {
    console.log(`  submission p99 < 400 ms: ${submit.p99.toFixed(0)} ms (${verdict(submit.p99 < 400)})`);
    console.log(`  /api/health/live p99 during the load < 50 ms: ${submit.live.p99.toFixed(0)} ms (${verdict(submit.live.p99 < 50)})`);
    console.log(`  peak RSS < 400 MB: ${rss} MB (${verdict(rss < 400)})`);
  }
  console.log(`  registry search at ${CONNECTIONS} connections: p50 ${search.p50.toFixed(0)} ms, p99 ${search.p99.toFixed(0)} ms (no target; 242 ms p50 before)`);
}

if (ONLY !== 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'sa-bench-'));
  await bench('embedded PGlite', 'pglite', { DATA_DIR: dataDir }, () => rmSync(dataDir, { recursive: true, force: true }));
}
if (ONLY !== 'pglite') {
  const db = `sa_bench_${Date.now()}`;
  const psql = (sql) => execFileSync('psql', [PG_ADMIN, '-qc', sql], { stdio: 'ignore' });
  psql(`CREATE DATABASE ${db}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${db}`);
  await bench('PostgreSQL 15', 'postgres', { DATABASE_URL: url, SA_DEMO: '1', PHONE_ENCRYPTION_KEY: 'bench-phone-key-0123456789', QUERY_CODE_SECRET: 'bench-query-secret-0123' }, () => psql(`DROP DATABASE ${db} WITH (FORCE)`));
}
