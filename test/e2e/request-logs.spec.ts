import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aPhoto } from '../../server/src/uploads/testing/photo-builder';
import { startFakeS3 } from '../support/fake-s3';
import { captureLogs, startTestApp, type TestApp } from '../support/test-app';

// What an operator reads in the server's log while residents use it: one line per request with its id, the same id
// on every line written for that request, nothing that identifies a person or opens a session.
describe('request logs', () => {
  const logs = captureLogs();
  let app: TestApp;
  let s3: Awaited<ReturnType<typeof startFakeS3>>;

  beforeAll(async () => {
    s3 = await startFakeS3();
    // WeChat at a port nothing answers on: the sign-in below fails the way it does when WeChat cannot be reached.
    app = await startTestApp(
      { WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TIMEOUT_MS: '2000', S3_ENDPOINT: s3.url, S3_BUCKET: 'sa-photos', S3_ACCESS_KEY_ID: 'AKTEST', S3_SECRET_ACCESS_KEY: 'secret-test-key' },
      { logTo: logs },
    );
  });
  afterAll(async () => {
    await app?.close();
    await s3?.close();
  });
  beforeEach(() => {
    logs.lines.length = 0;
  });

  /** The lines of one request, once its own line (written when the response is finished) is there. */
  async function linesOf(reqId: string) {
    await expect.poll(() => logs.lines.some((l) => l.reqId === reqId && l.msg === 'request')).toBe(true);
    return logs.lines.filter((l) => l.reqId === reqId);
  }

  it('keeps a caller\'s safe X-Request-Id, echoes it, and logs the request under it with method, route, status and time', async () => {
    const res = await app.request('GET', '/api/v1/public/articles?q=13812345678', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const [line] = (await linesOf('abc-123')).filter((l) => l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', reqId: 'abc-123', method: 'GET', route: '/api/v1/public/articles', path: '/api/v1/public/articles', status: 200 });
    expect(line!.ms).toBeTypeOf('number');
    // The query string (query codes, searched-for names and numbers) is not logged.
    expect(JSON.stringify(logs.lines)).not.toContain('13812345678');

    const missing = await app.request('GET', '/api/v1/public/articles/99999', { headers: { 'x-request-id': 'abc-124' } });
    expect(missing.status).toBe(404);
    const [refused] = (await linesOf('abc-124')).filter((l) => l.msg === 'request');
    expect(refused).toMatchObject({ level: 'info', route: '/api/v1/public/articles/:id', path: '/api/v1/public/articles/99999', status: 404, errorCode: 'NOT_FOUND' });
  });

  it('replaces an unsafe or overlong X-Request-Id by a fresh UUID, and gives one to a request without', async () => {
    const forged = await app.request('GET', '/api/v1/public/articles', { headers: { 'x-request-id': 'x"}\u0085{"level":"error' } });
    const long = await app.request('GET', '/api/v1/public/articles', { headers: { 'x-request-id': 'a'.repeat(65) } });
    const none = await app.request('GET', '/api/v1/public/articles');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = [forged, long, none].map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(await linesOf(id!)).toHaveLength(1);
  });

  it('WeChat unreachable at sign-in: a warn line with the reason in one line and no stack, under the request\'s id', async () => {
    const res = await app.request('POST', '/api/v1/auth/wechat', { body: { code: 'wx-login-code-0a1b2c' }, headers: { 'x-request-id': 'login-1' } });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    const lines = await linesOf('login-1');
    const warn = lines.find((l) => l.msg === 'wechat jscode2session unreachable');
    expect(warn).toMatchObject({ level: 'warn', reqId: 'login-1', error: expect.stringMatching(/^fetch failed \(.+\)$/) });
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ level: 'warn', status: 503, errorCode: 'WECHAT_UNAVAILABLE' });
    expect(lines.some((l) => l.level === 'error')).toBe(false);
    expect(JSON.stringify(lines)).not.toMatch(/stack|\n\s+at /);
    // Neither the login code nor the app secret reaches the log (the failed URL carries both).
    expect(JSON.stringify(lines)).not.toContain('wx-login-code-0a1b2c');
    expect(JSON.stringify(lines)).not.toContain('test-secret');
  });

  it('photo storage failing for a while: a warn line with the reason and no stack, under the upload\'s id', async () => {
    s3.failNext(503, 3);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await aPhoto().build())], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: { 'x-request-id': 'upload-1' } });
    expect(res.status).toBe(503);
    const lines = await linesOf('upload-1');
    expect(lines.find((l) => l.msg === 'photo storage put failed')).toMatchObject({ level: 'warn', error: expect.stringContaining('HTTP 503') });
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ level: 'warn', status: 503, errorCode: 'UPLOAD_STORAGE_UNAVAILABLE' });
    expect(lines.some((l) => l.level === 'error')).toBe(false);
    expect(JSON.stringify(lines)).not.toMatch(/stack|\n\s+at |secret-test-key/);
  });

  it('the health check and the portal\'s files are not logged at info', async () => {
    expect((await app.request('GET', '/api/health', { headers: { 'x-request-id': 'health-1' } })).status).toBe(200);
    await app.request('GET', '/favicon.ico', { headers: { 'x-request-id': 'asset-1' } });
    await app.request('GET', '/api/v1/public/articles', { headers: { 'x-request-id': 'after-1' } });
    await linesOf('after-1');
    expect(logs.lines.filter((l) => l.reqId === 'health-1' || l.reqId === 'asset-1')).toEqual([]);
  });
});
