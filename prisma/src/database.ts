import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { applyMigrations, type SqlRunner } from './migrate';
import { PGliteWorkerClient, type EmbeddedPGlite } from './pglite-client';

export type OpenOptions = {
  /** A PostgreSQL server; unset means the embedded PGlite. */
  url?: string;
  /** PGlite data folder; null or unset means in memory. */
  dataDir?: string | null;
  /** A dumped data folder (tar) to start an in-memory PGlite from, e.g. a migrated template in tests. */
  loadDataDir?: Blob;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * Run PGlite in a worker thread, so that its statements (WebAssembly, synchronous) do not hold up this thread's
   * event loop. Default: for a data folder (the server), unless PGLITE_WORKER=0; in memory, in this thread.
   */
  worker?: boolean;
};

export type Database = {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  /** Runs raw SQL outside Prisma (migrations, test set-up). */
  sql: SqlRunner;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Brings the planner's statistics up to date where many rows changed, as PostgreSQL's autovacuum does (same
   * thresholds: 50 rows + 10 % of the table). PGlite has no autovacuum: without this its statistics stay those of
   * the empty migrated tables and the planner picks nested loops over thousands of rows (an indicator drill-down on
   * the demo year took 5 s instead of 90 ms). A no-op on PostgreSQL, whose autovacuum does it. Returns the tables
   * analysed.
   */
  refreshStatistics(): Promise<string[]>;
  /** The embedded PGlite: in this thread, or its worker-thread client. */
  pglite?: EmbeddedPGlite;
};

export class DataDirLockedError extends Error {}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const db = options.url ? await openPostgres(options.url, options.poolSize ?? 10) : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await applyMigrations(db.sql);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}

export function pgliteRunner(pg: EmbeddedPGlite): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  const inWorker = options.worker ?? (dataDir !== null && process.env.PGLITE_WORKER !== '0');
  // The lock stays with this process's main thread: the worker thread dies with the process.
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  // The embedded database serves one process; a small buffer pool keeps start-up fast and memory low.
  const postgresqlconf = ['shared_buffers=16MB'];
  let pg: EmbeddedPGlite;
  try {
    pg = inWorker
      ? await PGliteWorkerClient.create({
          dataDir,
          loadDataDir: options.loadDataDir ? await options.loadDataDir.arrayBuffer() : null,
          postgresqlconf,
        })
      : await PGlite.create({
          ...(dataDir ? { dataDir } : {}),
          ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
          postgresqlconf,
        });
  } catch (err) {
    releaseLock();
    throw err;
  }
  // The adapter uses query, exec and transaction (its tx: query, exec, rollback), which both provide.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg as PGlite) });
  let closed = false;
  return {
    kind: 'pglite',
    prisma,
    pglite: pg,
    sql: pgliteRunner(pg),
    async ping() {
      if (closed) return false;
      await pg.query('SELECT 1');
      return true;
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pg.close();
      releaseLock();
    },
    async refreshStatistics() {
      if (closed) return [];
      // This session's counts of changed rows reach pg_stat_user_tables when they are flushed: now.
      await pg.query('SELECT pg_stat_force_next_flush()');
      const { rows } = await pg.query<{ table: string }>(STALE_TABLES);
      for (const { table } of rows) await pg.exec(`ANALYZE "${table.replace(/"/g, '""')}"`);
      return rows.map((r) => r.table);
    },
  };
}

/** Tables whose rows changed since their last ANALYZE beyond autovacuum's default thresholds. */
const STALE_TABLES = `
  SELECT s.relname AS table FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE s.schemaname = 'public' AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
  ORDER BY s.relname`;

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops (restart, failover, DROP DATABASE) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Migrations run on one dedicated connection: the advisory lock and the transactions belong to it. A connection
  // the server drops emits 'error' on its client; unhandled, that would end the process, so the dedicated client
  // listens, and a broken one is replaced on the next use.
  let client: PoolClient | null = null;
  let released = false;
  const dedicated = async (): Promise<PoolClient> => {
    if (client) return client;
    const c = await pool.connect();
    c.on('error', () => {
      if (client !== c) return; // back in the pool, whose own listener handles it
      client = null;
      c.release(true);
    });
    client = c;
    return c;
  };
  await dedicated();
  const sql: SqlRunner = {
    async query<T>(text: string, params: unknown[] = []) {
      return (await (await dedicated()).query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await (await dedicated()).query(text);
    },
  };
  const release = () => {
    if (!released) {
      released = true;
      const c = client;
      client = null;
      c?.release();
    }
  };
  return {
    kind: 'postgres',
    prisma,
    sql,
    async ping() {
      await pool.query('SELECT 1');
      return true;
    },
    async close() {
      release();
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
    // PostgreSQL's autovacuum keeps the statistics.
    refreshStatistics: async () => [],
  };
}

/**
 * PGlite does not lock its data folder, and two processes on one folder corrupt it:
 * take `<dataDir>/.lock` holding our pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被另一个进程 (pid ${holder}) 使用 / data directory ${dataDir} is in use by process ${holder}; stop it or set DATA_DIR to another folder`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${dataDir} / could not lock data directory`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

