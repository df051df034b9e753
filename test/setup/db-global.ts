import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../prisma/src/database';
import { withAdmin, withDatabase } from '../../prisma/src/testing';

const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Builds one migrated template per run; every test file then gets a cheap copy of it. */
export default async function setup(project: TestProject) {
  project.provide('pgAdminUrl', PG_ADMIN);
  // A project's `env` reaches its test workers, not this hook: tell the engines apart by project name.
  if (project.name === 'db-pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'sa-tpl-'));
    const db = await openDatabase({ dataDir: null });
    const dump = await db.pglite!.dumpDataDir('none');
    await db.close();
    const file = join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('dbTemplate', file);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const template = `sa_tpl_${randomBytes(4).toString('hex')}`;
  try {
    await withAdmin(PG_ADMIN, (c) => c.query(`CREATE DATABASE "${template}"`));
  } catch (err) {
    throw new Error(
      `PostgreSQL is needed for the db-postgres tests and is not reachable at ${PG_ADMIN} (set TEST_PG_URL): ${String(err)}`,
    );
  }
  const db = await openDatabase({ url: withDatabase(PG_ADMIN, template), poolSize: 1 });
  await db.close();
  project.provide('dbTemplate', template);
  return async () => {
    await withAdmin(PG_ADMIN, async (c) => {
      const prefix = template.replace(/^sa_tpl_/, 'sa_t_');
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    });
  };
}
