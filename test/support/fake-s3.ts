import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type S3Request = { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** The keys the store accepts; a session token makes them temporary credentials, needed on every request. */
export type FakeS3Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * A local stand-in for an S3-compatible store. Path style (`/<bucket>/<key>`) on `url`; virtual-hosted
 * (`Host: <bucket>.localhost:<port>`) on `virtualHostUrl`. PUT keeps the object, GET returns it or 404 NoSuchKey,
 * DELETE removes it. Like S3 it checks every request's SigV4 signature against the one set of credentials it
 * knows (403 InvalidAccessKeyId, SignatureDoesNotMatch, InvalidToken for a missing or wrong x-amz-security-token,
 * RequestTimeTooSkewed beyond 15 minutes) and x-amz-content-sha256 against the body (400).
 * `failNext(status)` and `stallNext()` script an outage. Every request is recorded, with the path as `/<bucket>/<key>`.
 */
export async function startFakeS3(credentials: FakeS3Credentials = { accessKeyId: 'AKTEST', secretAccessKey: 'secret-test-key' }) {
  const requests: S3Request[] = [];
  const objects = new Map<string, { body: Buffer; contentType: string | undefined }>();
  const failures: number[] = [];
  let stalls = 0;
  let port = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const host = String(req.headers.host ?? '');
      const bucket = new RegExp(`^([a-z0-9.-]+)\\.localhost:${port}$`).exec(host)?.[1];
      const objectPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const path = bucket ? `/${bucket}${objectPath}` : objectPath;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      if (stalls > 0) {
        stalls--;
        return; // never answers: only the client's timeout ends the request
      }
      const fail = failures.shift();
      if (fail) return reply(res, fail, fail === 503 ? 'ServiceUnavailable' : 'InternalError');
      const refusal = checkSignature(req, credentials);
      if (refusal) return reply(res, 403, refusal);
      const declared = req.headers['x-amz-content-sha256'];
      if (declared !== 'UNSIGNED-PAYLOAD' && declared !== createHash('sha256').update(body).digest('hex')) {
        return reply(res, 400, 'XAmzContentSHA256Mismatch');
      }
      if (req.method === 'PUT') {
        objects.set(path, { body, contentType: req.headers['content-type'] });
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      } else if (req.method === 'GET') {
        const object = objects.get(path);
        if (!object) return reply(res, 404, 'NoSuchKey');
        res.writeHead(200, { 'content-type': object.contentType ?? 'application/octet-stream', 'content-length': object.body.length }).end(object.body);
      } else if (req.method === 'DELETE') {
        objects.delete(path);
        res.writeHead(204).end();
      } else {
        reply(res, 405, 'MethodNotAllowed');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    /** An endpoint the SDK addresses virtual-hosted; `<bucket>.localhost` must be resolved to 127.0.0.1 by the caller. */
    virtualHostUrl: `http://localhost:${port}`,
    requests,
    /** keyed by path: `/<bucket>/<key>` */
    objects,
    /** The next request(s) get this HTTP status (e.g. 500, 503), one per call. */
    failNext(status: number, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    /** The next request(s) get no answer at all. */
    stallNext(times = 1) {
      stalls += times;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** S3's own check of a SigV4 Authorization header: the error code it refuses with, or null. */
function checkSignature(req: IncomingMessage, creds: FakeS3Credentials): string | null {
  const auth = SIGV4.exec(String(req.headers.authorization ?? ''));
  if (!auth) return 'AccessDenied';
  const [, accessKeyId, day, region, signedHeaderList, signature] = auth as unknown as [string, string, string, string, string, string];
  if (accessKeyId !== creds.accessKeyId) return 'InvalidAccessKeyId';
  const signed = signedHeaderList.split(';');
  if (!['host', 'x-amz-date', 'x-amz-content-sha256'].every((h) => signed.includes(h))) return 'AccessDenied';
  const token = req.headers['x-amz-security-token'];
  if (token !== creds.sessionToken || (token !== undefined && !signed.includes('x-amz-security-token'))) return 'InvalidToken';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const at = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!Number.isFinite(at) || Math.abs(Date.now() - at) > 15 * 60_000 || !amzDate.startsWith(day)) return 'RequestTimeTooSkewed';

  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
  const canonicalRequest = [
    req.method,
    rawPath,
    canonicalQuery(rawQuery),
    signed.map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaderList,
    String(req.headers['x-amz-content-sha256']),
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${creds.secretAccessKey}`).update(day).digest();
  for (const part of [region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'SignatureDoesNotMatch';
}

function canonicalQuery(raw: string): string {
  const encode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return raw
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=', 2).map((part) => encode(decodeURIComponent(part ?? ''))).join('='))
    .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
    .sort()
    .join('&');
}

function reply(res: import('node:http').ServerResponse, status: number, code: string) {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
}
