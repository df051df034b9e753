import type { AddressInfo } from 'node:net';
import { createTestDatabase } from '@sa/db/testing';
import { STAFF_ROLES, type LoginResponse, type Role } from '@sa/contracts';
import { createApp } from '../../server/src/app';
import { parseEnv } from '../../server/src/config/env';
import { JsonLogger } from '../../server/src/common/logger';
import { Clock } from '../../server/src/common/clock';
import { SessionService } from '../../server/src/auth/session.service';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * A real HTTP server on 127.0.0.1 over a fresh database of the project under test (PGlite or PostgreSQL).
 * `env` overrides environment variables, e.g. `{ WECHAT_API_BASE: fake.url }`. Logs go nowhere unless `logTo` is
 * given (e.g. `captureLogs()`): then they are written there at LOG_LEVEL, info unless `env` says otherwise.
 * Staff sessions idle out only after 90 days here, so tests that move the clock weeks ahead keep their tokens;
 * tests about the inactivity limit set STAFF_SESSION_IDLE_HOURS themselves.
 */
export async function startTestApp(env: Record<string, string> = {}, { logTo }: { logTo?: ConstructorParameters<typeof JsonLogger>[1] } = {}) {
  const testDb = await createTestDatabase();
  const config = parseEnv({ DEV_LOGIN: '1', LOG_LEVEL: 'silent', SWEEP_INTERVAL_SECONDS: '0', OUTBOX_INTERVAL_SECONDS: '0', RATE_LIMITS: 'off', PHONE_ENCRYPTION_KEY: 'test-phone-key-0123456789', QUERY_CODE_SECRET: 'test-query-code-secret-0123', WECHAT_APPID: 'wx-test-appid', WECHAT_SECRET: 'test-secret', STAFF_SESSION_IDLE_HOURS: String(24 * 90), TRUST_PROXY: 'loopback', ...env });
  const logger = logTo ? new JsonLogger(env.LOG_LEVEL ? config.logLevel : 'info', logTo) : new JsonLogger('silent');
  const app = await createApp({ env: config, db: testDb.db, logger });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  /** `headers` e.g. `{ 'x-forwarded-for': '203.0.113.7' }`: here the server trusts a proxy on loopback (TRUST_PROXY), so a test can act from another address. */
  async function request<T = any>(method: string, path: string, opts: { body?: unknown; token?: string; raw?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    let body: T;
    try {
      body = text ? JSON.parse(text) : (undefined as T);
    } catch {
      body = text as T;
    }
    return { status: res.status, body, headers: res.headers };
  }

  return {
    baseUrl,
    /** the server's clock: `clock.travelTo(instant)` stands the server on another day */
    clock: app.get(Clock),
    nest: app,
    db: testDb.db,
    prisma: testDb.db.prisma,
    truncate: testDb.truncate,
    request,
    get: <T = any>(path: string, token?: string) => request<T>('GET', path, { token }),
    post: <T = any>(path: string, body?: unknown, token?: string) => request<T>('POST', path, { body, token }),
    /**
     * A token for a user that the test created with a username. Dev login refuses staff, and staff created by
     * builders have no password, so staff get a session issued by the app's own SessionService; residents and
     * volunteers use dev login.
     */
    async login(username: string): Promise<string> {
      const user = await testDb.db.prisma.user.findUnique({ where: { username } });
      if (user && (STAFF_ROLES as readonly Role[]).includes(user.role)) return (await app.get(SessionService).issue(user)).token;
      const res = await request<LoginResponse>('POST', '/api/v1/auth/wechat', { body: { code: `dev:${username}` } });
      if (res.status !== 200) throw new Error(`dev login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async close() {
      await app.close();
      await testDb.close();
    },
  };
}

/** A log destination that keeps every line the server writes, parsed, for a test to read. */
export function captureLogs() {
  const lines: Array<Record<string, any>> = [];
  return {
    lines,
    write(line: string) {
      lines.push(JSON.parse(line) as Record<string, any>);
    },
  };
}
