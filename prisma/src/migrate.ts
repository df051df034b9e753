import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The minimal SQL surface the migrator needs, implemented for PGlite and for a `pg` client. */
export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script; must reject on the first error. */
  exec(sql: string): Promise<void>;
};

export type MigrationFile = { name: string; sql: string; checksum: string };

// Same key as Prisma's own migrate lock, so our start-up and a real `prisma migrate deploy` exclude each other.
const ADVISORY_LOCK_KEY = 72707369;

/** Prisma's own DDL for its history table, so `prisma migrate status/deploy` later agree with what we applied. */
const HISTORY_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends Error {}

/** `prisma/migrations`, found from `src/` (tests) and from `dist/` (the built server). */
export function migrationsDir(): string {
  const candidates = [resolve(__dirname, '../migrations'), resolve(__dirname, '../../migrations')];
  const found = candidates.find((d) => existsSync(join(d, 'migration_lock.toml')));
  if (!found) throw new MigrationError(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/**
 * Applies pending migrations in name order, each in its own transaction, recording them as
 * `prisma migrate deploy` does. Refuses to start on an edited, failed or unknown applied migration.
 */
export async function applyMigrations(db: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  await db.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
  try {
    await db.exec(HISTORY_DDL);
    const history = await db.query<HistoryRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at',
    );
    const byName = new Map(history.map((h) => [h.migration_name, h]));
    for (const h of history) {
      if (!h.finished_at) throw new MigrationError(`migration ${h.migration_name} failed earlier and must be resolved by hand`);
      const file = migrations.find((m) => m.name === h.migration_name);
      if (!file) throw new MigrationError(`applied migration ${h.migration_name} is missing from prisma/migrations`);
      if (file.checksum !== h.checksum) throw new MigrationError(`migration ${h.migration_name} was edited after it was applied (checksum differs)`);
    }
    const applied: string[] = [];
    for (const m of migrations) {
      if (byName.has(m.name)) continue;
      const id = randomUUID();
      await db.exec('BEGIN');
      try {
        await db.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, m.checksum, m.name],
        );
        await db.exec(m.sql);
        await db.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await db.exec('COMMIT');
      } catch (err) {
        await db.exec('ROLLBACK');
        throw new MigrationError(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
  }
}
