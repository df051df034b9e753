// `npm run restore <file>`: replaces the embedded database (DATA_DIR, default ./data) by a backup from `npm run backup`.
// The server must be stopped; the current folder is kept beside it as <DATA_DIR>.before-restore-<time>.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const file = process.argv[2];

function fail(message) {
  console.error(`恢复失败 / restore failed: ${message}`);
  process.exit(1);
}

if (!file) fail('请指定备份文件：npm run restore <文件>');
if (process.env.DATABASE_URL) fail('DATABASE_URL 已设置：PostgreSQL 服务器请用 pg_restore / psql 恢复（见 README「备份」）');
let dbModule;
try {
  dbModule = createRequire(join(root, 'prisma', 'package.json'))('./dist/index.js');
} catch {
  fail('项目尚未构建（先运行 npm start 或 npm test）');
}
try {
  const info = await dbModule.inspectBackup(resolve(file));
  const { keptAs } = await dbModule.restoreDataFolder(dataDir, resolve(file));
  console.log(
    `恢复完成 / restored: ${dataDir} from ${resolve(file)} (${info.complaints} complaints, ${info.users} users)` +
      (keptAs ? `; the previous folder is kept as ${keptAs}` : ''),
  );
} catch (err) {
  fail(err.message);
}
