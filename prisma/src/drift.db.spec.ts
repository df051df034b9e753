import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, migrationsDir, readMigrations } from './migrate';
import { sqlFromDatabaseToSchema, sqlFromMigrationsToSchema } from './schema-engine';
import { createTestDatabase, type TestDatabase, withAdmin, withDatabase } from './testing';

/** Tables, columns, types, defaults, indexes, constraints and enum values of the public schema, as sorted lines. */
async function catalog(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<string[]> {
  const parts = await Promise.all([
    query(`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
    query(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
    query(`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
           FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')`),
    query(`SELECT t.typname || '=' || e.enumlabel AS line FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`),
  ]);
  return parts.flat().map((r) => String(r.line)).sort();
}

describe(`migrations on ${process.env.TEST_DB}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.close());

  it('schema.prisma and the migrations agree (run `pnpm --filter @sa/db migrate:new <name>` when this fails)', async () => {
    expect(await sqlFromMigrationsToSchema()).toBe('');
  }, 60_000);

  it.runIf(process.env.TEST_DB === 'pglite')('the migrated database is exactly what Prisma expects from the schema', async () => {
    expect(await sqlFromDatabaseToSchema({ pglite: t.db.pglite! })).toBe('');
  }, 60_000);

  // Prisma's PostgreSQL adapter cannot introspect pg_catalog's "char" columns, so on the server the
  // migrated database is compared, catalog against catalog, with one built straight from the schema.
  it.runIf(process.env.TEST_DB === 'postgres')('the migrated database has the same catalog as one built from the schema', async () => {
    const admin = inject('pgAdminUrl');
    const name = `sa_schema_${Date.now()}`;
    await withAdmin(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
    try {
      await withAdmin(withDatabase(admin, name), async (c) => {
        await c.query(await sqlFromMigrationsToSchema(migrationsDir(), { fromEmpty: true }));
        const fromSchema = await catalog((sql) => c.query(sql).then((r) => r.rows));
        const migrated = await catalog((sql) => t.db.sql.query(sql));
        expect(migrated.filter((l) => !fromSchema.includes(l))).toEqual([]);
        expect(fromSchema.filter((l) => !migrated.includes(l))).toEqual([]);
        expect(migrated.length).toBeGreaterThan(100);
      });
    } finally {
      await withAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }, 60_000);

  it('records every migration in _prisma_migrations as prisma migrate deploy does', async () => {
    const rows = await t.db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, r] of rows.entries()) {
      const sql = readFileSync(join(migrationsDir(), r.migration_name, 'migration.sql'));
      expect(r.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(r.checksum).toBe(files[i]!.checksum);
      expect(r.finished_at).not.toBeNull();
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it('applying again changes nothing, and an edited migration is refused', async () => {
    expect(await applyMigrations(t.db.sql)).toEqual([]);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(applyMigrations(t.db.sql, edited)).rejects.toThrow(/edited after it was applied/);
  });
});
