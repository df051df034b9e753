import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type S3Request = { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: Buffer };

/**
 * A local stand-in for an S3-compatible store, path-style (`/<bucket>/<key>`): PUT keeps the object, GET returns
 * it or 404 NoSuchKey, DELETE removes it. Refuses a request without a SigV4 Authorization header (403) or whose
 * x-amz-content-sha256 does not match the body (400), as S3 does. `failNext(status)` scripts an outage.
 * Every request is recorded.
 */
export async function startFakeS3() {
  const requests: S3Request[] = [];
  const objects = new Map<string, { body: Buffer; contentType: string | undefined }>();
  const failures: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const fail = failures.shift();
      if (fail) return reply(res, fail, 'InternalError');
      if (!/^AWS4-HMAC-SHA256 Credential=\S+, ?SignedHeaders=\S+, ?Signature=[0-9a-f]{64}$/.test(String(req.headers.authorization))) {
        return reply(res, 403, 'AccessDenied');
      }
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
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** keyed by path: `/<bucket>/<key>` */
    objects,
    /** The next request(s) get this HTTP status (e.g. 500, 503), one per call. */
    failNext(status: number, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function reply(res: import('node:http').ServerResponse, status: number, code: string) {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
}
