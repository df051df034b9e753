// First-load JS of the h5 portal's home page (issue 7 §9: at most 200 KB gzip). Loads the page in Chromium and
// lists every script the first load fetched with its size as sent and gzipped, then the totals.
//   node scripts/measure-h5.mjs                        serves miniapp/dist/h5 itself (the API answers 404)
//   node scripts/measure-h5.mjs --url http://127.0.0.1:3000   measures a running server
//   --budget 200                                         exits 1 when the gzip total is over that many KB
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const budgetKb = option('budget') ? Number(option('budget')) : undefined;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const distDir = option('dist') ?? join(root, 'miniapp/dist/h5');

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon' };

/** A plain static server of the dist folder, enough to load the page without the API. */
function serveDist() {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html missing: build the h5 portal first`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(distDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(distDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"NOT_FOUND","message":"未找到"}');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8);

const server = option('url') ? undefined : await serveDist();
const baseUrl = option('url') ?? `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const scripts = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(
      response.body().then((body) => ({
        name: new URL(response.url()).pathname,
        bytes: body.length,
        gzip: gzipSync(body).length,
        sentAs: response.headers()['content-encoding'] ?? 'identity',
      })),
    );
  });
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
  const rows = (await Promise.all(scripts)).sort((a, b) => b.gzip - a.gzip);
  console.log(`first load of ${baseUrl}/ (home page): ${rows.length} scripts`);
  console.log(`${'KB raw'.padStart(8)} ${'KB gzip'.padStart(8)}  sent as   file`);
  for (const row of rows) console.log(`${kb(row.bytes)} ${kb(row.gzip)}  ${row.sentAs.padEnd(8)} ${row.name}`);
  const total = rows.reduce((sum, row) => ({ bytes: sum.bytes + row.bytes, gzip: sum.gzip + row.gzip }), { bytes: 0, gzip: 0 });
  console.log(`${kb(total.bytes)} ${kb(total.gzip)}  total`);
  if (budgetKb !== undefined && total.gzip > budgetKb * 1024) {
    console.error(`over budget: ${(total.gzip / 1024).toFixed(1)} KB gzip > ${budgetKb} KB`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  server?.close();
}
