import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { maskPhone } from './phone-crypto';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A mainland mobile number (optionally +86), not part of a longer run of digits such as an id or a timestamp. */
const MOBILE = /(?<!\d)((?:\+?86)?1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** 13812345678 → 138****5678 wherever it stands in a text. */
export function maskMobiles(text: string): string {
  return text.replace(MOBILE, '$1****$2');
}

const CENSORED = '[Redacted]';

/** Credentials and codes that sign someone in or open a record. `code` is the login code (WeChat or SMS). */
const SECRET_KEYS = [
  'authorization', 'cookie', 'set-cookie', 'token', 'accessToken', 'access_token', 'refreshToken', 'secret', 'secretKey', 'secretId',
  'password', 'newPassword', 'passwordHash', 'queryCode', 'jsCode', 'js_code', 'openid', 'unionid', 'session_key', 'sessionKey', 'sig',
  'api_key', 'apiKey',
];
/** Phone fields keep the masked form (138****5678), which is what staff and the demo sign-in need to recognise a number. */
const PHONE_KEYS = ['phone', 'phones', 'reporterPhone', 'contactPhone', 'phoneNumber', 'PhoneNumber', 'PhoneNumberSet', 'mobile', 'phoneEnc', 'reporterPhoneEnc'];
const PERSON_NAME_KEYS = ['reporterName', 'realName', 'contactName', 'displayName', 'nickname', 'nickName', 'fullName', 'partyName'];
/** `name` is a person's only under these; elsewhere it names a holiday, an office or a business. */
const PERSON_OBJECTS = ['user', 'reporter', 'contact', 'cadre', 'volunteer', 'resident', 'party', 'complainant'];
const PHONE_KEY = new Set(PHONE_KEYS);

const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`);
const join = (prefix: string, key: string) => (segment(key).startsWith('[') ? `${prefix}${segment(key)}` : prefix ? `${prefix}.${key}` : key);
/** The key itself and under one or two levels of any object: the depth at which a call site puts a field varies. */
const atAnyDepth = (key: string) => ['', '*', '*.*'].map((prefix) => join(prefix, key));

const REDACTED_PATHS: string[] = [
  // `code` at the top only: deeper down it is an error's errno (err.code ECONNREFUSED) that says why something failed.
  'code',
  ...[...SECRET_KEYS, ...PHONE_KEYS, ...PERSON_NAME_KEYS].flatMap(atAnyDepth),
  ...PERSON_OBJECTS.flatMap((owner) => [`${owner}.name`, `*.${owner}.name`]),
];

function censor(value: unknown, path: string[]): unknown {
  return PHONE_KEY.has(path.at(-1) ?? '') ? maskPhoneField(value) : CENSORED;
}

function maskPhoneField(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPhoneField);
  if (typeof value !== 'string' && typeof value !== 'number') return CENSORED;
  const text = String(value);
  return text.includes('****') ? text : maskPhone(text);
}

/** Mobile numbers inside any string of a log call's fields, however deep (error texts quote values). */
function maskStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskMobiles(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, depth + 1)]));
}

/** An error that is expected now and then, in one line: its message and the underlying cause's code, no stack. */
export function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as (Error & { code?: string }) | undefined;
  const why = cause instanceof Error ? (cause.code ?? cause.message) : undefined;
  return why && !err.message.includes(why) ? `${err.message} (${why})` : err.message;
}

/**
 * The one pino logger of an application: one JSON object per line (ISO time, level by name), fields named as
 * secrets, phones or people's names redacted, mobile numbers masked in every message and string field.
 */
function createPinoLogger(level: LogLevel | 'silent', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => maskStrings(fields) as Record<string, unknown>,
      },
      redact: { paths: REDACTED_PATHS, censor },
      serializers: {
        // pino-http binds the request and the response to its child loggers: only these parts of them, never the
        // headers (session tokens, cookies) or the query string (query codes, searched-for names).
        req: (req: IncomingMessage) => ({ method: req.method, path: req.url?.split('?')[0] }),
        res: (res: ServerResponse) => ({ status: res.statusCode }),
        err: (err: Error) => {
          const out = stdSerializers.err(err);
          return { ...out, message: maskMobiles(out.message), ...(out.stack ? { stack: maskMobiles(out.stack) } : {}) };
        },
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a: unknown) => (typeof a === 'string' ? maskMobiles(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * The application's logger as the services and Nest see it, over one pino instance. Inside a request it writes
 * through that request's child logger (pino-http's `req.log`), so every line carries the request's `reqId`.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;
  /** Per logger rather than per process: tests run several applications, each with its own level and output. */
  private readonly request = new AsyncLocalStorage<Logger>();

  constructor(level: LogLevel | 'silent' = 'info', destination?: DestinationStream) {
    this.pino = createPinoLogger(level, destination);
  }

  /** Runs the rest of a request's handling with `log` (a child of this logger) as the logger of every line. */
  inRequest(log: Logger, next: () => void): void {
    this.request.run(log, next);
  }

  /** An Error among the fields is its stack at `error` and its one-line reason at any lower level. */
  write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    const log = this.request.getStore() ?? this.pino;
    if (!log.isLevelEnabled(level)) return;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error && level !== 'error' ? reasonOf(value) : value;
    log[level](out, msg);
  }

  log(message: unknown, context?: string): void {
    this.write('info', String(message), context ? { context } : {});
  }
  /** Nest's own calls are `(message, stack, context)` or `(message, context)`; an Error keeps its stack. */
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stackOrContext && !context) fields.context = stackOrContext;
    else if (stackOrContext) fields.stack = stackOrContext;
    if (message instanceof Error) fields.err = message;
    this.write('error', message instanceof Error ? message.message : String(message), fields);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', String(message), context ? { context } : {});
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', String(message), context ? { context } : {});
  }
  verbose(message: unknown, context?: string): void {
    this.debug(message, context);
  }
}
