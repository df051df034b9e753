import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `pglite`: path of the dumped migrated data folder; `postgres`: name of the migrated template database. */
    dbTemplate: string;
    pgAdminUrl: string;
  }
}

export type TestDatabase = { db: Database; truncate(): Promise<void>; close(): Promise<void> };

/**
 * A database of its own for one test file, on the engine named by TEST_DB (set per vitest project):
 * PGlite in memory loaded from the migrated template, or a PostgreSQL database copied from the template.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = process.env.TEST_DB;
  if (kind === 'pglite') {
    const dump = readFileSync(inject('dbTemplate'));
    const db = await openDatabase({ loadDataDir: new Blob([dump]), migrate: false });
    return { db, truncate: () => truncateAll(db), close: () => db.close() };
  }
  if (kind === 'postgres') {
    const admin = inject('pgAdminUrl');
    const name = `${inject('dbTemplate').replace(/^sa_tpl_/, 'sa_t_')}_${randomBytes(4).toString('hex')}`;
    await withAdmin(admin, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('dbTemplate')}"`));
    const db = await openDatabase({ url: withDatabase(admin, name), migrate: false, poolSize: 4 });
    return {
      db,
      truncate: () => truncateAll(db),
      async close() {
        await db.close();
        await withAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  throw new Error('TEST_DB must be pglite or postgres (set by the vitest project)');
}

async function truncateAll(db: Database): Promise<void> {
  const tables = await db.sql.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length === 0) return;
  await db.sql.exec(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
