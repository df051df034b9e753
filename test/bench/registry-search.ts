// Benchmark (not a test): the complaint form's business search (GET /api/v1/businesses) on the embedded PGlite and
// on PostgreSQL, first with the demo district's 2,000 businesses, then grown to BENCH_N (default 200,000) with the
// demo seed's scale generator. Prints p50/p99 per query of BusinessService.search, the code the route runs.
//
//   pnpm exec vitest run --config test/bench/vitest.config.ts
//   BENCH_N=200000 BENCH_RUNS=100 BENCH_ONLY=pglite|postgres TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres
import { test } from 'vitest';
import { loadDemoRefs, openDatabase, scaleBusinesses, seedDemoDistrict, writeBusinesses, type Database } from '@sa/db';
import { businessSearchQuery, type BusinessSearchQuery } from '@sa/contracts';
import { AreaRepository } from '../../server/src/registry/area.repository';
import { AreaService } from '../../server/src/registry/area.service';
import { BusinessRepository } from '../../server/src/registry/business.repository';
import { BusinessService } from '../../server/src/registry/business.service';

const N = Number(process.env.BENCH_N ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const ONLY = process.env.BENCH_ONLY ?? '';
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_SIZE = 2_000;

/** What residents type into the complaint form, with the filters the form sends. */
function queries(streetId: number, communityId: number, licence: string): [string, Record<string, string | number>][] {
  return [
    ['common word 面馆', { q: '面馆' }],
    ['surname prefix 李记', { q: '李记' }],
    ['brand 福满', { q: '福满' }],
    ['two words 老街 包子铺', { q: '老街 包子铺' }],
    ['no match 不存在的店名', { q: '不存在的店名' }],
    ['latin letters KFC', { q: 'KFC' }],
    ['licence prefix JY2 (all catering)', { q: 'JY2' }],
    ['licence prefix JY23399010012', { q: 'JY23399010012' }],
    ['full licence number', { q: licence }],
    ['street only', { streetId }],
    ['community only', { communityId }],
    ['community + word 便利店', { communityId, q: '便利店' }],
    ['street + grade D + 小吃', { streetId, grade: 'D', q: '小吃' }],
    ['page 6 of 面馆', { q: '面馆', offset: 100 }],
  ];
}

type Row = { query: string; total: number; p50: number; p99: number };

async function measure(db: Database, label: string): Promise<Row[]> {
  const service = new BusinessService(new BusinessRepository(db.prisma), new AreaService(new AreaRepository(db.prisma)));
  const street = await db.prisma.street.findFirstOrThrow({ orderBy: { code: 'asc' } });
  const community = await db.prisma.community.findFirstOrThrow({ where: { streetId: street.id }, orderBy: { code: 'asc' } });
  const licence = (await db.prisma.business.findFirstOrThrow({ where: { licenceNo: { startsWith: 'JY2' } }, orderBy: { id: 'desc' } })).licenceNo;
  const rows: Row[] = [];
  for (const [name, input] of queries(street.id, community.id, licence)) {
    const query: BusinessSearchQuery = businessSearchQuery.parse(input);
    let total = 0;
    for (let i = 0; i < 3; i++) total = (await service.search(query)).total;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await service.search(query);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push({ query: name, total, p50: percentile(times, 0.5), p99: percentile(times, 0.99) });
  }
  const all = rows.map((r) => r.p99);
  console.log(`\n${label}: ${RUNS} runs per query (ms)`);
  console.table(rows.map((r) => ({ query: r.query, matches: r.total, p50: r.p50.toFixed(1), p99: r.p99.toFixed(1) })));
  console.log(`${label}: worst p99 ${Math.max(...all).toFixed(1)} ms`);
  return rows;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

async function grow(db: Database, total: number): Promise<void> {
  const started = Date.now();
  const refs = await loadDemoRefs(db.prisma);
  for (const batch of scaleBusinesses(total - DEMO_SIZE)) await writeBusinesses(db.prisma, refs, batch);
  await db.sql.exec('ANALYZE');
  console.log(`grown to ${await db.prisma.business.count()} businesses in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function benchmark(kind: 'pglite' | 'postgres', db: Database): Promise<void> {
  // Logins are not benchmarked: a constant stands in for the password hash.
  await seedDemoDistrict(db.prisma, { hashPassword: async () => 'benchmark-no-login' });
  await db.sql.exec('ANALYZE');
  await measure(db, `${kind}, ${await db.prisma.business.count()} businesses`);
  if (N > DEMO_SIZE) {
    await grow(db, N);
    await measure(db, `${kind}, ${N} businesses`);
  }
}

test('registry search benchmark', { timeout: 3_600_000 }, async () => {
  if (ONLY !== 'postgres') {
    const db = await openDatabase({ dataDir: null });
    try {
      await benchmark('pglite', db);
    } finally {
      await db.close();
    }
  }
  if (ONLY !== 'pglite') {
    const admin = await openDatabase({ url: PG_ADMIN, migrate: false });
    const name = `sa_bench_registry_${process.pid}`;
    await admin.sql.exec(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    try {
      const db = await openDatabase({ url: url.toString() });
      try {
        await benchmark('postgres', db);
      } finally {
        await db.close();
      }
    } finally {
      await admin.sql.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    }
  }
});
