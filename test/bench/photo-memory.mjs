// Photo memory benchmark (a script, not a test): how much four photos re-encoded at once (as one report's upload
// does) add to a fresh process's RSS, per format and size, up to the pixel limit and beyond it (the larger ones
// with the limit lifted, to show what it prevents). Each measurement runs in a child process of its own.
// Needs the built server: pnpm --filter @sa/contracts --filter @sa/db --filter @sa/server build
// Usage: node test/bench/photo-memory.mjs [--runs 3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const dir = mkdtempSync(join(tmpdir(), 'sa-photo-bench-'));

if (process.argv[2] === '--child') {
  // node photo-memory.mjs --child <file> <limitPixels>
  const require = createRequire(join(root, 'server/package.json'));
  const processing = require(join(root, 'server/dist/uploads/photo-processing.js'));
  const input = readFileSync(process.argv[3]);
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const results = await Promise.allSettled([0, 1, 2, 3].map(() => processing.reencodePhoto(Buffer.from(input))));
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const refused = results.find((r) => r.status === 'rejected');
  process.stdout.write(JSON.stringify({ addedMb: Math.round((peak - base) / 1e6), refused: refused ? String(refused.reason.message) : null }));
  process.exit(0);
}

const require = createRequire(join(root, 'server/package.json'));
const sharp = require('sharp');
const { MAX_INPUT_PIXELS } = require(join(root, 'server/dist/uploads/photo-processing.js'));

/** A photo-like picture (smooth, lightly textured: it compresses like a photograph, unlike pure noise). */
async function picture(width, height, format) {
  const seed = await sharp({ create: { width: 64, height: 48, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
  const file = join(dir, `${width}x${height}.${format}`);
  writeFileSync(file, await sharp(seed).resize(width, height, { kernel: 'cubic' })[format]({ quality: 85 }).toBuffer());
  return file;
}

console.log(`pixel limit: ${(MAX_INPUT_PIXELS / 1e6).toFixed(0)} MP; four photos re-encoded at once, RSS added (MB), ${RUNS} runs each`);
try {
  for (const [w, h] of [[4000, 3000], [4000, 4000], [8000, 6000]]) {
    for (const format of ['jpeg', 'png', 'webp']) {
      const file = await picture(w, h, format);
      const figures = [];
      let refused = null;
      for (let i = 0; i < RUNS; i++) {
        const out = JSON.parse(execFileSync(process.execPath, [import.meta.filename, '--child', file], { encoding: 'utf8' }));
        figures.push(out.addedMb);
        refused = out.refused;
      }
      const mp = ((w * h) / 1e6).toFixed(0);
      console.log(`${String(mp).padStart(3)} MP ${format.padEnd(4)} ${w}×${h}: ${refused ? `refused (${refused}), ` : ''}added ${figures.join(' / ')} MB`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
