// `npm run backup [file]`: a consistent copy of the embedded database (DATA_DIR, default ./data) as one gzip tarball.
// With the server running it asks the server for the copy (so nothing stops); otherwise it opens the folder itself.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
const target = resolve(process.argv[2] ?? join(root, 'backups', `sa-${stamp}.tar.gz`));

function fail(message) {
  console.error(`备份失败 / backup failed: ${message}`);
  process.exit(1);
}

if (process.env.DATABASE_URL) {
  fail('DATABASE_URL 已设置：PostgreSQL 服务器请用 pg_dump 备份（见 README「备份」）');
}
if (!existsSync(dataDir)) fail(`数据目录 ${dataDir} 不存在（先运行 npm start）`);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

async function fromRunningServer() {
  const controlFile = join(dataDir, '.control.json');
  if (!existsSync(controlFile)) return null;
  const control = JSON.parse(readFileSync(controlFile, 'utf8'));
  if (!alive(control.pid)) return null;
  const res = await fetch(`http://127.0.0.1:${control.port}/api/v1/internal/backup`, {
    method: 'POST',
    headers: { 'x-control-token': control.token },
  }).catch((err) => fail(`正在运行的服务 (pid ${control.pid}) 没有应答: ${err.message}`));
  if (!res.ok) fail(`正在运行的服务拒绝了备份请求: HTTP ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

let dbModule;
try {
  dbModule = createRequire(join(root, 'prisma', 'package.json'))('./dist/index.js');
} catch {
  fail('项目尚未构建（先运行 npm start 或 npm test）');
}

const started = Date.now();
let bytes = await fromRunningServer();
let how = 'from the running server';
if (!bytes) {
  how = 'from the stopped data folder';
  try {
    bytes = Buffer.from(await (await dbModule.dumpDataFolder(dataDir)).arrayBuffer());
  } catch (err) {
    fail(err.message);
  }
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, bytes, { mode: 0o600 });
const info = await dbModule.inspectBackup(target).catch((err) => fail(`写出的备份无法读回: ${err.message}`));
console.log(
  `备份完成 / backup written: ${target} (${(bytes.length / 1048576).toFixed(1)} MB, ${how}, ${Date.now() - started} ms; ` +
    `${info.complaints} complaints, ${info.users} users, ${info.migrations} migrations)`,
);
