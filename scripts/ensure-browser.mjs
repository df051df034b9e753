// The portal's browser test needs Debian's Chromium and CJK fonts (Chinese renders as boxes without them).
// Installs them when running as root with apt-get; otherwise the browser test is skipped with a warning.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasFonts = () => spawnSync('sh', ['-c', 'fc-list :lang=zh 2>/dev/null | grep -qi noto'], { stdio: 'ignore' }).status === 0;

if (existsSync(CHROMIUM) && hasFonts()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.warn('[setup] 未找到 Chromium 或中文字体：浏览器测试将跳过。请安装: apt-get install -y chromium fonts-noto-cjk');
  process.exit(0);
}
console.log('[setup] installing chromium and fonts-noto-cjk with apt-get');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']]) {
  const res = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (res.status !== 0) {
    console.error(`[setup] apt-get ${args.join(' ')} failed`);
    process.exit(res.status ?? 1);
  }
}
