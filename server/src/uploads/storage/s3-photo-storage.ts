import { Readable } from 'node:stream';
import { EMPTY_PAYLOAD_HASH, sha256Hex, signV4, uriEncode, type SigV4Credentials } from '../sigv4';
import { assertSafeKey, type PhotoStorage } from './photo-storage';

export type S3Config = { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string };

const TIMEOUT_MS = 20_000;

export class S3Error extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * PutObject, GetObject and DeleteObject against an S3-compatible store, path-style
 * (`<endpoint>/<bucket>/<key>`), signed with SigV4 over Node's fetch. The payload hash is the real SHA-256
 * of the photo, so the store rejects a body damaged on the way.
 */
export class S3PhotoStorage implements PhotoStorage {
  private readonly creds: SigV4Credentials;

  constructor(
    private readonly config: S3Config,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.creds = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: 's3' };
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const res = await this.send('PUT', key, { 'content-type': contentType }, data);
    await res.body?.cancel();
    if (!res.ok) throw new S3Error(`S3 PUT ${key} failed with HTTP ${res.status}`, res.status);
  }

  async open(key: string) {
    const res = await this.send('GET', key, {});
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new S3Error(`S3 GET ${key} failed with HTTP ${res.status}`, res.status);
    }
    const length = Number(res.headers.get('content-length'));
    return { stream: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), bytes: Number.isFinite(length) && length > 0 ? length : undefined };
  }

  async remove(key: string): Promise<void> {
    const res = await this.send('DELETE', key, {});
    await res.body?.cancel();
    if (!res.ok && res.status !== 404) throw new S3Error(`S3 DELETE ${key} failed with HTTP ${res.status}`, res.status);
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, headers: Record<string, string>, body?: Buffer): Promise<Response> {
    assertSafeKey(key);
    const url = new URL(`${this.config.endpoint}/${uriEncode(this.config.bucket)}/${key.split('/').map(uriEncode).join('/')}`);
    const signed = signV4({ method, url, headers, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH }, this.creds, this.now());
    try {
      return await fetch(url, { method, headers: signed, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new S3Error(`S3 ${method} ${key} unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
