import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_SMS = {
  secretId: 'AKIDtestsecretid0000000000000000',
  secretKey: 'test-secret-key-0000000000000000',
  sdkAppId: '1400000001',
  signName: '食安共治',
  templateId: '1234567',
};

/** The environment that points the server's SMS client at the fake, with its credentials. */
export const fakeSmsEnv = (url: string): Record<string, string> => ({
  TENCENT_SMS_API_BASE: url,
  TENCENT_SMS_SECRET_ID: FAKE_SMS.secretId,
  TENCENT_SMS_SECRET_KEY: FAKE_SMS.secretKey,
  TENCENT_SMS_SDK_APP_ID: FAKE_SMS.sdkAppId,
  TENCENT_SMS_SIGN_NAME: FAKE_SMS.signName,
  TENCENT_SMS_TEMPLATE_ID: FAKE_SMS.templateId,
});

export type SentSms = { phone: string; params: string[]; signName: string; templateId: string; region: string };

type SendSmsBody = { PhoneNumberSet?: string[]; SmsSdkAppId?: string; SignName?: string; TemplateId?: string; TemplateParamSet?: string[] };

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * A local stand-in for sms.tencentcloudapi.com speaking API 3.0: POST / with X-TC-Action SendSms, version
 * 2021-01-11, and a TC3-HMAC-SHA256 Authorization it recomputes from the documented algorithm over the request it
 * received (host header, body, timestamp). A bad signature, an unknown SecretId, a stale timestamp, a wrong
 * SdkAppId/sign/template get Tencent's error codes in `Response.Error` (HTTP 200, as Tencent answers). Accepted
 * messages land in `sent`; `failNext(code)` makes the next call fail with that API error, `failPhoneNext(code)`
 * with that per-number status (e.g. LimitExceeded.PhoneNumberDailyLimit), `stallNext(ms)` answers late.
 */
export async function startFakeTencentSms() {
  const sent: SentSms[] = [];
  const requests: { headers: IncomingMessage['headers']; body: string }[] = [];
  const apiFailures: string[] = [];
  const phoneFailures: string[] = [];
  const stalls: number[] = [];
  let serial = 0;

  function check(req: IncomingMessage, raw: string): { error: [string, string] } | { body: SendSmsBody } {
    const h = req.headers;
    if (req.method !== 'POST' || (req.url ?? '/') !== '/') return { error: ['InvalidParameter', 'only POST / is served'] };
    if (h['x-tc-action'] !== 'SendSms') return { error: ['InvalidAction', `unknown action ${String(h['x-tc-action'])}`] };
    if (h['x-tc-version'] !== '2021-01-11') return { error: ['NoSuchVersion', `unknown version ${String(h['x-tc-version'])}`] };
    if (!h['x-tc-region']) return { error: ['MissingParameter', 'X-TC-Region is required'] };
    const contentType = h['content-type'] ?? '';
    if (contentType !== 'application/json; charset=utf-8') return { error: ['InvalidParameter', `content-type ${contentType}`] };
    const timestamp = Number(h['x-tc-timestamp']);
    if (!Number.isInteger(timestamp)) return { error: ['MissingParameter', 'X-TC-Timestamp is required'] };
    if (Math.abs(Date.now() / 1000 - timestamp) > 300) return { error: ['AuthFailure.SignatureExpire', 'signature expired'] };
    const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
      h.authorization ?? '',
    );
    if (!m) return { error: ['AuthFailure.InvalidAuthorization', 'Authorization is not TC3-HMAC-SHA256 for sms'] };
    const [, secretId, date, signature] = m;
    if (secretId !== FAKE_SMS.secretId) return { error: ['AuthFailure.SecretIdNotFound', 'secret id not found'] };
    if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) return { error: ['AuthFailure.SignatureFailure', 'credential date is not the timestamp date'] };
    const canonical = ['POST', '/', '', `content-type:${contentType}\nhost:${h.host ?? ''}\n`, 'content-type;host', sha256Hex(raw)].join('\n');
    const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha256Hex(canonical)].join('\n');
    const key = hmac(hmac(hmac(`TC3${FAKE_SMS.secretKey}`, date!), 'sms'), 'tc3_request');
    const expected = createHmac('sha256', key).update(toSign, 'utf8').digest();
    if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) return { error: ['AuthFailure.SignatureFailure', 'signature mismatch'] };
    let body: SendSmsBody;
    try {
      body = JSON.parse(raw) as SendSmsBody;
    } catch {
      return { error: ['InvalidParameter', 'body is not JSON'] };
    }
    if (body.SmsSdkAppId !== FAKE_SMS.sdkAppId) return { error: ['InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId not found'] };
    if (body.SignName !== FAKE_SMS.signName) return { error: ['FailedOperation.SignatureIncorrectOrUnapproved', 'sign not approved'] };
    if (body.TemplateId !== FAKE_SMS.templateId) return { error: ['FailedOperation.TemplateIncorrectOrUnapproved', 'template not approved'] };
    if (!Array.isArray(body.PhoneNumberSet) || body.PhoneNumberSet.length === 0) return { error: ['MissingParameter', 'PhoneNumberSet'] };
    return { body };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ headers: req.headers, body: raw });
      const requestId = `req-${requests.length}`;
      const answer = (payload: unknown) => {
        const delay = stalls.shift() ?? 0;
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ Response: { ...(payload as object), RequestId: requestId } }));
        }, delay);
      };
      const checked = check(req, raw);
      if ('error' in checked) return answer({ Error: { Code: checked.error[0], Message: checked.error[1] } });
      const scripted = apiFailures.shift();
      if (scripted) return answer({ Error: { Code: scripted, Message: 'scripted failure' } });
      const statuses = checked.body.PhoneNumberSet!.map((number) => {
        const failure = phoneFailures.shift();
        if (failure) return { SerialNo: '', PhoneNumber: number, Fee: 0, SessionContext: '', Code: failure, Message: 'scripted failure', IsoCode: 'CN' };
        if (!/^\+861[3-9]\d{9}$/.test(number)) {
          return { SerialNo: '', PhoneNumber: number, Fee: 0, SessionContext: '', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect number', IsoCode: 'CN' };
        }
        sent.push({
          phone: number.slice(3),
          params: checked.body.TemplateParamSet ?? [],
          signName: checked.body.SignName!,
          templateId: checked.body.TemplateId!,
          region: String(req.headers['x-tc-region']),
        });
        return { SerialNo: `2028:${++serial}`, PhoneNumber: number, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
      });
      answer({ SendStatusSet: statuses });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    /** The code in the latest message to `phone`. */
    lastCode(phone: string): string {
      const message = sent.filter((s) => s.phone === phone).at(-1);
      if (!message) throw new Error(`no SMS sent to ${phone}`);
      return message.params[0]!;
    },
    failNext(code: string) {
      apiFailures.push(code);
    },
    failPhoneNext(code: string) {
      phoneFailures.push(code);
    },
    stallNext(ms: number) {
      stalls.push(ms);
    },
    reset() {
      sent.length = 0;
      requests.length = 0;
      apiFailures.length = 0;
      phoneFailures.length = 0;
      stalls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
