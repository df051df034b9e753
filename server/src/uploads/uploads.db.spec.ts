import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UploadResponse } from '@sa/contracts';
import { aUser } from '../../../test/support/builders';
import { startFakeS3 } from '../../../test/support/fake-s3';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { aPhoto } from './testing/photo-builder';

type Part = { name?: string; filename?: string; type?: string; data: Buffer };

/** One multipart request to POST /api/v1/uploads; `parts` defaults to one photo in the field `file`. */
async function upload(app: TestApp, parts: Part[], token?: string) {
  const form = new FormData();
  for (const p of parts) form.append(p.name ?? 'file', new Blob([new Uint8Array(p.data)], { type: p.type ?? 'image/jpeg' }), p.filename ?? 'photo.jpg');
  const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as UploadResponse & { code: string; message: string } };
}

const shanghai = { lat: 31.230416, lng: 121.473701 };

describe('photo uploads on local disk', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sa-uploads-'));
    app = await startTestApp({ DATA_DIR: dataDir, RATE_LIMITS: 'off' });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await app.truncate();
  });

  it('stores a JPEG without any EXIF, records it, and returns the GPS position as a location suggestion', async () => {
    const original = await aPhoto().jpeg().size(640, 480).takenAt(shanghai.lat, shanghai.lng).onDevice('HUAWEI', 'P60 Pro').takenOn('2025:05:01 10:30:00').build();

    const res = await upload(app, [{ data: original, filename: 'IMG_0001.jpg' }]);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.body.location!.lat).toBeCloseTo(shanghai.lat, 5);
    expect(res.body.location!.lng).toBeCloseTo(shanghai.lng, 5);

    const row = await app.prisma.upload.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ mime: 'image/jpeg', bytes: res.body.bytes, width: 640, height: 480, uploaderUserId: null });
    expect(row.gpsLat).toBeCloseTo(shanghai.lat, 5);
    expect(row.gpsLng).toBeCloseTo(shanghai.lng, 5);

    const stored = readFileSync(join(dataDir, 'uploads', row.storageKey));
    expect(stored.length).toBe(res.body.bytes);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    for (const trace of ['HUAWEI', 'P60 Pro', '2025:05:01']) expect(stored.includes(trace)).toBe(false);

    const served = await fetch(`${app.baseUrl}/api/v1/uploads/${res.body.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
  });

  it('accepts PNG and WebP (stored as JPEG) and records who uploaded when logged in', async () => {
    const user = await aUser().build(app.prisma);
    const token = await app.login(user.username!);
    for (const [data, filename] of [
      [await aPhoto().png().transparent().build(), 'screenshot.png'],
      [await aPhoto().webp().build(), 'photo.webp'],
    ] as const) {
      const res = await upload(app, [{ data, filename, type: 'image/png' }], token);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ mime: 'image/jpeg', width: 320, height: 240, location: null });
      expect((await app.prisma.upload.findUniqueOrThrow({ where: { id: res.body.id } })).uploaderUserId).toBe(user.id);
    }
  });

  it.each([
    ['a text file named x.jpg', 'UPLOAD_NOT_IMAGE', () => Promise.resolve(Buffer.from('我要举报：后厨老鼠很多')), 'x.jpg'],
    ['a PDF named x.jpg', 'UPLOAD_NOT_IMAGE', () => Promise.resolve(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')), 'x.jpg'],
    ['a GIF', 'UPLOAD_NOT_IMAGE', () => aPhoto().gif().build(), 'x.gif'],
    ['a truncated JPEG', 'UPLOAD_CORRUPT', async () => (await aPhoto().jpeg().build()).subarray(0, 3000), 'cut.jpg'],
  ])('refuses %s with 400 %s, in Chinese, storing nothing', async (_what, code, make, filename) => {
    const res = await upload(app, [{ data: await make(), filename, type: 'image/jpeg' }]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await app.prisma.upload.count()).toBe(0);
  });

  it('refuses a file over 10 MB with 413 and a Chinese message, not a 500', async () => {
    const res = await upload(app, [{ data: Buffer.alloc(11 * 1024 * 1024, 0xff) }]);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.message).toContain('10 MB');
    expect(await app.prisma.upload.count()).toBe(0);
  });

  it('asks for a photo when none is sent, and for one photo in the field file', async () => {
    const none = await app.post('/api/v1/uploads', { file: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('UPLOAD_FILE_MISSING');

    const photo = await aPhoto().build();
    const two = await upload(app, [{ data: photo }, { data: photo }]);
    expect(two.status).toBe(400);
    expect(two.body.code).toBe('VALIDATION_FAILED');
    expect(two.body.message).toContain('一张照片');

    const wrongField = await upload(app, [{ name: 'image', data: photo }]);
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.message).toContain('file');
    expect(await app.prisma.upload.count()).toBe(0);
  });

  it('answers 404 for an unknown photo and 400 for an id that is not one', async () => {
    const unknown = await app.get('/api/v1/uploads/6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const malformed = await app.get('/api/v1/uploads/..%2F..%2Fetc%2Fpasswd');
    expect(malformed.status).toBe(400);
  });
});

describe('photo uploads to S3-compatible object storage', () => {
  let app: TestApp;
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let dataDir: string;

  beforeAll(async () => {
    s3 = await startFakeS3();
    dataDir = mkdtempSync(join(tmpdir(), 'sa-uploads-s3-'));
    app = await startTestApp({
      DATA_DIR: dataDir,
      RATE_LIMITS: 'off',
      S3_ENDPOINT: s3.url,
      S3_BUCKET: 'sa-photos',
      S3_ACCESS_KEY_ID: 'AKTEST',
      S3_SECRET_ACCESS_KEY: 'secret-test-key',
    });
  });
  afterAll(async () => {
    await app?.close();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('PUTs the stripped photo, signed with the configured keys (checked by the store), and serves it back from the store', async () => {
    const res = await upload(app, [{ data: await aPhoto().takenAt(shanghai.lat, shanghai.lng).onDevice('HUAWEI', 'P60 Pro').build() }]);
    expect(res.status).toBe(201);
    const row = await app.prisma.upload.findUniqueOrThrow({ where: { id: res.body.id } });

    const put = s3.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/sa-photos/${row.storageKey}`);
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKTEST\/\d{8}\/us-east-1\/s3\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/);
    expect(put.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(put.body).digest('hex'));
    expect(put.headers['content-type']).toBe('image/jpeg');
    expect(put.body.length).toBe(res.body.bytes);
    expect((await sharp(put.body).metadata()).exif).toBeUndefined();
    expect(put.body.includes('HUAWEI')).toBe(false);
    expect(existsSync(join(dataDir, 'uploads'))).toBe(false);

    const served = await fetch(`${app.baseUrl}/api/v1/uploads/${res.body.id}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(put.body)).toBe(true);
  });

  it('stores the photo when the store fails once and the retry succeeds', async () => {
    const before = s3.requests.length;
    s3.failNext(503);
    const res = await upload(app, [{ data: await aPhoto().build() }]);
    expect(res.status).toBe(201);
    expect(s3.requests.slice(before).map((r) => r.method)).toEqual(['PUT', 'PUT']);
    const served = await fetch(`${app.baseUrl}/api/v1/uploads/${res.body.id}`);
    expect(Buffer.from(await served.arrayBuffer()).length).toBe(res.body.bytes);
  });

  it('answers 503 in Chinese and records nothing when the store keeps refusing the photo', async () => {
    const before = await app.prisma.upload.count();
    s3.failNext(500, 3);
    const res = await upload(app, [{ data: await aPhoto().build() }]);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('UPLOAD_STORAGE_UNAVAILABLE');
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await app.prisma.upload.count()).toBe(before);
  });
});

describe('photo uploads to a store that refuses the configured keys', () => {
  let app: TestApp;
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let dataDir: string;

  beforeAll(async () => {
    s3 = await startFakeS3({ accessKeyId: 'AKTEST', secretAccessKey: 'secret-test-key', sessionToken: 'sts-session-token' });
    dataDir = mkdtempSync(join(tmpdir(), 'sa-uploads-s3-keys-'));
    app = await startTestApp({
      DATA_DIR: dataDir,
      RATE_LIMITS: 'off',
      S3_ENDPOINT: s3.url,
      S3_BUCKET: 'sa-photos',
      S3_ACCESS_KEY_ID: 'AKTEST',
      S3_SECRET_ACCESS_KEY: 'a-rotated-secret',
      S3_SESSION_TOKEN: 'sts-session-token',
    });
  });
  afterAll(async () => {
    await app?.close();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 UPLOAD_STORAGE_UNAVAILABLE in Chinese, without a stack, asks only once and records nothing', async () => {
    const res = await upload(app, [{ data: await aPhoto().build() }]);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ code: 'UPLOAD_STORAGE_UNAVAILABLE', message: '照片存储暂时不可用，请稍后再试' });
    expect(s3.requests.map((r) => [r.method, r.headers['x-amz-security-token']])).toEqual([['PUT', 'sts-session-token']]);
    expect(s3.objects.size).toBe(0);
    expect(await app.prisma.upload.count()).toBe(0);
  });
});

describe('photo upload rate limit', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sa-uploads-rl-'));
    app = await startTestApp({ DATA_DIR: dataDir, RATE_LIMITS: 'on' });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('allows 30 uploads per address in 10 minutes, then answers 429 before reading the photo', async () => {
    // Requests without a photo still count: the limit is checked before the body is read.
    for (let i = 0; i < 30; i++) expect((await app.post('/api/v1/uploads', {})).status).toBe(400);
    const res = await upload(app, [{ data: await aPhoto().build() }]);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await app.prisma.upload.count()).toBe(0);
  });
});
