import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComplaintPublicView, LoginResponse, Me, Page } from '@sa/contracts';
import { aUser } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { fakeSmsEnv, FAKE_SMS, startFakeTencentSms } from '../../../test/support/fake-tencent-sms';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { JsonLogger } from '../common/logger';
import { PhoneCipher } from '../common/phone-crypto';
import { SmsCodeService } from '../sms/sms-code.service';

const SECOND = 1000;

describe('SMS sign-in and phone linking through the HTTP API', () => {
  let sms: Awaited<ReturnType<typeof startFakeTencentSms>>;
  let app: TestApp;

  beforeAll(async () => {
    sms = await startFakeTencentSms();
    app = await startTestApp({ ...fakeSmsEnv(sms.url), SMS_CODES_PER_SOURCE_HOUR: '100', TENCENT_SMS_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await app?.close();
    await sms?.close();
  });
  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date());
    sms.reset();
  });

  const from = (source: string) => ({ 'x-forwarded-for': source });
  const askCode = (phone: string, source = '198.51.100.1') => app.request('POST', '/api/v1/auth/sms/code', { body: { phone }, headers: from(source) });
  const signIn = (phone: string, code: string) => app.request<LoginResponse>('POST', '/api/v1/auth/sms', { body: { phone, code } });
  const later = (ms: number) => app.clock.travelTo(new Date(app.clock.now().getTime() + ms));
  /** A 6-digit code that is not the one sent. */
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  describe('sending a code and signing in', () => {
    it('sends a 6-digit code through Tencent SendSms and signs the number in as a new resident for 30 days', async () => {
      const res = await askCode('+86 138-1234-5678');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ sent: true, resendAfterSeconds: 60, demo: false });
      expect(sms.sent).toEqual([{ phone: '13812345678', params: [expect.stringMatching(/^\d{6}$/), '5'], signName: FAKE_SMS.signName, templateId: FAKE_SMS.templateId, region: 'ap-guangzhou' }]);
      const code = sms.lastCode('13812345678');

      // Neither the number nor the code is readable in the table.
      const row = await app.prisma.smsCode.findFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('13812345678');
      expect(row.codeHash).not.toContain(code);

      const login = await signIn('13812345678', code);
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ role: 'RESIDENT', displayName: '居民 138****5678' });
      const days = (Date.parse(login.body.expiresAt) - app.clock.now().getTime()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      const me = await app.get<Me>('/api/v1/me', login.body.token);
      expect(me.body).toMatchObject({ id: login.body.user.id, phoneMasked: '138****5678', wechatBound: false, role: 'RESIDENT' });
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: login.body.user.id } });
      expect(user.phoneEnc).not.toContain('13812345678');
      expect(new PhoneCipher('test-phone-key-0123456789').decrypt(user.phoneEnc!)).toBe('13812345678');

      // The next sign-in of the number opens the same account.
      later(61 * SECOND);
      await askCode('13812345678');
      const again = await signIn('13812345678', sms.lastCode('13812345678'));
      expect(again.body.user.id).toBe(login.body.user.id);
      expect(await app.prisma.user.count()).toBe(1);
    });

    it('refuses a malformed number or code as a validation error, sending nothing', async () => {
      for (const phone of ['12812345678', '1381234567', 'abc']) {
        const res = await askCode(phone);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const res = await signIn('13812345678', '12345');
      expect(res.status).toBe(400);
      expect(res.body.details?.[0]?.message).toBe('请输入 6 位验证码');
      expect(sms.requests).toHaveLength(0);
    });

    it('accepts the code until 5 minutes have passed, not after', async () => {
      await askCode('13800000001');
      await askCode('13800000002');
      later(5 * 60 * SECOND - 2 * SECOND);
      expect((await signIn('13800000001', sms.lastCode('13800000001'))).status).toBe(200);
      later(2 * SECOND);
      const late = await signIn('13800000002', sms.lastCode('13800000002'));
      expect(late.status).toBe(400);
      expect(late.body).toEqual({ code: 'SMS_CODE_INVALID', message: '验证码错误或已失效，请重新获取' });
    });

    it('uses a code once: the second sign-in with it is refused', async () => {
      await askCode('13812345678');
      const code = sms.lastCode('13812345678');
      expect((await signIn('13812345678', code)).status).toBe(200);
      const reuse = await signIn('13812345678', code);
      expect(reuse.status).toBe(400);
      expect(reuse.body.code).toBe('SMS_CODE_INVALID');
    });

    it('voids the code at the fifth wrong try; four wrong tries still leave it usable', async () => {
      await askCode('13800000001');
      await askCode('13800000002');
      const one = sms.lastCode('13800000001');
      const two = sms.lastCode('13800000002');
      for (let i = 0; i < 4; i++) expect((await signIn('13800000001', wrong(one))).body.code).toBe('SMS_CODE_INVALID');
      expect((await signIn('13800000001', one)).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await signIn('13800000002', wrong(two))).body.code).toBe('SMS_CODE_INVALID');
      const afterVoid = await signIn('13800000002', two);
      expect(afterVoid.status).toBe(400);
      expect(afterVoid.body.code).toBe('SMS_CODE_INVALID');
    });

    it('a code for one number does not open another', async () => {
      await askCode('13800000001');
      expect((await signIn('13800000003', sms.lastCode('13800000001'))).body.code).toBe('SMS_CODE_INVALID');
    });
  });

  describe('limits', () => {
    it('sends one code per number per 60 s, and only the newest code works', async () => {
      await askCode('13812345678');
      const first = sms.lastCode('13812345678');
      later(59 * SECOND);
      const soon = await askCode('13812345678');
      expect(soon.status).toBe(429);
      expect(soon.body).toEqual({ code: 'SMS_CODE_TOO_SOON', message: '验证码发送过于频繁，请 60 秒后再试' });
      expect(sms.sent).toHaveLength(1);
      later(1 * SECOND);
      expect((await askCode('13812345678')).status).toBe(200);
      expect(sms.sent).toHaveLength(2);
      expect((await signIn('13812345678', first)).body.code).toBe('SMS_CODE_INVALID');
      expect((await signIn('13812345678', sms.lastCode('13812345678'))).status).toBe(200);
    });

    it('sends at most 10 codes a day to a number, counting the day in Shanghai', async () => {
      // 23:00 in Shanghai.
      app.clock.travelTo(new Date('2026-12-01T15:00:00Z'));
      for (let i = 0; i < 10; i++) {
        expect((await askCode('13812345678')).status).toBe(200);
        later(61 * SECOND);
      }
      const eleventh = await askCode('13812345678');
      expect(eleventh.status).toBe(429);
      expect(eleventh.body).toEqual({ code: 'SMS_DAILY_LIMIT', message: '该手机号今日获取验证码次数已达上限，请明日再试' });
      expect(sms.sent).toHaveLength(10);
      // 00:00:30 the next day in Shanghai (still 1 December in UTC).
      app.clock.travelTo(new Date('2026-12-01T16:00:30Z'));
      expect((await askCode('13812345678')).status).toBe(200);
    });

    it('limits the codes one address may ask for in an hour, across numbers', async () => {
      const strict = await startTestApp({ ...fakeSmsEnv(sms.url), SMS_CODES_PER_SOURCE_HOUR: '3' });
      try {
        const ask = (phone: string, source: string) => strict.request('POST', '/api/v1/auth/sms/code', { body: { phone }, headers: from(source) });
        for (const phone of ['13800000001', '13800000002', '13800000003']) expect((await ask(phone, '203.0.113.9')).status).toBe(200);
        const fourth = await ask('13800000004', '203.0.113.9');
        expect(fourth.status).toBe(429);
        expect(fourth.body.code).toBe('RATE_LIMITED');
        expect(fourth.body.message).toMatch(/[\u4e00-\u9fff]/);
        expect((await ask('13800000004', '203.0.113.10')).status).toBe(200);
        strict.clock.travelTo(new Date(Date.now() + 3601 * SECOND));
        expect((await ask('13800000005', '203.0.113.9')).status).toBe(200);
        expect(sms.sent.map((s) => s.phone)).toEqual(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005']);
      } finally {
        await strict.close();
      }
    });

    it('trusts no proxy unless told: a client cannot pick its own address with X-Forwarded-For and escape the limit', async () => {
      // The server's default (TRUST_PROXY unset), not the tests' loopback proxy.
      const direct = await startTestApp({ ...fakeSmsEnv(sms.url), SMS_CODES_PER_SOURCE_HOUR: '3', TRUST_PROXY: '' });
      try {
        const answers = [];
        for (let i = 1; i <= 5; i++) {
          answers.push((await direct.request('POST', '/api/v1/auth/sms/code', { body: { phone: `1390000000${i}` }, headers: from(`198.51.100.${i}`) })).status);
        }
        expect(answers).toEqual([200, 200, 200, 429, 429]);
      } finally {
        await direct.close();
      }
    });
  });

  describe('what sending reveals', () => {
    it('answers a number with an account and one without with the same status and bytes', async () => {
      const hash = app.nest.get(SmsCodeService).phoneHash.bind(app.nest.get(SmsCodeService));
      const known = Array.from({ length: 10 }, (_, i) => `1391111${String(i).padStart(4, '0')}`);
      const unknown = Array.from({ length: 10 }, (_, i) => `1392222${String(i).padStart(4, '0')}`);
      for (const phone of known) await app.prisma.user.create({ data: { role: 'RESIDENT', displayName: '居民', phoneHash: hash(phone) } });
      let reference: { status: number; body: unknown; length: string | null } | undefined;
      for (let i = 0; i < 10; i++) {
        for (const phone of [known[i]!, unknown[i]!]) {
          const res = await askCode(phone);
          const reply = { status: res.status, body: res.body, length: res.headers.get('content-length') };
          reference ??= reply;
          expect(reply).toEqual(reference);
        }
      }
      expect(reference?.status).toBe(200);
      // Both reach the provider: sending never looks at who holds the number.
      // Equal timing follows from that (no lookup, no branch); a timed assertion here would only flake under load.
      expect(sms.sent).toHaveLength(20);
    });
  });

  describe('the provider', () => {
    it.each([
      ['AuthFailure.SecretIdNotFound', 'api'],
      ['FailedOperation.InsufficientBalanceInSmsPackage', 'api'],
      ['LimitExceeded.PhoneNumberDailyLimit', 'phone'],
      ['InvalidParameterValue.IncorrectPhoneNumber', 'phone'],
    ] as const)('answers 503 SMS_UNAVAILABLE when Tencent refuses with %s, and the failed send costs no wait', async (code, where) => {
      if (where === 'api') sms.failNext(code);
      else sms.failPhoneNext(code);
      const res = await askCode('13812345678');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ code: 'SMS_UNAVAILABLE', message: '短信服务暂时不可用，请稍后再试' });
      expect(await app.prisma.smsCode.count()).toBe(0);
      expect((await askCode('13812345678')).status).toBe(200);
    });

    it('is refused by the provider when the request is signed with another key', async () => {
      const badKey = await startTestApp({ ...fakeSmsEnv(sms.url), TENCENT_SMS_SECRET_KEY: 'not-the-key' });
      try {
        const res = await badKey.request('POST', '/api/v1/auth/sms/code', { body: { phone: '13812345678' } });
        expect(res.status).toBe(503);
        expect(sms.sent).toHaveLength(0);
        expect(sms.requests).toHaveLength(1);
      } finally {
        await badKey.close();
      }
    });

    it('gives up after the configured timeout and answers 503', async () => {
      sms.stallNext(2500);
      const t = performance.now();
      const res = await askCode('13812345678');
      expect(res.status).toBe(503);
      expect(performance.now() - t).toBeLessThan(2000);
    });

    it('answers 503 when the provider cannot be reached at all', async () => {
      const down = await startTestApp({ ...fakeSmsEnv('http://127.0.0.1:9') });
      try {
        const res = await down.request('POST', '/api/v1/auth/sms/code', { body: { phone: '13812345678' } });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SMS_UNAVAILABLE');
      } finally {
        await down.close();
      }
    });

    it('never writes a code to the log when a provider is set', async () => {
      const write = vi.spyOn(app.nest.get(JsonLogger), 'write');
      try {
        await askCode('13812345678');
        const code = sms.lastCode('13812345678');
        expect(write.mock.calls.length).toBeGreaterThan(0);
        expect(JSON.stringify(write.mock.calls)).not.toContain(code);
        expect(JSON.stringify(write.mock.calls)).not.toContain('13812345678');
      } finally {
        write.mockRestore();
      }
    });
  });

  describe('without a provider', () => {
    it('in the embedded demo, writes the code to the log with the number masked and says so in the reply', async () => {
      const demo = await startTestApp({ SA_DEMO: '1' });
      const write = vi.spyOn(demo.nest.get(JsonLogger), 'write');
      try {
        const res = await demo.request('POST', '/api/v1/auth/sms/code', { body: { phone: '13812345678' } });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ sent: true, resendAfterSeconds: 60, demo: true });
        const logged = write.mock.calls.find(([, msg]) => msg === 'sms code (demo)');
        expect(logged?.[2]).toMatchObject({ phone: '138****5678', demoCode: expect.stringMatching(/^\d{6}$/) });
        expect(JSON.stringify(write.mock.calls)).not.toContain('13812345678');
        const login = await demo.request<LoginResponse>('POST', '/api/v1/auth/sms', { body: { phone: '13812345678', code: (logged![2] as { demoCode: string }).demoCode } });
        expect(login.status).toBe(200);
        expect(login.body.user.role).toBe('RESIDENT');
      } finally {
        write.mockRestore();
        await demo.close();
      }
    });

    it('outside the demo, refuses to send with 503 and stores nothing', async () => {
      const bare = await startTestApp();
      try {
        const res = await bare.request('POST', '/api/v1/auth/sms/code', { body: { phone: '13812345678' } });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SMS_UNAVAILABLE');
        expect(await bare.prisma.smsCode.count()).toBe(0);
      } finally {
        await bare.close();
      }
    });
  });

  describe('staff', () => {
    it('never signs a staff account in by SMS, nor lets staff link a number', async () => {
      const hash = app.nest.get(SmsCodeService).phoneHash('13812345678');
      await aUser().role('OFFICE_STAFF').username('office1').build(app.prisma);
      // Staff never get a number through the API; one written by hand still does not open their session.
      await app.prisma.user.update({ where: { username: 'office1' }, data: { phoneHash: hash } });
      await askCode('13812345678');
      const res = await signIn('13812345678', sms.lastCode('13812345678'));
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: 'PHONE_NOT_FOR_STAFF', message: '工作人员账号须使用用户名和密码登录' });
      expect(await app.prisma.session.count()).toBe(0);

      await aUser().role('ADMIN').username('admin').build(app.prisma);
      const admin = await app.login('admin');
      const link = await app.request('POST', '/api/v1/me/phone/code', { body: { phone: '13900000000' }, token: admin });
      expect(link.status).toBe(403);
      expect(link.body.code).toBe('PHONE_NOT_FOR_STAFF');
      expect(sms.sent.map((s) => s.phone)).toEqual(['13812345678']);
    });
  });

  describe('linking a phone to a WeChat account', () => {
    const P = '13812345678';
    const linkCode = (token: string, phone = P) => app.request('POST', '/api/v1/me/phone/code', { body: { phone }, token });
    const link = (token: string, code: string, phone = P) => app.request<Me>('POST', '/api/v1/me/phone', { body: { phone, code }, token });
    const mine = (token: string) => app.get<Page<ComplaintPublicView>>('/api/v1/complaints/mine', token);

    it('merges the SMS-only account of that number: reports from h5 and from weapp both show in 我的', async () => {
      const { business } = await aComplaintWorld(app);
      await aUser().username('wx-alice').named('微信用户lice').openid('openid-alice').build(app.prisma);
      await aUser().username('neighbour').named('邻居').build(app.prisma);
      const wechat = await app.login('wx-alice');
      const neighbour = await app.login('neighbour');

      // On the portal, by SMS: one report and a 附议 on the neighbour's report.
      await askCode(P);
      const h5 = (await signIn(P, sms.lastCode(P))).body;
      const h5Report = await app.request('POST', '/api/v1/complaints', { body: aReportBody(business, { description: '网页上反映：后厨地面有积水和垃圾' }), token: h5.token });
      expect(h5Report.status).toBe(201);
      const other = await app.request('POST', '/api/v1/complaints', { body: aReportBody(business, { description: '邻居反映：冷柜温度过高' }), token: neighbour });
      const otherId = other.body.id as number;
      expect((await app.request('POST', `/api/v1/complaints/${otherId}/me-too`, { token: h5.token })).status).toBe(200);
      await app.prisma.notification.create({ data: { userId: h5.user.id, kind: 'TEST', title: '网页端的通知', body: '受理结果' } });
      await app.prisma.subscriptionGrant.create({ data: { userId: h5.user.id, templateId: 'tpl-accepted', remaining: 2 } });

      // In the mini-program, by WeChat: another report.
      const wxReport = await app.request('POST', '/api/v1/complaints', { body: aReportBody(business, { description: '小程序上反映：售卖过期酸奶' }), token: wechat });
      expect(wxReport.status).toBe(201);
      expect((await mine(wechat)).body.items.map((c) => c.description)).toEqual(['小程序上反映：售卖过期酸奶']);

      later(61 * SECOND);
      const sent = await linkCode(wechat);
      expect(sent.status).toBe(200);
      expect(sent.body).toEqual({ sent: true, resendAfterSeconds: 60, demo: false });
      const linked = await link(wechat, sms.lastCode(P));
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ displayName: '微信用户lice', phoneMasked: '138****5678', wechatBound: true });

      const both = ['小程序上反映：售卖过期酸奶', '网页上反映：后厨地面有积水和垃圾'];
      expect((await mine(wechat)).body.items.map((c) => c.description)).toEqual(expect.arrayContaining(both));
      const wxUser = await app.prisma.user.findUniqueOrThrow({ where: { username: 'wx-alice' } });
      expect(await app.prisma.complaintSupport.count({ where: { userId: wxUser.id, complaintId: otherId } })).toBe(1);
      expect(await app.prisma.notification.count({ where: { userId: wxUser.id, title: '网页端的通知' } })).toBe(1);
      expect(await app.prisma.subscriptionGrant.findUnique({ where: { userId_templateId: { userId: wxUser.id, templateId: 'tpl-accepted' } } })).toMatchObject({ remaining: 2 });

      // The SMS-only account is signed out and closed; the number now opens the WeChat account on the portal too.
      expect((await app.get('/api/v1/me', h5.token)).status).toBe(401);
      expect(await app.prisma.user.findUniqueOrThrow({ where: { id: h5.user.id } })).toMatchObject({ disabled: true, phoneHash: null, phoneEnc: null });
      later(61 * SECOND);
      await askCode(P);
      const portal = await signIn(P, sms.lastCode(P));
      expect(portal.body.user.id).toBe(wxUser.id);
      expect((await mine(portal.body.token)).body.items.map((c) => c.description)).toEqual(expect.arrayContaining(both));
    });

    it('keeps a number another WeChat account holds, and a code sent for one account does not link another', async () => {
      await aUser().username('wx-alice').openid('openid-alice').build(app.prisma);
      await aUser().username('wx-bob').openid('openid-bob').build(app.prisma);
      const alice = await app.login('wx-alice');
      const bob = await app.login('wx-bob');
      await linkCode(alice);
      const aliceCode = sms.lastCode(P);
      // Bob cannot use the code Alice was sent.
      expect((await link(bob, aliceCode)).body.code).toBe('SMS_CODE_INVALID');
      expect((await link(alice, aliceCode)).status).toBe(200);

      later(61 * SECOND);
      await linkCode(bob);
      const taken = await link(bob, sms.lastCode(P));
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({ code: 'PHONE_LINKED_ELSEWHERE', message: '该手机号已绑定其他微信账号' });
      expect((await app.get<Me>('/api/v1/me', bob)).body.phoneMasked).toBeNull();
      expect((await app.get<Me>('/api/v1/me', alice)).body.phoneMasked).toBe('138****5678');
    });

    it('refuses a sign-in code for linking and a link code for sign-in', async () => {
      await aUser().username('wx-alice').openid('openid-alice').build(app.prisma);
      const alice = await app.login('wx-alice');
      await askCode(P);
      expect((await link(alice, sms.lastCode(P))).body.code).toBe('SMS_CODE_INVALID');
      later(61 * SECOND);
      await linkCode(alice);
      expect((await signIn(P, sms.lastCode(P))).body.code).toBe('SMS_CODE_INVALID');
    });
  });
});
