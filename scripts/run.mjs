// Entry for the two README commands, so they work on a machine that has only Node 20 and npm:
// `npm start` and `npm test` fetch the pinned pnpm into .tools/, install, build and then start or test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';
const pnpmBin = join(root, '.tools', 'node_modules', '.bin', 'pnpm');

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.status !== 0) {
    console.error(`\n命令失败 (command failed): ${cmd} ${args.join(' ')}`);
    process.exit(res.status ?? 1);
  }
}

function ensurePnpm() {
  if (existsSync(pnpmBin)) return;
  console.log(`[setup] installing pnpm ${PNPM_VERSION} into .tools/`);
  mkdirSync(join(root, '.tools'), { recursive: true });
  run('npm', ['install', '--prefix', join(root, '.tools'), '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${PNPM_VERSION}`]);
}

const pnpm = (...args) => run(pnpmBin, args);

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// Taro builds take tens of seconds; skip one when nothing under miniapp/ or contracts/ changed since.
function buildMiniapp(type, markerFile) {
  const marker = join(root, 'miniapp', 'dist', type, markerFile);
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(root, 'miniapp', 'src')), newestMtime(join(root, 'contracts', 'src')),
    statSync(join(root, 'miniapp', 'config', 'index.ts')).mtimeMs);
  if (built > sources) return;
  pnpm('--filter', '@sa/miniapp', `build:${type}`);
}

function setup() {
  ensurePnpm();
  pnpm('install', ...(process.env.CI ? ['--frozen-lockfile'] : []));
  pnpm('--filter', '@sa/contracts', '--filter', '@sa/db', '--filter', '@sa/server', 'build');
  buildMiniapp('h5', 'index.html');
}

const command = process.argv[2];
if (command === 'start') {
  setup();
  run(process.execPath, [join(root, 'server', 'dist', 'main.js')], { env: { ...process.env, SA_DEMO: process.env.DATABASE_URL ? process.env.SA_DEMO : '1' } });
} else if (command === 'test') {
  setup();
  // The WeChat build is tested too (its main package must stay far below 2 MB), and the miniapp type-checked
  // against the contracts (its bundler strips types without checking them).
  buildMiniapp('weapp', 'app.json');
  pnpm('--filter', '@sa/miniapp', 'typecheck');
  run(process.execPath, [join(root, 'scripts', 'ensure-browser.mjs')]);
  pnpm('exec', 'vitest', 'run', ...process.argv.slice(3));
} else {
  console.error('用法: node scripts/run.mjs start|test');
  process.exit(2);
}
