import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { EmbeddedPGlite } from './pglite-client';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { migrationsDir, readMigrations } from './migrate';

// Prisma's WebAssembly schema engine (the same build the CLI ships) driven through the PGlite adapter,
// because the native engine the CLI would download cannot be fetched here.

type Engine = {
  diff(params: Record<string, unknown>): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
};

export function schemaPath(): string {
  const candidates = [join(__dirname, '../schema.prisma'), join(__dirname, '../../schema.prisma')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

type AdapterFactory = Pick<PrismaPGlite, 'provider' | 'adapterName' | 'connect'> | Pick<PrismaPg, 'provider' | 'adapterName' | 'connect'>;

// One wasm instance per process: wasm-bindgen's glue module holds a single instance, so re-instantiating
// under engines that are still alive corrupts their memory.
let glue: Promise<Record<string, any>> | undefined;

function loadGlue(): Promise<Record<string, any>> {
  glue ??= (async () => {
    const dir = join(require.resolve('@prisma/schema-engine-wasm'), '..');
    // The package is ESM; a dynamic import keeps this module CommonJS.
    const bg = (await import(join(dir, 'schema_engine_bg.js'))) as Record<string, any>;
    // The ES2023 lib has no WebAssembly types; Node provides the global.
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Buffer, i: object): Promise<{ instance: { exports: object } }> } }).WebAssembly;
    const { instance } = await wasm.instantiate(readFileSync(join(dir, 'schema_engine_bg.wasm')), { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return glue;
}

async function loadEngine(schema: string, factory: AdapterFactory): Promise<Engine> {
  const bg = await loadGlue();
  // The engine expects Prisma's error-capturing wrapper ({ ok, value } results), as the CLI builds it.
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    // A fresh in-memory PGlite for every shadow database the engine asks for.
    connectToShadowDb: async () => new PrismaPGlite(await PGlite.create()).connect(),
  });
  return bg.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter) as Promise<Engine>;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** The engine answers "-- This is an empty migration." when nothing changes: only comments means no SQL. */
function meaningful(sql: string): string {
  const statements = sql
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('--'))
    .join('\n');
  return statements ? sql : '';
}

function migrationList(dir = migrationsDir()) {
  return {
    tag: 'migrations',
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: readFileSync(join(dir, 'migration_lock.toml'), 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories: readMigrations(dir).map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
    })),
  };
}

/** The SQL script from `from` to the schema's datamodel, '' when they already agree. */
async function diffToSchema(engine: Engine, schema: string, from: Record<string, unknown>): Promise<string> {
  const res = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
    script: true,
    exitCode: null,
    filters: NO_FILTERS,
  });
  return meaningful(res.stdout);
}

/** SQL that would take a database with every migration applied to the current schema ('' when none). */
export async function sqlFromMigrationsToSchema(dir = migrationsDir(), opts: { fromEmpty?: boolean } = {}): Promise<string> {
  const schema = readFileSync(schemaPath(), 'utf8');
  const pg = await PGlite.create();
  const engine = await loadEngine(schema, new PrismaPGlite(pg));
  try {
    const hasMigrations = !opts.fromEmpty && readMigrations(dir).length > 0;
    return await diffToSchema(engine, schema, hasMigrations ? migrationList(dir) : { tag: 'empty' });
  } finally {
    engine.free();
    await pg.close();
  }
}

/**
 * What Prisma would change to bring an existing database to the schema ('' when it already matches):
 * the engine introspects the database through the adapter.
 */
export async function sqlFromDatabaseToSchema(target: { pglite: EmbeddedPGlite } | { url: string }): Promise<string> {
  const schema = readFileSync(schemaPath(), 'utf8');
  const pool = 'url' in target ? charAsTextPool(target.url) : null;
  const factory = 'pglite' in target ? new PrismaPGlite(target.pglite as PGlite) : new PrismaPg(pool!);
  const engine = await loadEngine(schema, factory);
  try {
    return await diffToSchema(engine, schema, { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: schema }], configDir: '.' });
  } finally {
    engine.free();
    await pool?.end();
  }
}

/**
 * Prisma's PostgreSQL adapter has no mapping for pg_catalog's one-byte "char" type (oid 18), which the
 * engine reads while introspecting; reported as text it introspects like the CLI's native engine.
 */
function charAsTextPool(connectionString: string): Pool {
  const pool = new Pool({ connectionString, max: 2 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>;
  const patched = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return Object.assign(pool, { query: patched as unknown as Pool['query'] });
}
