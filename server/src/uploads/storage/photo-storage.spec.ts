import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3 } from '../../../../test/support/fake-s3';
import { DiskPhotoStorage } from './disk-photo-storage';
import { photoKey, type PhotoStorage } from './photo-storage';
import { S3Error, S3PhotoStorage, s3ClientConfig, type S3Config } from './s3-photo-storage';

const id = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

describe('photo storage on local disk', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sa-photos-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the bytes under the root, leaves no temporary file, and removes them on request', async () => {
    const disk: PhotoStorage = new DiskPhotoStorage(root);
    await disk.put(photoKey(id), Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(readdirSync(join(root, 'photos', '3f'))).toEqual([`${id}.jpg`]);

    const opened = await disk.open(photoKey(id));
    expect(opened?.bytes).toBe(10);
    expect(await text(opened!.stream)).toBe('jpeg bytes');

    await disk.remove(photoKey(id));
    expect(await disk.open(photoKey(id))).toBeNull();
  });

  it('never follows a key out of its root', async () => {
    const disk: PhotoStorage = new DiskPhotoStorage(root);
    await expect(disk.put('../escape.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/unsafe/);
    await expect(disk.open('photos/../../etc/passwd')).rejects.toThrow(/unsafe/);
    await expect(disk.open('/etc/passwd')).rejects.toThrow(/unsafe/);
  });
});

const credentials = { accessKeyId: 'AKTEST', secretAccessKey: 'secret-test-key' };
const s3Config = (endpoint: string, more: Partial<S3Config> = {}): S3Config => ({
  endpoint,
  bucket: 'sa-photos',
  ...credentials,
  region: 'cn-east-1',
  forcePathStyle: true,
  maxAttempts: 3,
  requestTimeoutMs: 5_000,
  ...more,
});

async function refusal(promise: Promise<unknown>): Promise<S3Error> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(S3Error);
  return err as S3Error;
}

describe('photo storage on S3-compatible object storage', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let storage: S3PhotoStorage;
  beforeAll(async () => {
    s3 = await startFakeS3(credentials);
    storage = new S3PhotoStorage(s3Config(s3.url));
  });
  afterAll(() => s3?.close());

  it('PUTs the object path-style, signed (SigV4, checked by the store) with the SHA-256 of the body, then GETs it back', async () => {
    const body = Buffer.from('jpeg bytes');
    await storage.put(photoKey(id), body, 'image/jpeg');

    const put = s3.requests.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.path).toBe(`/sa-photos/photos/3f/${id}.jpg`);
    expect(put.headers.host).toBe(new URL(s3.url).host);
    expect(put.body.equals(body)).toBe(true);
    expect(put.headers['content-type']).toBe('image/jpeg');
    expect(put.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKTEST\/\d{8}\/cn-east-1\/s3\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/);
    // Checksums only when an operation requires them: many S3-compatible stores refuse the CRC32 headers.
    expect(Object.keys(put.headers).filter((h) => h.startsWith('x-amz-checksum') || h === 'x-amz-sdk-checksum-algorithm')).toEqual([]);

    const opened = await storage.open(photoKey(id));
    expect(opened?.bytes).toBe(body.length);
    expect(await text(opened!.stream)).toBe('jpeg bytes');
    expect(s3.requests.at(-1)!.headers['x-amz-checksum-mode']).toBeUndefined();

    await storage.remove(photoKey(id));
    expect(s3.objects.has(`/sa-photos/photos/3f/${id}.jpg`)).toBe(false);
    expect(await storage.open(photoKey(id))).toBeNull();
  });

  it('retries a store that answers 503 once, and the photo is stored', async () => {
    const before = s3.requests.length;
    s3.failNext(503);
    await storage.put(photoKey(id), Buffer.from('after a hiccup'), 'image/jpeg');
    const attempts = s3.requests.slice(before);
    expect(attempts.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    expect(attempts[1]!.headers['amz-sdk-request']).toMatch(/attempt=2/);
    expect(s3.objects.get(`/sa-photos/photos/3f/${id}.jpg`)?.body.toString()).toBe('after a hiccup');
  });

  it('gives up after S3_MAX_ATTEMPTS failures with an error naming the HTTP status', async () => {
    const before = s3.requests.length;
    s3.failNext(503, 3);
    const err = await refusal(storage.put(photoKey(id), Buffer.from('x'), 'image/jpeg'));
    expect(err.status).toBe(503);
    expect(s3.requests.length - before).toBe(3);
  });

  it('is refused at once, with a clear error, when the secret is wrong', async () => {
    const before = s3.requests.length;
    const wrong = new S3PhotoStorage(s3Config(s3.url, { secretAccessKey: 'not-the-secret' }));
    const err = await refusal(wrong.put(photoKey(id), Buffer.from('x'), 'image/jpeg'));
    expect(err).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(err.message).toContain('S3_SECRET_ACCESS_KEY');
    expect(s3.requests.length - before).toBe(1);
    const unknownKey = new S3PhotoStorage(s3Config(s3.url, { accessKeyId: 'AKOTHER' }));
    expect(await refusal(unknownKey.open(photoKey(id)))).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });

  it('reports an unreachable store as an error', async () => {
    const nowhere = new S3PhotoStorage(s3Config('http://127.0.0.1:9', { maxAttempts: 1 }));
    const err = await refusal(nowhere.put(photoKey(id), Buffer.from('x'), 'image/jpeg'));
    expect(err.message).toMatch(/unreachable/);
  });

  it('ends an attempt the store never answers after S3_TIMEOUT_MS', async () => {
    const slow = new S3PhotoStorage(s3Config(s3.url, { maxAttempts: 1, requestTimeoutMs: 300 }));
    s3.stallNext();
    const started = Date.now();
    const err = await refusal(slow.put(photoKey(id), Buffer.from('x'), 'image/jpeg'));
    expect(err.message).toMatch(/unreachable/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('photo storage with temporary credentials', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  const sessionToken = 'FQoGZXIvYXdzEXAMPLE//token+with/slashes==';
  beforeAll(async () => {
    s3 = await startFakeS3({ ...credentials, sessionToken });
  });
  afterAll(() => s3?.close());

  it('sends and signs the session token, and is refused without it or with another', async () => {
    await new S3PhotoStorage(s3Config(s3.url, { sessionToken })).put(photoKey(id), Buffer.from('sts'), 'image/jpeg');
    const put = s3.requests.at(-1)!;
    expect(put.headers['x-amz-security-token']).toBe(sessionToken);
    expect(String(put.headers.authorization)).toMatch(/SignedHeaders=[a-z0-9;-]*x-amz-security-token/);

    const without = new S3PhotoStorage(s3Config(s3.url));
    expect(await refusal(without.put(photoKey(id), Buffer.from('x'), 'image/jpeg'))).toMatchObject({ status: 403, code: 'InvalidToken' });
    const expired = new S3PhotoStorage(s3Config(s3.url, { sessionToken: 'an-older-token' }));
    expect(await refusal(expired.open(photoKey(id)))).toMatchObject({ status: 403, code: 'InvalidToken' });
  });
});

describe('photo storage addressed virtual-hosted', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  beforeAll(async () => {
    s3 = await startFakeS3(credentials);
  });
  afterAll(() => s3?.close());

  it('sends the bucket in the Host header, not the path', async () => {
    // `sa-photos.localhost` does not resolve on every machine: this agent sends every name to the fake store.
    const toLoopback: import('node:net').LookupFunction = (_host, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
    const config = s3Config(s3.virtualHostUrl, { forcePathStyle: false });
    const client = new S3Client({ ...s3ClientConfig(config), requestHandler: { httpAgent: new Agent({ lookup: toLoopback }), requestTimeout: 5_000 } });
    const storage = new S3PhotoStorage(config, client);

    await storage.put(photoKey(id), Buffer.from('virtual'), 'image/jpeg');
    const put = s3.requests.at(-1)!;
    expect(put.headers.host).toBe(`sa-photos.${new URL(s3.virtualHostUrl).host}`);
    expect(put.path).toBe(`/sa-photos/photos/3f/${id}.jpg`);
    expect(await text((await storage.open(photoKey(id)))!.stream)).toBe('virtual');
  });
});
