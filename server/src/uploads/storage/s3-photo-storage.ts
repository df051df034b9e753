import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { assertSafeKey, type PhotoStorage } from './photo-storage';

export type S3Config = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) come with one. */
  sessionToken?: string;
  region: string;
  /** `<endpoint>/<bucket>/<key>` when true, `<bucket>.<endpoint host>/<key>` (virtual-hosted) when false. */
  forcePathStyle: boolean;
  /** Tries per request, the first included (the SDK's standard retry mode, with backoff). */
  maxAttempts: number;
  /** Per attempt: connecting, sending and receiving must each finish within this. */
  requestTimeoutMs: number;
};

export class S3Error extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The S3Client settings for a configuration; exported so a test can route the same client through its own agent. */
export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, sessionToken: config.sessionToken },
    maxAttempts: config.maxAttempts,
    requestHandler: { connectionTimeout: config.requestTimeoutMs, requestTimeout: config.requestTimeoutMs, throwOnRequestTimeout: true },
    // Since 3.729 the SDK adds CRC32 checksums (x-amz-checksum-crc32, x-amz-checksum-mode) to every call by default,
    // which Ceph RGW, Cloudflare R2 and OVH refused with 400/501 when it shipped. Integrity does not rest on them:
    // a Buffer body is signed with its SHA-256 (x-amz-content-sha256), which every S3-compatible store checks.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** PutObject, GetObject and DeleteObject against an S3-compatible store through the AWS SDK. */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly config: S3Config,
    private readonly client: S3Client = new S3Client(s3ClientConfig(config)),
  ) {}

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertSafeKey(key);
    await this.call('PUT', key, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: data, ContentType: contentType, ContentLength: data.length })),
    );
  }

  async open(key: string) {
    assertSafeKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      if (!res.Body) throw new S3Error(`S3 GET ${key} returned no body`);
      return { stream: res.Body as Readable, bytes: res.ContentLength && res.ContentLength > 0 ? res.ContentLength : undefined };
    } catch (err) {
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return null;
      throw storeError('GET', key, err);
    }
  }

  async remove(key: string): Promise<void> {
    assertSafeKey(key);
    await this.call('DELETE', key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key })));
  }

  private async call(method: string, key: string, send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      throw storeError(method, key, err);
    }
  }
}

/** One message an operator can act on: the store's HTTP status and error code, or why it could not be reached. */
function storeError(method: string, key: string, err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    const hint = status === 403 ? ' (check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_SESSION_TOKEN and the bucket policy)' : '';
    return new S3Error(`S3 ${method} ${key} refused: HTTP ${status ?? '?'} ${err.name}${hint}`, status, err.name);
  }
  return new S3Error(`S3 ${method} ${key} unreachable: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
}
