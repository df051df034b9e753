import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, migrationsDir, readMigrations } from './migrate';
import { sqlFromDatabaseToSchema, sqlFromMigrationsToSchema } from './schema-engine';
import { createTestDatabase, type TestDatabase, withDatabase } from './testing';

describe(`migrations on ${process.env.TEST_DB}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.close());

  it('schema.prisma and the migrations agree (run `pnpm --filter @sa/db migrate:new <name>` when this fails)', async () => {
    expect(await sqlFromMigrationsToSchema()).toBe('');
  }, 60_000);

  it('the migrated database is exactly what Prisma expects from the schema', async () => {
    const target =
      t.db.kind === 'pglite'
        ? { pglite: t.db.pglite! }
        : { url: withDatabase(inject('pgAdminUrl'), (await t.db.sql.query<{ db: string }>('SELECT current_database() AS db'))[0]!.db) };
    expect(await sqlFromDatabaseToSchema(target)).toBe('');
  }, 60_000);

  it('notices when the database drifts from the schema', async () => {
    const probe = await createTestDatabase();
    try {
      await probe.db.sql.exec('DROP INDEX "Business_name_idx"; ALTER TABLE "Business" DROP COLUMN "lat"');
      const target =
        probe.db.kind === 'pglite'
          ? { pglite: probe.db.pglite! }
          : { url: withDatabase(inject('pgAdminUrl'), (await probe.db.sql.query<{ db: string }>('SELECT current_database() AS db'))[0]!.db) };
      const sql = await sqlFromDatabaseToSchema(target);
      expect(sql).toContain('"lat"');
      expect(sql).toContain('Business_name_idx');
    } finally {
      await probe.close();
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
