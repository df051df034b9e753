import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3 } from '../../../../test/support/fake-s3';
import { DiskPhotoStorage } from './disk-photo-storage';
import { photoKey, type PhotoStorage } from './photo-storage';
import { S3Error, S3PhotoStorage } from './s3-photo-storage';

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

describe('photo storage on S3-compatible object storage', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let storage: S3PhotoStorage;
  beforeAll(async () => {
    s3 = await startFakeS3();
    storage = new S3PhotoStorage({ endpoint: s3.url, bucket: 'sa-photos', accessKeyId: 'AKTEST', secretAccessKey: 'secret-test-key', region: 'cn-east-1' });
  });
  afterAll(() => s3?.close());

  it('PUTs the object path-style with a SigV4 Authorization header and the body hash, then GETs it back', async () => {
    const body = Buffer.from('jpeg bytes');
    await storage.put(photoKey(id), body, 'image/jpeg');

    const put = s3.requests.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.path).toBe(`/sa-photos/photos/3f/${id}.jpg`);
    expect(put.body.equals(body)).toBe(true);
    expect(put.headers['content-type']).toBe('image/jpeg');
    expect(put.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(put.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKTEST\/\d{8}\/cn-east-1\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/,
    );

    const opened = await storage.open(photoKey(id));
    expect(opened?.bytes).toBe(body.length);
    expect(await text(opened!.stream)).toBe('jpeg bytes');
  });

  it('reads a missing object as null, and a store failure as an error', async () => {
    expect(await storage.open(photoKey('00000000-0000-4000-8000-000000000000'))).toBeNull();
    s3.failNext(503);
    await expect(storage.put(photoKey(id), Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(S3Error);
  });

  it('reports an unreachable store as an error', async () => {
    const nowhere = new S3PhotoStorage({ endpoint: 'http://127.0.0.1:9', bucket: 'b', accessKeyId: 'a', secretAccessKey: 's', region: 'us-east-1' });
    await expect(nowhere.put(photoKey(id), Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(S3Error);
  });
});
