import { readFileSync } from 'node:fs';
import { messages } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from './database';
import { PGliteWorkerClient } from './pglite-client';
import { prismaAdapterQueryOptions } from './pglite-protocol';

// PGlite in its worker thread against PGlite in this thread, on copies of the migrated template: the same rows,
// the same errors, the same transactions.
describe.runIf(process.env.TEST_DB === 'pglite')('PGlite in a worker thread', () => {
  let worker: Database;
  let local: Database;
  const open = (inWorker: boolean) =>
    openDatabase({ loadDataDir: new Blob([readFileSync(inject('dbTemplate'))]), migrate: false, worker: inWorker });

  beforeAll(async () => {
    [worker, local] = await Promise.all([open(true), open(false)]);
    expect(worker.pglite).toBeInstanceOf(PGliteWorkerClient);
    expect(local.pglite).not.toBeInstanceOf(PGliteWorkerClient);
  });
  afterAll(async () => {
    await worker?.close();
    await local?.close();
  });

  const EVERY_TYPE = `SELECT
      timestamptz '2026-03-01 08:30:00.123+08' AS tstz, timestamp '2026-03-01 08:30:00' AS ts, date '2026-02-28' AS d,
      time '23:59:58.5' AS t, '\\x00ff10'::bytea AS bytes, ARRAY['\\x01'::bytea, '\\x0203'::bytea] AS bytes_list,
      9007199254740993::int8 AS big, ARRAY[1::int8, 2::int8] AS bigs, 42::int4 AS i, 1.5::float8 AS f,
      12345.67::numeric(14, 2) AS amount, '{"a": [1, "二"], "b": null}'::jsonb AS jb, '{"x": 1}'::json AS j,
      ARRAY['{"k": 1}'::jsonb] AS jbs, ARRAY['甲', '乙'] AS texts, true AS yes, NULL::text AS nothing,
      '6f1c3c3e-6a4b-4c55-9d61-1a2b3c4d5e6f'::uuid AS id, ARRAY[timestamptz '2026-01-01 00:00:00+00'] AS stamps`;

  it('returns the same rows as in this thread: with PGlite parsers, with the Prisma adapter parsers, and through Prisma', async () => {
    const [w, l] = await Promise.all([worker.pglite!.query(EVERY_TYPE), local.pglite!.query(EVERY_TYPE)]);
    expect(w.rows).toEqual(l.rows);
    expect(w.fields).toEqual(l.fields);
    const row = w.rows[0] as Record<string, unknown>;
    expect(row.tstz).toBeInstanceOf(Date);
    expect(row.bytes).toBeInstanceOf(Uint8Array);
    expect(row.big).toBe(9007199254740993n);
    expect(row.jb).toEqual({ a: [1, '二'], b: null });

    const adapterOptions = await prismaAdapterQueryOptions();
    const [wa, la] = await Promise.all([worker.pglite!.query(EVERY_TYPE, [], adapterOptions), local.pglite!.query(EVERY_TYPE, [], adapterOptions)]);
    expect(wa.rows).toEqual(la.rows);
    // The adapter's own parsers ran in the worker: timestamps stay text, JSON unparsed.
    expect((wa.rows[0] as unknown[])[0]).toBe('2026-03-01T00:30:00.123+00:00');
    expect((wa.rows[0] as unknown[])[11]).toBe('{"a": [1, "二"], "b": null}');

    const [wp, lp] = await Promise.all([worker.prisma.$queryRawUnsafe(EVERY_TYPE), local.prisma.$queryRawUnsafe(EVERY_TYPE)]);
    expect(wp).toEqual(lp);
    const params = [new Date('2026-05-04T03:02:01.456Z'), Buffer.from([7, 8, 9]), 12n, { z: ['参数'] }];
    const echo = 'SELECT $1::timestamptz AS at, $2::bytea AS raw, $3::int8 AS n, $4::jsonb AS doc';
    const [we, le] = await Promise.all([worker.prisma.$queryRawUnsafe(echo, ...params), local.prisma.$queryRawUnsafe(echo, ...params)]);
    expect(we).toEqual(le);
    expect((we as { at: Date }[])[0]!.at).toEqual(params[0]);
  });

  it('throws PGlite database errors with their PostgreSQL fields, and Prisma maps them as before', async () => {
    const failing = async (db: Database) => {
      await db.sql.exec(`INSERT INTO "District" (code, name) VALUES ('DUP', '重复区')`);
      return db.pglite!.query(`INSERT INTO "District" (code, name) VALUES ($1, $2)`, ['DUP', '再来']).catch((e: unknown) => e);
    };
    const [w, l] = (await Promise.all([failing(worker), failing(local)])) as messages.DatabaseError[];
    expect(w).toBeInstanceOf(messages.DatabaseError);
    for (const f of ['message', 'code', 'severity', 'detail', 'constraint', 'table', 'schema', 'routine', 'query', 'params'] as const) {
      expect(w[f as keyof typeof w], f).toEqual(l[f as keyof typeof l]);
    }
    expect(w.code).toBe('23505');
    expect(w.constraint).toBe('District_code_key');

    const viaPrisma = (db: Database) => db.prisma.district.create({ data: { code: 'DUP', name: '三' } }).catch((e: { code: string; meta: unknown }) => e);
    const [wp, lp] = await Promise.all([viaPrisma(worker), viaPrisma(local)]);
    expect(wp).toMatchObject({ code: 'P2002' });
    expect((wp as { meta: unknown }).meta).toEqual((lp as { meta: unknown }).meta);
    // Options the worker cannot be given are refused, not silently dropped.
    await expect(worker.pglite!.query('SELECT 1', [], { parsers: { 23: (x: string) => x } })).rejects.toThrow(TypeError);
  });

  it('runs an interactive transaction alone: other statements wait for its end, a throw or rollback undoes it', async () => {
    const { prisma } = worker;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const tx = prisma.$transaction(async (t) => {
      await t.district.create({ data: { code: 'TX1', name: '事务区' } });
      inside();
      await held;
      return t.district.count({ where: { code: 'TX1' } });
    });
    await started;
    let outsideDone = false;
    const outside = worker.pglite!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "District" WHERE code = 'TX1'`).then((r) => {
      outsideDone = true;
      return r.rows[0]!.n;
    });
    // Several turns of this thread's event loop while the transaction is open: the outside statement is queued.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(outsideDone).toBe(false);
    release();
    expect(await tx).toBe(1);
    expect(await outside).toBe(1);

    await expect(
      prisma.$transaction(async (t) => {
        await t.district.create({ data: { code: 'TX2', name: '撤销区' } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await prisma.district.count({ where: { code: 'TX2' } })).toBe(0);

    const pg = worker.pglite!;
    const kept = await pg.transaction(async (t) => {
      await t.query(`INSERT INTO "District" (code, name) VALUES ('TX3', '回滚区')`);
      await t.rollback();
      expect(t.closed).toBe(true);
      await expect(t.query('SELECT 1')).rejects.toThrow('Transaction is closed');
      return 'rolled back';
    });
    expect(kept).toBe('rolled back');
    expect((await pg.query(`SELECT 1 FROM "District" WHERE code = 'TX3'`)).rows).toEqual([]);

    // A statement that fails inside leaves the transaction aborted: COMMIT is PGlite's TransactionAbortedError.
    const aborted = await pg
      .transaction(async (t) => {
        await t.query('SELECT * FROM "NoSuchTable"').catch(() => {});
      })
      .catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(messages.DatabaseError);
    expect((aborted as messages.DatabaseError).code).toBe('25P02');
    expect(await worker.ping()).toBe(true);
  });

  it('dumps the data folder as a Blob that opens again, and is closed for good after close()', async () => {
    await worker.sql.exec(`INSERT INTO "District" (code, name) VALUES ('DUMP', '备份区')`);
    const dump = await worker.pglite!.dumpDataDir('gzip');
    expect(dump).toBeInstanceOf(Blob);
    const copy = await openDatabase({ loadDataDir: dump, migrate: false, worker: true });
    expect((await copy.sql.query(`SELECT name FROM "District" WHERE code = 'DUMP'`))[0]).toEqual({ name: '备份区' });
    const pg = copy.pglite!;
    await copy.close();
    expect(pg.closed).toBe(true);
    await expect(pg.query('SELECT 1')).rejects.toThrow('PGlite is closed');
    expect(await copy.ping()).toBe(false);
  });
});
