// Indicator benchmark (a script, not a test): a fresh database with a district's registry and a year of complaints
// (1,000,000 on PostgreSQL, 200,000 on PGlite) with their events, deadlines, penalty decisions, ratings,
// rectifications, callbacks and sampling batches; then the full indicator set for 2025 grouped by street, timed
// through the server's computeIndicatorReport (server/dist) beside one hand-written SQL statement computing the same
// figures. Asserts they agree (prints any difference), prints the median of several runs of both and the ratio.
// Needs the built packages: flock /tmp/sa-build.lock pnpm --filter @sa/contracts --filter @sa/db --filter @sa/server build
// Usage: node test/bench/indicators.mjs [--engine postgres|pglite] [--complaints N] [--runs 5] [--jit off] [--keep | --reuse sa_bench_…]
// PostgreSQL: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a database sa_bench_<pid> is
// created and dropped again (kept with --keep).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dataStatements, deferIndexes, NOW, YEAR } from './indicators-data.mjs';
import { handWrittenIndicators } from './indicators-sql.mjs';

const root = resolve(import.meta.dirname, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ENGINE = arg('engine', 'postgres');
if (!['postgres', 'pglite'].includes(ENGINE)) throw new Error('--engine postgres|pglite');
const COMPLAINTS = Number(arg('complaints', ENGINE === 'postgres' ? 1_000_000 : 200_000));
const BUSINESSES = Math.max(500, Math.round(COMPLAINTS / 50));
const RUNS = Number(arg('runs', 5));
const KEEP = process.argv.includes('--keep');
/** PostgreSQL: time again on a database an earlier `--keep` run left, without generating (and keep it). */
const REUSE = arg('reuse', '');
// PostgreSQL's JIT (on by default) compiles each of these large statements: timed with the server's setting, then
// with jit off; `--jit off` only the latter.
const JIT = arg('jit', 'default');
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const load = (rel) => import(pathToFileURL(resolve(root, rel)).href);
const { openDatabase } = await load('prisma/dist/index.js');
const { seedOfficialHolidays } = await load('server/dist/calendar/calendar.seed.js');
const { computeIndicatorReport } = await load('server/dist/indicators/indicator-engine.js');
const { INDICATOR_DEFINITIONS, indicatorStatus } = await load('server/dist/indicators/indicator-definitions.js');
const pg = createRequire(resolve(root, 'prisma/package.json'))('pg');

const ms = (t0) => Math.round(performance.now() - t0);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const withDatabase = (url, name) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

async function admin(sql) {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function open() {
  if (ENGINE === 'pglite') return { db: await openDatabase({}), drop: async () => {} };
  if (REUSE) {
    if (!/^sa_bench_\w+$/.test(REUSE)) throw new Error('--reuse takes the name of a sa_bench_* database');
    await admin(`ALTER DATABASE "${REUSE}" RESET jit`);
    return { db: await openDatabase({ url: withDatabase(PG_ADMIN, REUSE), migrate: false, poolSize: 4 }), name: REUSE, drop: async () => console.log(`kept database ${REUSE}`) };
  }
  const name = `sa_bench_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  const db = await openDatabase({ url: withDatabase(PG_ADMIN, name), poolSize: 4 });
  return { db, name, drop: () => (KEEP ? Promise.resolve(console.log(`kept database ${name}`)) : admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
}

/** Figures compared: value (to 1e-9), numerator and denominator (to 1e-6) and status of every code of every row. */
function compare(engine, hand) {
  const problems = [];
  const byKey = new Map(hand.rows.map((r) => [r.key, r]));
  if (engine.rows.length !== hand.rows.length) problems.push(`rows: engine ${engine.rows.length}, SQL ${hand.rows.length}`);
  for (const row of engine.rows) {
    const other = byKey.get(row.key);
    if (!other) {
      problems.push(`row ${row.key} (${row.label}) only in the engine's report`);
      continue;
    }
    for (const [code, a] of Object.entries(row.indicators)) {
      const b = other.indicators[code];
      if (!b) {
        problems.push(`${row.label} ${code}: not computed by the SQL`);
        continue;
      }
      const near = (x, y, eps) => (x === null || y === null ? x === y : Math.abs(x - y) <= eps);
      if (!near(a.value, b.value, 1e-9) || !near(a.numerator, b.numerator, 1e-6) || !near(a.denominator, b.denominator, 1e-6) || a.status !== b.status) {
        problems.push(`${row.label} ${code}: engine ${JSON.stringify(a)} vs SQL ${JSON.stringify(b)}`);
      }
    }
  }
  return problems;
}

const t0 = performance.now();
const { db, name: dbName, drop } = await open();
console.log(`${ENGINE}: fresh database migrated in ${ms(t0)} ms`);
try {
  if (!REUSE) await generate();

  async function generate() {
  await seedOfficialHolidays(db.prisma);
  const tGen = performance.now();
  const restoreIndexes = await deferIndexes(db);
  for (const [label, sql] of dataStatements({ complaints: COMPLAINTS, businesses: BUSINESSES })) {
    const t = performance.now();
    await db.sql.exec(sql);
    console.log(`  ${label}: ${ms(t)} ms`);
  }
  const tIdx = performance.now();
  console.log(`  ${await restoreIndexes()} indexes built, statistics gathered: ${ms(tIdx)} ms`);
  const counts = await db.sql.query(`SELECT
    (SELECT count(*) FROM "Complaint")::int AS complaints, (SELECT count(*) FROM "ComplaintEvent")::int AS events,
    (SELECT count(*) FROM "Deadline")::int AS deadlines, (SELECT count(*) FROM "Rating")::int AS ratings,
    (SELECT count(*) FROM "Rectification")::int AS rectifications, (SELECT count(*) FROM "RectificationCallback")::int AS callbacks,
    (SELECT count(*) FROM "PenaltyDecision")::int AS decisions, (SELECT count(*) FROM "SamplingBatch")::int AS "samplingBatches",
    (SELECT count(*) FROM "Business")::int AS businesses, (SELECT sum(population) FROM "Community")::int AS residents`);
  console.log(`generated in ${ms(tGen)} ms:`, counts[0]);
  }

  const query = { from: YEAR.from, to: YEAR.to, groupBy: 'street' };
  const scope = { kind: 'all' };
  // The data's "today": what is still open after its due day by then counts as overdue.
  const now = new Date(`${NOW}T00:00:00Z`);
  const options = { now };

  async function timed(prisma, setting) {
    const hand = () => handWrittenIndicators(prisma, query, now, INDICATOR_DEFINITIONS, indicatorStatus);
    const engineRuns = [];
    const sqlRuns = [];
    let engineReport;
    let handReport;
    // One warm-up of each, then alternate so neither gets a warmer cache.
    await computeIndicatorReport(prisma, query, scope, options);
    await hand();
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      engineReport = await computeIndicatorReport(prisma, query, scope, options);
      engineRuns.push(performance.now() - t);
      t = performance.now();
      handReport = await hand();
      sqlRuns.push(performance.now() - t);
    }
    const problems = compare(engineReport, handReport);
    if (problems.length) {
      console.log(`DIFFERENCES (${problems.length}):`);
      for (const p of problems.slice(0, 60)) console.log(`  ${p}`);
    } else {
      console.log(`figures agree: ${engineReport.rows.length} streets × ${Object.keys(engineReport.rows[0]?.indicators ?? {}).length} indicators`);
    }
    const e = median(engineRuns);
    const h = median(sqlRuns);
    console.log(`runs: engine [${engineRuns.map(Math.round).join(', ')}] ms, hand-written SQL [${sqlRuns.map(Math.round).join(', ')}] ms`);
    console.log(`${ENGINE}${setting}, ${COMPLAINTS} complaints, ${RUNS} runs: computeIndicatorReport median ${e.toFixed(0)} ms, hand-written SQL median ${h.toFixed(0)} ms, ratio ${(e / h).toFixed(2)}×`);
    return problems.length;
  }

  let problems = 0;
  if (ENGINE === 'pglite') problems += await timed(db.prisma, '');
  else {
    if (JIT !== 'off') problems += await timed(db.prisma, ` (jit ${(await db.sql.query('SHOW jit'))[0].jit})`);
    // The same data again with JIT off for new sessions of this database: a second pool sees it.
    await admin(`ALTER DATABASE "${dbName}" SET jit = off`);
    const second = await openDatabase({ url: withDatabase(PG_ADMIN, dbName), migrate: false, poolSize: 4 });
    try {
      problems += await timed(second.prisma, ' (jit off)');
    } finally {
      await second.close();
    }
  }
  process.exitCode = problems ? 1 : 0;
} finally {
  await db.close();
  await drop();
}
