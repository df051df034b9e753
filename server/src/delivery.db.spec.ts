import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/test-app';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** The bytes as sent (fetch would undo the compression and hide what the network carried). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

// A built portal in miniature: the page, a hashed script of a real script's size, and the favicon.
const script = `(function(){${'var a="食安共治";console.log(a);'.repeat(400)}})();`;
const portalDir = mkdtempSync(join(tmpdir(), 'sa-portal-'));
mkdirSync(join(portalDir, 'js'));
writeFileSync(join(portalDir, 'index.html'), `<!doctype html><html lang="zh-CN"><head><title>食安共治</title></head><body><div id="app"></div>${' '.repeat(2000)}</body></html>`);
writeFileSync(join(portalDir, 'js', 'app.1a2b3c4d.js'), script);
writeFileSync(join(portalDir, 'favicon.ico'), Buffer.alloc(600, 1));

describe('portal delivery: compression and caching', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ PORTAL_DIR: portalDir });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(portalDir, { recursive: true, force: true });
  });

  it('sends a hashed script gzipped, cached for a year as immutable', async () => {
    const res = await rawGet(`${app.baseUrl}/js/app.1a2b3c4d.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.body).toString()).toBe(script);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 5);
  });

  it('sends the page itself to be revalidated on every visit, so a new release is seen at once', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await rawGet(`${app.baseUrl}${path}`, { 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body).toString()).toContain('<title>食安共治</title>');
    }
  });

  it('keeps unhashed files such as the favicon for an hour only', async () => {
    const res = await rawGet(`${app.baseUrl}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('sends a browser that accepts no compression the plain bytes', async () => {
    const res = await rawGet(`${app.baseUrl}/js/app.1a2b3c4d.js`, { 'accept-encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(script);
  });

  it('compresses API answers and keeps them out of every cache', async () => {
    const big = await rawGet(`${app.baseUrl}/api/docs/openapi.json`, { 'accept-encoding': 'gzip' });
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(big.body).toString()).info.title).toBe('食安共治 API');

    const health = await rawGet(`${app.baseUrl}/api/health`, { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(health.headers['cache-control']).toBe('no-store');

    const refused = await rawGet(`${app.baseUrl}/api/v1/me`, { 'accept-encoding': 'gzip' });
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});
