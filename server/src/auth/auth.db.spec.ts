import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { hashPassword } from './password';

describe('login and roles', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let staffHash: string;

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({ WECHAT_API_BASE: wechat.url, LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' });
    staffHash = await hashPassword('Correct#Horse1');
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });
  beforeEach(async () => {
    await app.truncate();
    wechat.requests.length = 0;
  });

  describe('WeChat login through jscode2session', () => {
    it('exchanges the code at the configured WeChat server and creates one resident per openid', async () => {
      const first = await app.post('/api/v1/auth/wechat', { code: 'ok-alice' });
      expect(first.status).toBe(200);
      expect(first.body.user.role).toBe('RESIDENT');
      expect(first.body.token).toMatch(/^[\w-]{40,}$/);

      const sent = wechat.requests.at(-1)!;
      expect(sent.path).toBe('/sns/jscode2session');
      expect(sent.query.get('appid')).toBe('wx-test-appid');
      expect(sent.query.get('secret')).toBe('test-secret');
      expect(sent.query.get('js_code')).toBe('ok-alice');
      expect(sent.query.get('grant_type')).toBe('authorization_code');

      const again = await app.post('/api/v1/auth/wechat', { code: 'ok-alice' });
      expect(again.body.user.id).toBe(first.body.user.id);
      expect(await app.prisma.user.count({ where: { openid: 'openid-alice' } })).toBe(1);

      const me = await app.get('/api/v1/me', first.body.token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: first.body.user.id, role: 'RESIDENT', volunteer: null });
    });

    it.each([
      ['invalid', 400, 'WECHAT_CODE_INVALID'],
      ['used', 400, 'WECHAT_CODE_INVALID'],
      ['throttle', 429, 'WECHAT_RATE_LIMITED'],
      ['busy', 503, 'WECHAT_UNAVAILABLE'],
      ['risky', 403, 'FORBIDDEN'],
    ])('maps WeChat refusal for code %s to %i %s with a Chinese message and creates no user', async (code, status, errorCode) => {
      const res = await app.post('/api/v1/auth/wechat', { code });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(errorCode);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await app.prisma.user.count()).toBe(0);
    });

    it('answers 503 when WeChat cannot be reached at all', async () => {
      const down = await startTestApp({ WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TIMEOUT_MS: '2000' });
      try {
        const res = await down.post('/api/v1/auth/wechat', { code: 'ok-bob' });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
      } finally {
        await down.close();
      }
    });

    it('rejects an empty code as a validation error', async () => {
      const res = await app.post('/api/v1/auth/wechat', { code: '' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(wechat.requests).toHaveLength(0);
    });
  });

  describe('dev login', () => {
    it('logs in a seeded user by username with dev:<username> and never calls WeChat', async () => {
      await app.prisma.user.create({ data: { username: 'resident1', role: 'RESIDENT', displayName: '张小梅' } });
      const res = await app.post('/api/v1/auth/wechat', { code: 'dev:resident1' });
      expect(res.status).toBe(200);
      expect(res.body.user.displayName).toBe('张小梅');
      expect(wechat.requests).toHaveLength(0);
      expect((await app.post('/api/v1/auth/wechat', { code: 'dev:nobody' })).body.code).toBe('DEV_USER_NOT_FOUND');
    });

    it('is refused when dev login is off', async () => {
      const prod = await startTestApp({ DEV_LOGIN: '0', WECHAT_API_BASE: wechat.url });
      try {
        await prod.prisma.user.create({ data: { username: 'resident1', role: 'RESIDENT', displayName: '张小梅' } });
        const res = await prod.post('/api/v1/auth/wechat', { code: 'dev:resident1' });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('DEV_LOGIN_DISABLED');
      } finally {
        await prod.close();
      }
    });
  });

  describe('password login with lockout', () => {
    beforeEach(async () => {
      await app.prisma.user.create({
        data: { username: 'office1', role: 'OFFICE_STAFF', displayName: '城东所 王敏', passwordHash: staffHash },
      });
    });

    it('logs staff in with the right password', async () => {
      const res = await app.post('/api/v1/auth/password', { username: 'office1', password: 'Correct#Horse1' });
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe('OFFICE_STAFF');
    });

    it('locks the account after 5 wrong passwords, even against the right one, until the lock expires', async () => {
      for (let i = 1; i <= 4; i++) {
        const res = await app.post('/api/v1/auth/password', { username: 'office1', password: `wrong-${i}` });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
        expect(res.body.message).toContain(`再错 ${5 - i} 次`);
      }
      const fifth = await app.post('/api/v1/auth/password', { username: 'office1', password: 'wrong-5' });
      expect(fifth.status).toBe(423);
      expect(fifth.body.code).toBe('ACCOUNT_LOCKED');

      const right = await app.post('/api/v1/auth/password', { username: 'office1', password: 'Correct#Horse1' });
      expect(right.status).toBe(423);

      await app.prisma.user.update({ where: { username: 'office1' }, data: { lockedUntil: new Date(Date.now() - 1000) } });
      const after = await app.post('/api/v1/auth/password', { username: 'office1', password: 'Correct#Horse1' });
      expect(after.status).toBe(200);
      const user = await app.prisma.user.findUniqueOrThrow({ where: { username: 'office1' } });
      expect(user.failedLogins).toBe(0);
      expect(user.lockedUntil).toBeNull();
    });

    it('a success resets the failure count', async () => {
      for (let i = 0; i < 4; i++) await app.post('/api/v1/auth/password', { username: 'office1', password: 'nope' });
      expect((await app.post('/api/v1/auth/password', { username: 'office1', password: 'Correct#Horse1' })).status).toBe(200);
      const res = await app.post('/api/v1/auth/password', { username: 'office1', password: 'nope' });
      expect(res.body.message).toContain('再错 4 次');
    });

    it('does not reveal whether a username exists', async () => {
      const res = await app.post('/api/v1/auth/password', { username: 'ghost', password: 'whatever' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    });
  });

  describe('sessions and roles', () => {
    it('refuses anonymous callers and revoked tokens', async () => {
      expect((await app.get('/api/v1/me')).status).toBe(401);
      expect((await app.get('/api/v1/me', 'not-a-token')).body.code).toBe('UNAUTHENTICATED');
      const { body } = await app.post('/api/v1/auth/wechat', { code: 'ok-carol' });
      expect((await app.request('POST', '/api/v1/auth/logout', { token: body.token })).status).toBe(204);
      expect((await app.get('/api/v1/me', body.token)).status).toBe(401);
    });

    it('turns a resident into a volunteer with an unused invitation code, once', async () => {
      await app.prisma.volunteer.create({ data: { name: '李建国', category: 'TEACHER', phone: '13900000001', invitationCode: 'K7M3Q9XA' } });
      const alice = (await app.post('/api/v1/auth/wechat', { code: 'ok-alice' })).body.token;
      const bob = (await app.post('/api/v1/auth/wechat', { code: 'ok-bob' })).body.token;

      expect((await app.post('/api/v1/volunteers/bind', { invitationCode: 'NOPE1234' }, alice)).body.code).toBe('INVITATION_CODE_INVALID');

      const bound = await app.post('/api/v1/volunteers/bind', { invitationCode: 'k7m3q9xa' }, alice);
      expect(bound.status).toBe(200);
      expect(bound.body).toMatchObject({ role: 'VOLUNTEER', volunteer: { name: '李建国', category: 'TEACHER' } });

      const taken = await app.post('/api/v1/volunteers/bind', { invitationCode: 'K7M3Q9XA' }, bob);
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('INVITATION_CODE_USED');
      expect((await app.get('/api/v1/me', bob)).body.role).toBe('RESIDENT');
    });
  });

  describe('errors at the edge', () => {
    it('answers malformed JSON and unknown routes with { code, message }, not a 500', async () => {
      const bad = await app.request('POST', '/api/v1/auth/password', { raw: '{"username": ' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const missing = await app.get('/api/v1/no-such-thing');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    });

    it('reports database health', async () => {
      const res = await app.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: { ok: true } });
    });

    it('publishes the OpenAPI document', async () => {
      const res = await app.get('/api/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toContain('/api/v1/auth/wechat');
      expect(JSON.stringify(res.body.paths['/api/v1/auth/wechat'])).toContain('code');
    });
  });

  it('limits invitation-code guesses per user', async () => {
    const limited = await startTestApp({ RATE_LIMITS: 'on', WECHAT_API_BASE: wechat.url });
    try {
      const token = (await limited.post('/api/v1/auth/wechat', { code: 'ok-guesser' })).body.token;
      const codes: string[] = [];
      for (let i = 0; i < 11; i++) codes.push((await limited.post('/api/v1/volunteers/bind', { invitationCode: `GUESS${i}AB` }, token)).body.code);
      expect(codes.slice(0, 10).every((c) => c === 'INVITATION_CODE_INVALID')).toBe(true);
      expect(codes[10]).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

