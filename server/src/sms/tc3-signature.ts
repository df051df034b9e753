import { createHash, createHmac } from 'node:crypto';

/** Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256), as the SendSms documentation describes it. */
export type Tc3Request = {
  secretId: string;
  secretKey: string;
  /** the product's short name in the endpoint and the credential scope: `sms` */
  service: string;
  /** `sms.tencentcloudapi.com`, or the host:port of the configured endpoint */
  host: string;
  /** JSON body exactly as sent */
  payload: string;
  /** Unix seconds; the credential scope uses its UTC date */
  timestamp: number;
};

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';
const ALGORITHM = 'TC3-HMAC-SHA256';
const SIGNED_HEADERS = 'content-type;host';

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The UTC calendar date of a Unix timestamp, YYYY-MM-DD. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** The hex signature of a POST to `/` with no query string, signing content-type and host. */
export function tc3Signature(req: Tc3Request): string {
  const canonicalRequest = ['POST', '/', '', `content-type:${TC3_CONTENT_TYPE}\nhost:${req.host}\n`, SIGNED_HEADERS, sha256Hex(req.payload)].join('\n');
  const date = tc3Date(req.timestamp);
  const scope = `${date}/${req.service}/tc3_request`;
  const stringToSign = [ALGORITHM, String(req.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${req.secretKey}`, date), req.service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** The Authorization header value. */
export function tc3Authorization(req: Tc3Request): string {
  const scope = `${tc3Date(req.timestamp)}/${req.service}/tc3_request`;
  return `${ALGORITHM} Credential=${req.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${tc3Signature(req)}`;
}

/** The parts of an Authorization header, or null when it is not TC3 at all. */
export function parseTc3Authorization(header: string): { secretId: string; date: string; service: string; signedHeaders: string; signature: string } | null {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(header);
  if (!m) return null;
  return { secretId: m[1]!, date: m[2]!, service: m[3]!, signedHeaders: m[4]!, signature: m[5]! };
}
