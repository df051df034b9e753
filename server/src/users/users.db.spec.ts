import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aCadre, aUser, aWorld, type World } from '../../../test/support/builders';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { hashPassword } from '../auth/password';

describe('admin: user accounts', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let world: World;
  let admin: string;
  let adminId: number;
  let staffHash: string;

  const password = (username: string, pw: string, from = '198.51.100.1') =>
    app.request('POST', '/api/v1/auth/password', { body: { username, password: pw }, headers: { 'x-forwarded-for': from } });
  const patch = (id: number, body: unknown, token = admin) => app.request('PATCH', `/api/v1/admin/users/${id}`, { body, token });

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({ WECHAT_API_BASE: wechat.url, STAFF_SESSION_IDLE_HOURS: '12' });
    staffHash = await hashPassword('Correct#Horse1');
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });
  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date());
    world = await aWorld(app.prisma);
    adminId = (await aUser().role('ADMIN').username('admin').named('区食安办 李华').build(app.prisma)).id;
    admin = await app.login('admin');
  });

  describe('list', () => {
    it('lists accounts with office, cadre, live sessions and WeChat binding, never a password hash', async () => {
      const cadre = await aCadre().named('陈秀兰').of(world.community).build(app.prisma);
      const office1 = await aUser().role('OFFICE_STAFF').username('office1').named('城东所 王敏').office(world.office).passwordHash(staffHash).build(app.prisma);
      await aUser().username('cadre1').named('陈秀兰').cadre(cadre).passwordHash(staffHash).build(app.prisma);
      await app.login('office1');
      await app.login('office1');
      const revoked = await app.login('office1');
      await app.request('POST', '/api/v1/auth/logout', { token: revoked });
      await app.post('/api/v1/auth/wechat', { code: 'ok-alice' });

      const res = await app.get('/api/v1/admin/users', admin);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(4);
      expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash|openid/);
      const row = res.body.items.find((u: { id: number }) => u.id === office1.id);
      expect(row).toMatchObject({
        username: 'office1',
        displayName: '城东所 王敏',
        role: 'OFFICE_STAFF',
        office: { id: world.office.id, name: world.office.name },
        cadre: null,
        disabled: false,
        wechatBound: false,
        activeSessions: 2,
      });
      expect(row.lastSeenAt).not.toBeNull();
      expect(res.body.items.find((u: { username: string }) => u.username === 'cadre1')).toMatchObject({
        role: 'CADRE',
        cadre: { id: cadre.id, name: '陈秀兰', tier: 'COMMUNITY' },
        activeSessions: 0,
        lastSeenAt: null,
      });
      expect(res.body.items.find((u: { role: string }) => u.role === 'RESIDENT')).toMatchObject({ wechatBound: true, activeSessions: 1 });
    });

    it('does not count a staff session left idle past the limit as live', async () => {
      const office1 = await aUser().role('OFFICE_STAFF').username('office1').office(world.office).build(app.prisma);
      await app.login('office1');
      await app.post('/api/v1/auth/wechat', { code: 'ok-bob' });
      app.clock.travelTo(new Date(Date.now() + 13 * 3600_000));
      admin = await app.login('admin');
      const { items } = (await app.get('/api/v1/admin/users', admin)).body;
      expect(items.find((u: { id: number }) => u.id === office1.id).activeSessions).toBe(0);
      expect(items.find((u: { role: string }) => u.role === 'RESIDENT').activeSessions).toBe(1);
      expect((await app.post(`/api/v1/admin/users/${office1.id}/revoke-sessions`, undefined, admin)).body).toEqual({ revoked: 0 });
    });

    it('filters by name, role and disabled, and pages', async () => {
      await aUser().role('OFFICE_STAFF').username('office1').named('城东所 王敏').office(world.office).build(app.prisma);
      await aUser().role('OFFICE_STAFF').username('office2').named('城西所 赵强').office(world.otherOffice).disabled().build(app.prisma);
      await aUser().username('resident1').named('张小梅').build(app.prisma);

      const names = async (query: string) => {
        const res = await app.get(`/api/v1/admin/users?${query}`, admin);
        expect(res.status).toBe(200);
        return { total: res.body.total, usernames: res.body.items.map((u: { username: string }) => u.username) };
      };
      expect(await names('q=OFFICE')).toEqual({ total: 2, usernames: ['office1', 'office2'] });
      expect(await names('q=王敏')).toEqual({ total: 1, usernames: ['office1'] });
      expect(await names('role=RESIDENT')).toEqual({ total: 1, usernames: ['resident1'] });
      expect(await names('disabled=true')).toEqual({ total: 1, usernames: ['office2'] });
      expect(await names('role=OFFICE_STAFF&limit=1&offset=1')).toEqual({ total: 2, usernames: ['office2'] });
      expect((await app.get('/api/v1/admin/users?disabled=yes', admin)).body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('create', () => {
    const staff = (overrides: Record<string, unknown> = {}) => ({
      username: 'office9',
      displayName: '城东所 孙丽',
      role: 'OFFICE_STAFF',
      officeId: world.office.id,
      password: 'Initial#2026pw',
      ...overrides,
    });

    it('creates a staff account that can sign in with its initial password', async () => {
      const res = await app.post('/api/v1/admin/users', staff(), admin);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ username: 'office9', role: 'OFFICE_STAFF', office: { id: world.office.id }, disabled: false, activeSessions: 0 });
      expect(JSON.stringify(res.body)).not.toContain('scrypt');
      const login = await password('office9', 'Initial#2026pw');
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ id: res.body.id, role: 'OFFICE_STAFF' });
      expect((await app.get('/api/v1/me', login.body.token)).body.officeId).toBe(world.office.id);
    });

    it('links a cadre account to its cadre, once', async () => {
      const cadre = await aCadre().named('陈秀兰').of(world.community).build(app.prisma);
      const first = await app.post('/api/v1/admin/users', staff({ username: 'cadre-chen', role: 'CADRE', officeId: undefined, cadreId: cadre.id }), admin);
      expect(first.status).toBe(201);
      expect(first.body.cadre).toMatchObject({ id: cadre.id, name: '陈秀兰' });
      const second = await app.post('/api/v1/admin/users', staff({ username: 'cadre-chen2', role: 'CADRE', officeId: undefined, cadreId: cadre.id }), admin);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('CADRE_HAS_ACCOUNT');
    });

    it('refuses a taken username, a missing office or cadre, a resident role and a weak password', async () => {
      await aUser().username('office9').build(app.prisma);
      const taken = await app.post('/api/v1/admin/users', staff(), admin);
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({ code: 'USERNAME_TAKEN', message: '用户名已存在' });

      const noOffice = await app.post('/api/v1/admin/users', staff({ username: 'office10', officeId: 999_999 }), admin);
      expect(noOffice.status).toBe(404);
      expect(noOffice.body.message).toBe('所选监管所不存在');
      const noCadre = await app.post('/api/v1/admin/users', staff({ username: 'cadre10', role: 'CADRE', cadreId: 999_999 }), admin);
      expect(noCadre.status).toBe(404);
      expect(noCadre.body.message).toBe('所选包保干部不存在');

      const resident = await app.post('/api/v1/admin/users', staff({ username: 'resident10', role: 'RESIDENT' }), admin);
      expect(resident.status).toBe(400);
      expect(resident.body.code).toBe('VALIDATION_FAILED');
      const weak = await app.post('/api/v1/admin/users', staff({ username: 'office11', password: 'short1' }), admin);
      expect(weak.status).toBe(400);
      expect(weak.body.message).toContain('密码至少 10 位');
      expect(await app.prisma.user.count()).toBe(2);
    });
  });

  describe('change', () => {
    let office1: { id: number };
    beforeEach(async () => {
      office1 = await aUser().role('OFFICE_STAFF').username('office1').named('城东所 王敏').office(world.office).passwordHash(staffHash).build(app.prisma);
    });

    it('disabling signs the user out at once and keeps them out; enabling lets them sign in again', async () => {
      const token = (await password('office1', 'Correct#Horse1')).body.token;
      expect((await app.get('/api/v1/me', token)).status).toBe(200);

      const res = await patch(office1.id, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ disabled: true, activeSessions: 0 });
      expect((await app.get('/api/v1/me', token)).status).toBe(401);
      expect((await password('office1', 'Correct#Horse1')).body.code).toBe('ACCOUNT_DISABLED');

      expect((await patch(office1.id, { disabled: false })).body.disabled).toBe(false);
      expect((await password('office1', 'Correct#Horse1')).status).toBe(200);
      // The old token stays dead: disabling revoked it, it was not only hidden.
      expect((await app.get('/api/v1/me', token)).status).toBe(401);
    });

    it('does not let the admin disable themself', async () => {
      const res = await patch(adminId, { disabled: true });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CANNOT_DISABLE_SELF');
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await app.get('/api/v1/me', admin)).status).toBe(200);
    });

    it('a new password replaces the old one and lifts every lockout of the account', async () => {
      for (let i = 0; i < 5; i++) await password('office1', 'wrong', '203.0.113.66');
      expect((await password('office1', 'Correct#Horse1', '203.0.113.66')).status).toBe(423);

      const res = await patch(office1.id, { password: 'Reset#2026pass' });
      expect(res.status).toBe(200);
      expect(await app.prisma.loginFailure.count()).toBe(0);
      expect((await password('office1', 'Correct#Horse1', '198.51.100.2')).status).toBe(401);
      expect((await password('office1', 'Reset#2026pass', '203.0.113.66')).status).toBe(200);
    });

    it('renames and moves office staff; refuses an office for other roles, a missing office and an unknown user', async () => {
      const moved = await patch(office1.id, { displayName: '城西所 王敏', officeId: world.otherOffice.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ displayName: '城西所 王敏', office: { id: world.otherOffice.id } });

      const onAdmin = await patch(adminId, { officeId: world.office.id });
      expect(onAdmin.status).toBe(400);
      expect(onAdmin.body.details).toEqual([{ path: 'officeId', message: '只有监管所工作人员可以设置所属监管所' }]);
      expect((await patch(office1.id, { officeId: 999_999 })).status).toBe(404);
      const unknown = await patch(999_999, { displayName: '某某' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('用户不存在');

      const resident = await aUser().username('resident1').build(app.prisma);
      expect((await patch(resident.id, { password: 'Reset#2026pass' })).status).toBe(400);
    });

    it('revokes every live session on request and says how many', async () => {
      const tokens = [await app.login('office1'), (await password('office1', 'Correct#Horse1')).body.token];
      const res = await app.post(`/api/v1/admin/users/${office1.id}/revoke-sessions`, undefined, admin);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ revoked: 2 });
      for (const token of tokens) expect((await app.get('/api/v1/me', token)).status).toBe(401);
      expect((await app.post(`/api/v1/admin/users/${office1.id}/revoke-sessions`, undefined, admin)).body).toEqual({ revoked: 0 });
      // Not disabled: they can sign in again.
      expect((await password('office1', 'Correct#Horse1')).status).toBe(200);
      expect((await app.post('/api/v1/admin/users/999999/revoke-sessions', undefined, admin)).status).toBe(404);
    });
  });

  it('is for the admin only', async () => {
    await aUser().role('OFFICE_STAFF').username('office1').office(world.office).build(app.prisma);
    await aUser().username('resident1').build(app.prisma);
    const calls = (token?: string) => [
      app.get('/api/v1/admin/users', token),
      app.post('/api/v1/admin/users', { username: 'x-user', displayName: '某某', role: 'ADMIN', password: 'Initial#2026pw' }, token),
      app.request('PATCH', `/api/v1/admin/users/${adminId}`, { body: { displayName: '某某' }, token }),
      app.post(`/api/v1/admin/users/${adminId}/revoke-sessions`, undefined, token),
    ];
    for (const token of [await app.login('office1'), await app.login('resident1')]) {
      for (const res of await Promise.all(calls(token))) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    }
    for (const res of await Promise.all(calls())) expect(res.status).toBe(401);
    expect(await app.prisma.user.count()).toBe(3);
    expect((await app.get('/api/v1/me', admin)).status).toBe(200);
  });
});
