// `prisma generate` without the native schema engine, which cannot be downloaded here:
// generation needs only the WebAssembly parts the CLI ships, so any existing file satisfies its engine check.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const res = spawnSync(join(dir, 'node_modules', '.bin', 'prisma'), ['generate', '--schema', 'schema.prisma'], {
  cwd: dir,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(res.status ?? 1);
