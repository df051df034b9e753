// Creates prisma/migrations/<UTC timestamp>_<name>/migration.sql from the schema, with Prisma's WebAssembly
// schema engine and an in-memory PGlite shadow database. Usage: pnpm --filter @sa/db migrate:new <name>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('用法 / usage: pnpm --filter @sa/db migrate:new <snake_case_name>');
  process.exit(2);
}
const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { sqlFromMigrationsToSchema } = require(join(dir, 'dist', 'schema-engine.js'));
const sql = await sqlFromMigrationsToSchema(join(dir, 'migrations'));
if (!sql.trim()) {
  console.log('no changes: the migrations already match schema.prisma');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = join(dir, 'migrations', `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'migration.sql'), sql);
console.log(`created ${folder}/migration.sql`);
