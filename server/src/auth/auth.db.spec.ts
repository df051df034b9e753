import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aCadre, aUser, aWorld } from '../../../test/support/builders';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { recordStatements } from '../../../test/support/statement-counter';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { hashPassword } from './password';

const HOUR = 3600_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('login and roles', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let staffHash: string;

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({ WECHAT_API_BASE: wechat.url, LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15', STAFF_SESSION_IDLE_HOURS: '12' });
    staffHash = await hashPassword('Correct#Horse1');
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });
  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date());
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
      expect(me.body).toMatchObject({ id: first.body.user.id, role: 'RESIDENT', volunteer: null, wechatBound: true });
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
    it('logs in a seeded resident by username with dev:<username> and never calls WeChat', async () => {
      await app.prisma.user.create({ data: { username: 'resident1', role: 'RESIDENT', displayName: '张小梅' } });
      const res = await app.post('/api/v1/auth/wechat', { code: 'dev:resident1' });
      expect(res.status).toBe(200);
      expect(res.body.user.displayName).toBe('张小梅');
      expect(wechat.requests).toHaveLength(0);
      expect((await app.post('/api/v1/auth/wechat', { code: 'dev:nobody' })).body.code).toBe('DEV_USER_NOT_FOUND');
    });

    it('never signs in a staff, cadre or admin account, even with dev login on', async () => {
      const world = await aWorld(app.prisma);
      const cadre = await aCadre().of(world.community).build(app.prisma);
      await aUser().role('ADMIN').username('admin').passwordHash(staffHash).build(app.prisma);
      await aUser().role('OFFICE_STAFF').username('office1').office(world.office).passwordHash(staffHash).build(app.prisma);
      await aUser().username('cadre-b1').cadre(cadre).passwordHash(staffHash).build(app.prisma);
      await aUser().role('VOLUNTEER').username('volunteer1').build(app.prisma);
      for (const username of ['admin', 'office1', 'cadre-b1']) {
        const res = await app.post('/api/v1/auth/wechat', { code: `dev:${username}` });
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ code: 'DEV_LOGIN_NOT_FOR_STAFF', message: '工作人员账号须使用用户名和密码登录' });
      }
      expect(await app.prisma.session.count()).toBe(0);
      expect((await app.post('/api/v1/auth/wechat', { code: 'dev:volunteer1' })).status).toBe(200);
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

  describe('password login', () => {
    const login = (username: string, password: string, from = '198.51.100.1') =>
      app.request('POST', '/api/v1/auth/password', { body: { username, password }, headers: { 'x-forwarded-for': from } });
    let office1: { id: number };

    beforeEach(async () => {
      office1 = await aUser().role('OFFICE_STAFF').username('office1').named('城东所 王敏').passwordHash(staffHash).build(app.prisma);
    });

    it('logs staff in with the right password', async () => {
      const res = await login('office1', 'Correct#Horse1');
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe('OFFICE_STAFF');
    });

    it('answers an unknown username, an account without password and a wrong password with the same bytes', async () => {
      await aUser().role('ADMIN').username('nopass').build(app.prisma);
      const replies = [await login('ghost', 'whatever'), await login('nopass', 'whatever'), await login('office1', 'whatever')];
      for (const res of replies) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
        expect(res.headers.get('content-length')).toBe(replies[0]!.headers.get('content-length'));
      }
    });

    it('does the same database work for an unknown username as for a wrong password, statement for statement', async () => {
      // A fresh source each time, so both are a first failure of their pair; the repeat is a second failure.
      for (const round of [1, 2]) {
        const unknown = await recordStatements(app, () => login('ghost', 'Wrong#Horse1', `198.51.100.${10 + round}`));
        const wrong = await recordStatements(app, () => login('office1', 'Wrong#Horse1', `198.51.100.${20 + round}`));
        expect(unknown.result.status).toBe(401);
        expect(wrong.result.status).toBe(401);
        expect(unknown.statements.length).toBeGreaterThan(1);
        expect(unknown.statements, `unknown:\n${unknown.statements.join('\n')}\nwrong password:\n${wrong.statements.join('\n')}`).toEqual(wrong.statements);
        await login('ghost', 'Wrong#Horse1', `198.51.100.${10 + round}`);
        await login('office1', 'Wrong#Horse1', `198.51.100.${20 + round}`);
      }
    });

    it('answers an unknown username exactly like a wrong password, through the lock and after it', async () => {
      const replies = async (username: string, from: string) => {
        const out: { status: number; body: unknown }[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await login(username, `wrong-${i}`, from);
          out.push({ status: res.status, body: res.body });
        }
        return out;
      };
      const wrong = await replies('office1', '203.0.113.71');
      expect(wrong.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
      expect(await replies('ghost', '203.0.113.72')).toEqual(wrong);
    });

    it('takes as long for an unknown username as for a wrong password (one scrypt verification and the same writes each)', async () => {
      const gaps: number[] = [];
      const tries: number[] = [];
      const timed = async (username: string, from: string) => {
        const t = performance.now();
        expect((await login(username, 'Wrong#Horse1', from)).status).toBe(401);
        return performance.now() - t;
      };
      // 40 pairs, each run back to back so both halves see the same load on the machine, in alternating order so that
      // going first or second does not count; each try from a fresh source, so no pair comes near its lock.
      for (let i = 0; i < 40; i++) {
        const ghostFirst = i % 2 === 0;
        const a = await timed(ghostFirst ? 'ghost' : 'office1', `198.51.100.${10 + i}`);
        const b = await timed(ghostFirst ? 'office1' : 'ghost', `198.51.101.${10 + i}`);
        const [unknown, wrong] = ghostFirst ? [a, b] : [b, a];
        gaps.push(unknown - wrong);
        tries.push(unknown, wrong);
      }
      const gap = median(gaps);
      const typical = median(tries);
      // The median's standard error, from the gaps' median absolute deviation (robust to the odd try another process
      // stalls). Quiet, the gaps spread by a few ms and the bound stays near 5 ms; with other test files on the two cores they
      // spread by 50 ms and more, where a fixed 5 ms would fail on noise alone, so the bound widens with the noise.
      const spread = median(gaps.map((g) => Math.abs(g - gap)));
      const standardError = (1.253 * 1.4826 * spread) / Math.sqrt(gaps.length);
      const bound = Math.max(5, 5 * standardError);
      const report = `unknown − wrong password: median of 40 paired gaps ${gap.toFixed(1)} ms (bound ${bound.toFixed(1)} ms); median try ${typical.toFixed(0)} ms`;
      // scrypt (~100 ms) dominates both tries; skipping it for unknown names would make the gap about one scrypt,
      // far outside the bound even when the machine is busy. Equal database work is checked statement for statement.
      expect(typical, report).toBeGreaterThan(20);
      expect(Math.abs(gap), report).toBeLessThan(bound);
    }, 120_000);

    it('locks one source after 5 wrong passwords while the right password from another source still signs in', async () => {
      for (let i = 1; i <= 4; i++) {
        const res = await login('office1', `wrong-${i}`, '203.0.113.66');
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
      }
      const fifth = await login('office1', 'wrong-5', '203.0.113.66');
      expect(fifth.status).toBe(423);
      expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
      expect(fifth.body.message).toContain('15 分钟');
      // Locked for that source, even with the right password.
      expect((await login('office1', 'Correct#Horse1', '203.0.113.66')).status).toBe(423);
      // The owner at their own desk is not locked out by someone else's guesses.
      const elsewhere = await login('office1', 'Correct#Horse1', '198.51.100.7');
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.user.id).toBe(office1.id);
      expect(await app.prisma.loginFailure.findMany({ select: { source: true, failures: true } })).toEqual([{ source: '203.0.113.66', failures: 5 }]);
    });

    it('lets the locked source in again once the lock has run out, and the success clears its count', async () => {
      for (let i = 0; i < 5; i++) await login('office1', 'nope', '203.0.113.66');
      app.clock.travelTo(new Date(Date.now() + 14 * 60_000));
      const still = await login('office1', 'Correct#Horse1', '203.0.113.66');
      expect(still.status).toBe(423);
      expect(still.body.message).toContain('1 分钟');
      app.clock.travelTo(new Date(Date.now() + 16 * 60_000));
      expect((await login('office1', 'Correct#Horse1', '203.0.113.66')).status).toBe(200);
      expect(await app.prisma.loginFailure.count()).toBe(0);
    });

    it('a success resets that source count, so the next four wrong passwords do not lock', async () => {
      for (let i = 0; i < 4; i++) await login('office1', 'nope', '203.0.113.66');
      expect((await login('office1', 'Correct#Horse1', '203.0.113.66')).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login('office1', 'nope', '203.0.113.66')).status).toBe(401);
      expect((await login('office1', 'nope', '203.0.113.66')).status).toBe(423);
    });

    it('tells a disabled account so only after the right password', async () => {
      await app.prisma.user.update({ where: { id: office1.id }, data: { disabled: true } });
      expect((await login('office1', 'wrong')).body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
      const right = await login('office1', 'Correct#Horse1');
      expect(right.status).toBe(403);
      expect(right.body.code).toBe('ACCOUNT_DISABLED');
      expect(await app.prisma.session.count()).toBe(0);
    });
  });

  describe('session lifetime', () => {
    beforeEach(() => app.clock.travelTo(new Date()));

    it('ends a staff session after 12 hours without a request, and each request keeps it alive', async () => {
      await aUser().role('OFFICE_STAFF').username('office1').passwordHash(staffHash).build(app.prisma);
      const { token } = (await app.post('/api/v1/auth/password', { username: 'office1', password: 'Correct#Horse1' })).body;
      const start = Date.now();
      app.clock.travelTo(new Date(start + 11 * HOUR));
      expect((await app.get('/api/v1/me', token)).status).toBe(200);
      app.clock.travelTo(new Date(start + 22 * HOUR));
      expect((await app.get('/api/v1/me', token)).status).toBe(200);
      app.clock.travelTo(new Date(start + 34 * HOUR + 60_000));
      const idle = await app.get('/api/v1/me', token);
      expect(idle.status).toBe(401);
      expect(idle.body.code).toBe('UNAUTHENTICATED');
    });

    it('writes lastSeenAt at most once a minute', async () => {
      await aUser().role('ADMIN').username('admin').passwordHash(staffHash).build(app.prisma);
      const { token } = (await app.post('/api/v1/auth/password', { username: 'admin', password: 'Correct#Horse1' })).body;
      const start = Date.now();
      const seen = async () => (await app.prisma.session.findFirstOrThrow()).lastSeenAt.getTime();
      const issued = await seen();
      app.clock.travelTo(new Date(start + 30_000));
      await app.get('/api/v1/me', token);
      await app.get('/api/v1/me', token);
      expect(await seen()).toBe(issued);
      app.clock.travelTo(new Date(start + 90_000));
      await app.get('/api/v1/me', token);
      expect(await seen()).toBeGreaterThanOrEqual(start + 90_000);
    });

    it('keeps a resident session 13 hours later and ends it after 30 days', async () => {
      const { token } = (await app.post('/api/v1/auth/wechat', { code: 'ok-erin' })).body;
      const start = Date.now();
      app.clock.travelTo(new Date(start + 13 * HOUR));
      expect((await app.get('/api/v1/me', token)).status).toBe(200);
      app.clock.travelTo(new Date(start + 30 * 24 * HOUR + 60_000));
      expect((await app.get('/api/v1/me', token)).status).toBe(401);
    });

    it('signs a cadre out at once when the admin deactivates the cadre, and refuses an inactive cadre login', async () => {
      const world = await aWorld(app.prisma);
      const cadre = await aCadre().of(world.community).build(app.prisma);
      const cadreUser = await aUser().username('cadre1').cadre(cadre).passwordHash(staffHash).build(app.prisma);
      await aUser().role('ADMIN').username('admin').build(app.prisma);
      const admin = await app.login('admin');
      const { token } = (await app.post('/api/v1/auth/password', { username: 'cadre1', password: 'Correct#Horse1' })).body;
      expect((await app.get('/api/v1/me', token)).body.cadreId).toBe(cadre.id);

      const patched = await app.request('PATCH', `/api/v1/admin/cadres/${cadre.id}`, { body: { active: false }, token: admin });
      expect(patched.status).toBe(200);
      expect((await app.get('/api/v1/me', token)).status).toBe(401);
      expect(await app.prisma.session.count({ where: { userId: cadreUser.id, revokedAt: null } })).toBe(0);

      const again = await app.post('/api/v1/auth/password', { username: 'cadre1', password: 'Correct#Horse1' });
      expect(again.status).toBe(403);
      expect(again.body.code).toBe('ACCOUNT_DISABLED');
    });

    it('refuses the session of a cadre whose cadre row went inactive by any other way', async () => {
      const world = await aWorld(app.prisma);
      const cadre = await aCadre().of(world.community).build(app.prisma);
      await aUser().username('cadre1').cadre(cadre).build(app.prisma);
      const token = await app.login('cadre1');
      expect((await app.get('/api/v1/me', token)).status).toBe(200);
      await app.prisma.cadre.update({ where: { id: cadre.id }, data: { active: false } });
      expect((await app.get('/api/v1/me', token)).status).toBe(401);
    });

    it('signs a disabled user out on their next request', async () => {
      const { token } = (await app.post('/api/v1/auth/wechat', { code: 'ok-frank' })).body;
      await app.prisma.user.update({ where: { openid: 'openid-frank' }, data: { disabled: true } });
      expect((await app.get('/api/v1/me', token)).status).toBe(401);
      expect((await app.post('/api/v1/auth/wechat', { code: 'ok-frank' })).body.code).toBe('ACCOUNT_DISABLED');
    });
  });

  describe('staff WeChat binding (账号绑定)', () => {
    const bind = (code: string, username: string, password = 'Correct#Horse1') => app.post('/api/v1/auth/wechat/bind', { code, username, password });
    let office1: { id: number };

    beforeEach(async () => {
      office1 = await aUser().role('OFFICE_STAFF').username('office1').named('城东所 王敏').passwordHash(staffHash).build(app.prisma);
    });

    it('moves the openid from the silent resident login to the staff account; WeChat login then opens the staff session', async () => {
      const resident = (await app.post('/api/v1/auth/wechat', { code: 'ok-dora' })).body;
      expect(resident.user.role).toBe('RESIDENT');
      await app.prisma.complaint.create({
        data: { trackingNo: 'SA20261201-000001', kind: 'REPORT', category: 'OTHER', description: '后厨老鼠乱窜', anonymous: false, reporterUserId: resident.user.id },
      });

      const bound = await bind('ok-dora', 'office1');
      expect(bound.status).toBe(200);
      expect(bound.body.user).toMatchObject({ id: office1.id, role: 'OFFICE_STAFF' });
      expect((await app.get('/api/v1/me', bound.body.token)).body).toMatchObject({ id: office1.id, wechatBound: true });
      // The resident's session is gone, their complaint stays theirs.
      expect((await app.get('/api/v1/me', resident.token)).status).toBe(401);
      const former = await app.prisma.user.findUniqueOrThrow({ where: { id: resident.user.id }, include: { complaints: true } });
      expect(former.openid).toBeNull();
      expect(former.complaints).toHaveLength(1);

      const users = await app.prisma.user.count();
      const later = await app.post('/api/v1/auth/wechat', { code: 'ok-dora' });
      expect(later.status).toBe(200);
      expect(later.body.user).toMatchObject({ id: office1.id, role: 'OFFICE_STAFF' });
      expect(await app.prisma.user.count()).toBe(users);
      const stored = await app.prisma.user.findUniqueOrThrow({ where: { id: office1.id } });
      expect(stored.openid).toBe('openid-dora');
      expect(stored.wechatBoundAt).not.toBeNull();
    });

    it('binds a WeChat that never logged in, and creates no resident for it afterwards', async () => {
      expect((await bind('ok-gina', 'office1')).status).toBe(200);
      expect((await app.post('/api/v1/auth/wechat', { code: 'ok-gina' })).body.user.role).toBe('OFFICE_STAFF');
      expect(await app.prisma.user.count({ where: { role: 'RESIDENT' } })).toBe(0);
    });

    it('refuses a WeChat already bound to another staff account', async () => {
      await aUser().role('ADMIN').username('admin').passwordHash(staffHash).build(app.prisma);
      expect((await bind('ok-hank', 'office1')).status).toBe(200);
      const second = await bind('ok-hank', 'admin');
      expect(second.status).toBe(409);
      expect(second.body).toEqual({ code: 'WECHAT_ALREADY_BOUND', message: '该微信已绑定其他工作人员账号' });
      expect((await app.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } })).openid).toBeNull();
      expect((await app.post('/api/v1/auth/wechat', { code: 'ok-hank' })).body.user.id).toBe(office1.id);
    });

    it('checks the password exactly like password login, and only staff accounts may bind', async () => {
      const wrong = await bind('ok-ivy', 'office1', 'Wrong#Horse1');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
      expect((await bind('ok-ivy', 'ghost')).body).toEqual(wrong.body);
      // Counted per typed username and source: the wrong password for office1 and the unknown ghost, one each.
      expect(await app.prisma.loginFailure.count()).toBe(2);

      await aUser().username('resident-pw').passwordHash(staffHash).build(app.prisma);
      const resident = await bind('ok-ivy', 'resident-pw');
      expect(resident.status).toBe(403);
      expect(resident.body.code).toBe('FORBIDDEN');
      expect(resident.body.message).toContain('工作人员');

      expect((await bind('invalid', 'office1')).body.code).toBe('WECHAT_CODE_INVALID');
      expect(await app.prisma.user.count({ where: { openid: { not: null } } })).toBe(0);
    });

    it('unbinds: 204, the session stays, /me shows wechatBound false and WeChat login is a resident again', async () => {
      const { token } = (await bind('ok-jack', 'office1')).body;
      const res = await app.request('DELETE', '/api/v1/me/wechat', { token });
      expect(res.status).toBe(204);
      const me = await app.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body.wechatBound).toBe(false);
      const again = await app.request('DELETE', '/api/v1/me/wechat', { token });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('WECHAT_NOT_BOUND');
      expect((await app.post('/api/v1/auth/wechat', { code: 'ok-jack' })).body.user.role).toBe('RESIDENT');
    });

    it('does not let a resident unbind their own WeChat identity', async () => {
      const { token } = (await app.post('/api/v1/auth/wechat', { code: 'ok-kate' })).body;
      expect((await app.request('DELETE', '/api/v1/me/wechat', { token })).status).toBe(403);
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

  it('counts WeChat binding and password login against one per-address limit', async () => {
    const limited = await startTestApp({ RATE_LIMITS: 'on', WECHAT_API_BASE: wechat.url });
    try {
      // A refused code answers before any password check, so the 30 tries are quick.
      for (let i = 0; i < 30; i++) {
        expect((await limited.post('/api/v1/auth/wechat/bind', { code: 'invalid', username: 'office1', password: 'guess' })).body.code).toBe('WECHAT_CODE_INVALID');
      }
      const next = await limited.post('/api/v1/auth/password', { username: 'office1', password: 'guess' });
      expect(next.status).toBe(429);
      expect(next.body.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
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

