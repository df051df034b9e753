import { isIP } from 'node:net';
import { z } from 'zod';
import type { S3Config } from '../uploads/storage/s3-photo-storage';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Set: a PostgreSQL server. Unset: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Connections each instance keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** The embedded demo: seeds the demo district on first start and enables dev login. */
  SA_DEMO: flag,
  /** In the demo, also a year of complaint, rating, survey and sampling history on first start (default on). */
  SA_DEMO_HISTORY: flag,
  /** `dev:<username>` login codes; defaults to on only in the embedded demo. */
  DEV_LOGIN: flag,
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Subscribe-message (订阅消息) template ids for the reporter; unset: that message is not sent. */
  WECHAT_TEMPLATE_ACCEPTED: optionalText,
  WECHAT_TEMPLATE_TRANSFERRED: optionalText,
  WECHAT_TEMPLATE_DECIDED: optionalText,
  WECHAT_TEMPLATE_RESOLVED: optionalText,
  /** Token of the mini-program's 消息推送 (plaintext mode, JSON): verifies WeChat's event pushes; unset refuses them. */
  WECHAT_PUSH_TOKEN: optionalText,
  /** Content-safety calls (msg_sec_check, media_check_async) give up after this long: the text is saved, flagged unchecked. */
  WECHAT_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /** This server's public https origin, for URLs WeChat fetches (photos for media_check_async); unset: photos are not checked. */
  PUBLIC_BASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** Deadline sweep (reminders, 督办) every N seconds; 0 turns it off. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** WeChat outbox dispatch every N seconds; 0 turns it off. */
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(10),
  /** Folder of the built h5 portal, served at `/`. */
  PORTAL_DIR: z.string().optional(),
  /** Fixed lifetime of a session (residents and volunteers; also the longest a staff session can live). */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 30),
  /** Staff, cadre and admin sessions end after this many hours without a request. */
  STAFF_SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** `off` only for load benchmarks from one address. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,40}$/, 'letters, digits and : . - _ only').default('sa:'),
  /** Encrypts reporters' phone numbers at rest; at least 16 characters. Demo default only in the demo. */
  PHONE_ENCRYPTION_KEY: z.string().min(16, 'PHONE_ENCRYPTION_KEY must be at least 16 characters').optional(),
  /** Derives the query codes anonymous reporters use to track a complaint. */
  QUERY_CODE_SECRET: z.string().min(16, 'QUERY_CODE_SECRET must be at least 16 characters').optional(),
  /** S3-compatible object storage for photos; endpoint, bucket and both keys set, or none for <DATA_DIR>/uploads. */
  S3_ENDPOINT: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  S3_BUCKET: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  /** Temporary (STS) credentials only. */
  S3_SESSION_TOKEN: optionalText,
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  /** Unset: virtual-hosted on AWS, Aliyun OSS and Tencent COS endpoints, path style elsewhere (see s3ForcePathStyle). */
  S3_FORCE_PATH_STYLE: flag,
  S3_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Tencent Cloud SMS (SendSms, API 3.0) for sign-in codes; the five credentials all set, or none (demo: codes in the log). */
  TENCENT_SMS_API_BASE: z.string().url().default('https://sms.tencentcloudapi.com'),
  TENCENT_SMS_SECRET_ID: optionalText,
  TENCENT_SMS_SECRET_KEY: optionalText,
  TENCENT_SMS_SDK_APP_ID: optionalText,
  TENCENT_SMS_SIGN_NAME: optionalText,
  TENCENT_SMS_TEMPLATE_ID: optionalText,
  TENCENT_SMS_REGION: z.string().trim().min(1).default('ap-guangzhou'),
  /** What the approved template's placeholders hold: {1} the code, and {2} its validity in minutes if the template has it. */
  TENCENT_SMS_TEMPLATE_PARAMS: z.enum(['code', 'code,minutes']).default('code,minutes'),
  TENCENT_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Verification codes one client address may request per hour, across all phones (shared by every instance). */
  SMS_CODES_PER_SOURCE_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  /** 差评整改: working days the handling office has to call the reporter back and record the rectification. */
  RECTIFY_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * Which proxies in front may say who the client is (X-Forwarded-For, X-Forwarded-Proto): unset, none (a client's
   * own headers are ignored); a number of hops; or addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`,
   * comma-separated (Express's trust proxy).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return false as const;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      const entries = v.split(',').map((x) => x.trim());
      const bad = entries.filter((x) => !['loopback', 'linklocal', 'uniquelocal'].includes(x) && !isIpOrRange(x));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not a hop count, address, CIDR range or loopback/linklocal/uniquelocal: ${bad.join(', ')}` });
      return entries.join(', ');
    }),
});

/**
 * Path style (`<endpoint>/<bucket>/<key>`) is what MinIO, Ceph and most self-hosted stores need and what this
 * server always sent; AWS S3 prefers virtual-hosted addressing and Aliyun OSS refuses path style
 * (SecondLevelDomainForbidden), so their public endpoints (and Tencent COS's, which recommends it) get virtual-hosted.
 */
export function s3ForcePathStyle(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return !/(^|\.)(amazonaws\.com|amazonaws\.com\.cn|aliyuncs\.com|myqcloud\.com)$/.test(host);
}

function isIpOrRange(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128);
}

export type Env = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  demo: boolean;
  /** seed the demo's year of history (only with `demo`) */
  demoHistory: boolean;
  devLogin: boolean;
  wechat: {
    apiBase: string;
    appid: string;
    secret: string;
    timeoutMs: number;
    templates: { ACCEPTED?: string; TRANSFERRED?: string; DECIDED?: string; RESOLVED?: string };
    pushToken: string | undefined;
    checkTimeoutMs: number;
  };
  /** Unset: nothing is handed to WeChat by URL. */
  publicBaseUrl: string | undefined;
  portalDir: string | undefined;
  sessionTtlHours: number;
  staffSessionIdleHours: number;
  login: { maxFailures: number; lockMinutes: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  secrets: { phoneKey: string; queryCodeSecret: string };
  rateLimits: boolean;
  /** Unset: rate limits are counted in this process's memory (the embedded default). */
  redis: { url: string; keyPrefix: string } | undefined;
  schedule: { sweepIntervalSeconds: number; outboxIntervalSeconds: number };
  /** Unset: photos on local disk under `<dataDir>/uploads`. */
  s3: S3Config | undefined;
  sms: {
    /** Unset: no provider; codes go to the log in the embedded demo, and sending is refused elsewhere. */
    tencent: TencentSmsConfig | undefined;
    /** The embedded demo without a provider: codes are written to the server log. */
    demoLog: boolean;
    codesPerSourceHour: number;
  };
  /** 好差评: the RECTIFY limit in working days after a poor rating */
  ratings: { rectifyWorkingDays: number };
  /** Express's trust proxy: false (none), a hop count, or addresses and ranges */
  trustProxy: false | number | string;
};

export type TencentSmsConfig = {
  apiBase: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  region: string;
  templateParams: 'code' | 'code,minutes';
  timeoutMs: number;
};

export class EnvError extends Error {}

/** Parsed once at start-up; a wrong variable stops the process with a message naming it. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`环境变量配置有误 / invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const demo = e.SA_DEMO ?? false;
  const devLogin = e.DEV_LOGIN ?? (demo && !e.DATABASE_URL);
  // Fixed secrets are acceptable only where nothing real is stored: the demo and dev-login test setups.
  const phoneKey = e.PHONE_ENCRYPTION_KEY ?? (demo || devLogin ? 'demo-only-phone-key-not-secret' : undefined);
  const queryCodeSecret = e.QUERY_CODE_SECRET ?? (demo || devLogin ? 'demo-only-query-code-secret' : undefined);
  if (!phoneKey || !queryCodeSecret) {
    const missing = [!phoneKey && 'PHONE_ENCRYPTION_KEY', !queryCodeSecret && 'QUERY_CODE_SECRET'].filter(Boolean);
    throw new EnvError(`环境变量配置有误 / invalid environment:\n${missing.map((m) => `  ${m}: required outside the demo`).join('\n')}`);
  }
  const s3Vars = { S3_ENDPOINT: e.S3_ENDPOINT, S3_BUCKET: e.S3_BUCKET, S3_ACCESS_KEY_ID: e.S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: e.S3_SECRET_ACCESS_KEY };
  const s3Missing = Object.entries(s3Vars).filter(([, v]) => !v).map(([k]) => k);
  // Half a configuration would silently keep photos on one instance's disk.
  if (s3Missing.length > 0 && s3Missing.length < 4) {
    throw new EnvError(`环境变量配置有误 / invalid environment:\n${s3Missing.map((m) => `  ${m}: required when any S3_ variable is set`).join('\n')}`);
  }
  const smsVars = {
    TENCENT_SMS_SECRET_ID: e.TENCENT_SMS_SECRET_ID,
    TENCENT_SMS_SECRET_KEY: e.TENCENT_SMS_SECRET_KEY,
    TENCENT_SMS_SDK_APP_ID: e.TENCENT_SMS_SDK_APP_ID,
    TENCENT_SMS_SIGN_NAME: e.TENCENT_SMS_SIGN_NAME,
    TENCENT_SMS_TEMPLATE_ID: e.TENCENT_SMS_TEMPLATE_ID,
  };
  const smsMissing = Object.entries(smsVars).filter(([, v]) => !v).map(([k]) => k);
  // Half a configuration would fail every send at run time instead of at start-up.
  if (smsMissing.length > 0 && smsMissing.length < 5) {
    throw new EnvError(`环境变量配置有误 / invalid environment:\n${smsMissing.map((m) => `  ${m}: required when any TENCENT_SMS_ credential is set`).join('\n')}`);
  }
  const tencentSms: TencentSmsConfig | undefined =
    e.TENCENT_SMS_SECRET_ID && e.TENCENT_SMS_SECRET_KEY && e.TENCENT_SMS_SDK_APP_ID && e.TENCENT_SMS_SIGN_NAME && e.TENCENT_SMS_TEMPLATE_ID
      ? {
          apiBase: e.TENCENT_SMS_API_BASE.replace(/\/$/, ''),
          secretId: e.TENCENT_SMS_SECRET_ID,
          secretKey: e.TENCENT_SMS_SECRET_KEY,
          sdkAppId: e.TENCENT_SMS_SDK_APP_ID,
          signName: e.TENCENT_SMS_SIGN_NAME,
          templateId: e.TENCENT_SMS_TEMPLATE_ID,
          region: e.TENCENT_SMS_REGION,
          templateParams: e.TENCENT_SMS_TEMPLATE_PARAMS,
          timeoutMs: e.TENCENT_SMS_TIMEOUT_MS,
        }
      : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    demo,
    demoHistory: demo && (e.SA_DEMO_HISTORY ?? true),
    devLogin,
    wechat: {
      apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
      appid: e.WECHAT_APPID,
      secret: e.WECHAT_SECRET,
      timeoutMs: e.WECHAT_TIMEOUT_MS,
      templates: {
        ACCEPTED: e.WECHAT_TEMPLATE_ACCEPTED,
        TRANSFERRED: e.WECHAT_TEMPLATE_TRANSFERRED,
        DECIDED: e.WECHAT_TEMPLATE_DECIDED,
        RESOLVED: e.WECHAT_TEMPLATE_RESOLVED,
      },
      pushToken: e.WECHAT_PUSH_TOKEN,
      checkTimeoutMs: e.WECHAT_CHECK_TIMEOUT_MS,
    },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    portalDir: e.PORTAL_DIR,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    staffSessionIdleHours: e.STAFF_SESSION_IDLE_HOURS,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    logLevel: e.LOG_LEVEL,
    secrets: { phoneKey, queryCodeSecret },
    rateLimits: e.RATE_LIMITS === 'on',
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    schedule: { sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS, outboxIntervalSeconds: e.OUTBOX_INTERVAL_SECONDS },
    s3:
      e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            endpoint: e.S3_ENDPOINT.replace(/\/$/, ''),
            bucket: e.S3_BUCKET,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            sessionToken: e.S3_SESSION_TOKEN,
            region: e.S3_REGION,
            forcePathStyle: e.S3_FORCE_PATH_STYLE ?? s3ForcePathStyle(e.S3_ENDPOINT),
            maxAttempts: e.S3_MAX_ATTEMPTS,
            requestTimeoutMs: e.S3_TIMEOUT_MS,
          }
        : undefined,
    // Printed codes only where nothing real is at stake: the embedded demo, never against a PostgreSQL server.
    sms: { tencent: tencentSms, demoLog: !tencentSms && demo && !e.DATABASE_URL, codesPerSourceHour: e.SMS_CODES_PER_SOURCE_HOUR },
    ratings: { rectifyWorkingDays: e.RECTIFY_WORKING_DAYS },
    trustProxy: e.TRUST_PROXY,
  };
}

/** Injection token for the parsed environment. */
export const ENV = Symbol('ENV');
