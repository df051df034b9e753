import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintStatus } from '@sa/contracts';
import { aBusiness, aCadre, anAssignment, aUser, aWorld, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { complaintInclude } from '../complaints/complaints.repository';
import type { WorkflowAction } from '../complaints/workflow';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcher } from './outbox.dispatcher';

const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

describe('inbox and WeChat subscribe messages', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let notifications: NotificationsService;
  let dispatcher: OutboxDispatcher;
  let world: World;
  let business: { id: number; name: string; streetId: number; communityId: number };
  let users: Record<'reporter' | 'webReporter' | 'refuser' | 'staff' | 'staff2' | 'otherStaff' | 'cadre' | 'admin', { id: number }>;
  let tokens: Record<'reporter' | 'staff' | 'cadre', string>;

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({
      WECHAT_API_BASE: wechat.url,
      SWEEP_INTERVAL_SECONDS: '0',
      OUTBOX_INTERVAL_SECONDS: '0',
      WECHAT_TEMPLATE_ACCEPTED: 'tpl-accepted',
      WECHAT_TEMPLATE_DECIDED: 'tpl-decided',
      WECHAT_TEMPLATE_RESOLVED: 'tpl-resolved',
      // WECHAT_TEMPLATE_TRANSFERRED unset: transfers are told in the inbox only.
    });
    notifications = app.nest.get(NotificationsService);
    dispatcher = app.nest.get(OutboxDispatcher);
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });

  beforeEach(async () => {
    await app.truncate();
    wechat.requests.length = 0;
    wechat.subscribe.sent.length = 0;
    world = await aWorld(app.prisma);
    business = await aBusiness().named('李记小吃店').in(world.community).build(app.prisma);
    const cadre = await aCadre().named('陈秀兰').of(world.community).build(app.prisma);
    await anAssignment().of(business).to(cadre).build(app.prisma);
    users = {
      reporter: await aUser().username('reporter').named('张小梅').openid('openid-alice').build(app.prisma),
      webReporter: await aUser().username('web-reporter').named('刘洋').build(app.prisma),
      refuser: await aUser().username('refuser').openid('openid-refuser-1').build(app.prisma),
      staff: await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma),
      staff2: await aUser().role('OFFICE_STAFF').username('staff2').office(world.office).build(app.prisma),
      otherStaff: await aUser().role('OFFICE_STAFF').username('other-staff').office(world.otherOffice).build(app.prisma),
      cadre: await aUser().username('cadre').cadre(cadre).build(app.prisma),
      admin: await aUser().role('ADMIN').username('admin').build(app.prisma),
    };
    tokens = { reporter: await app.login('reporter'), staff: await app.login('staff'), cadre: await app.login('cadre') };
    // Subscribe messages go only against consent: the reporter accepted each template often enough, in WeChat and here.
    for (const templateId of ['tpl-accepted', 'tpl-decided', 'tpl-resolved']) {
      wechat.subscribe.grant('openid-alice', templateId, 10);
      await app.prisma.subscriptionGrant.create({ data: { userId: users.reporter.id, templateId, remaining: 10 } });
    }
  });

  const received = async (reporter: { id: number } = users.reporter) => {
    const cadreId = (await app.prisma.user.findUniqueOrThrow({ where: { id: users.cadre.id } })).cadreId!;
    const c = await aComplaint().about(business).handledBy(world.office).cadre({ id: cadreId }).by(reporter).deadline('VERIFY', '2026-11-20').build(app.prisma);
    await app.prisma.$transaction((tx) => notifications.complaintReceivedIn(tx, c.id));
    return c;
  };

  const load = (id: number) => app.prisma.complaint.findUniqueOrThrow({ where: { id }, include: complaintInclude });

  /** What the workflow service does in its transaction: the change, its audit entry and the notices it causes. */
  const step = async (id: number, action: WorkflowAction, to: ComplaintStatus, extra: { reply?: string; outcome?: 'FIXED'; transferTo?: string } = {}) =>
    app.prisma.$transaction(async (tx) => {
      await tx.complaint.update({ where: { id }, data: { status: to, outcome: extra.outcome ?? null, transferTo: extra.transferTo ?? null } });
      const event = await tx.complaintEvent.create({ data: { complaintId: id, actorRole: 'OFFICE_STAFF', action, toStatus: to, payload: extra.reply ? { reply: extra.reply } : {} } });
      await notifications.complaintTransitioned(tx, id, { id: event.id, at: event.at, action }, extra.reply);
      return { id, event: { id: event.id, at: event.at, action } };
    });

  const inboxOf = async (user: { id: number }) => app.prisma.notification.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } });

  describe('in-app inbox', () => {
    it('tells the responsible cadre and every staff member of the handling office of a new complaint, once', async () => {
      const c = await received();
      await app.prisma.$transaction((tx) => notifications.complaintReceivedIn(tx, c.id));

      for (const u of [users.cadre, users.staff, users.staff2]) {
        const inbox = await inboxOf(u);
        expect(inbox).toHaveLength(1);
        expect(inbox[0]).toMatchObject({ kind: 'COMPLAINT_RECEIVED', complaintId: c.id, title: '新举报：李记小吃店' });
        expect(inbox[0]!.body).toContain(c.trackingNo);
      }
      for (const u of [users.otherStaff, users.admin, users.reporter]) expect(await inboxOf(u)).toHaveLength(0);
    });

    it('never shows the cadre who reported: no name, no phone, not even masked', async () => {
      await received();
      const res = await app.get('/api/v1/me/notifications', tokens.cadre);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('张小梅');
      expect(text).not.toContain('1381234');
      expect(text).not.toContain('138****1234');
    });

    it('tells the logged-in reporter of acceptance, the case decision and resolution, not of internal steps', async () => {
      const c = await received();
      await step(c.id, 'accept', 'ACCEPTED');
      await step(c.id, 'startVerification', 'VERIFYING');
      await step(c.id, 'fileCase', 'CASE_FILED');
      await step(c.id, 'resolve', 'RESOLVED', { outcome: 'FIXED', reply: '已责令下架过期酸奶并立案处理。' });

      const res = await app.get('/api/v1/me/notifications', tokens.reporter);
      expect(res.body.items.map((n: { title: string }) => n.title)).toEqual(['您的举报已办结', '您举报的问题已立案', '您的举报已受理']);
      expect(res.body.items[0].body).toContain('办理结果：已整改');
      expect(res.body.items[0].body).toContain('答复：已责令下架过期酸奶并立案处理。');
      expect(res.body).toMatchObject({ total: 3, unread: 3 });
    });

    it('notifies a retried step once, but a second resolution after a reopen again', async () => {
      const c = await received();
      const accepted = await step(c.id, 'accept', 'ACCEPTED');
      await app.prisma.$transaction((tx) => notifications.complaintTransitioned(tx, c.id, accepted.event));
      expect(await inboxOf(users.reporter)).toHaveLength(1);
      expect(await app.prisma.outboundMessage.count()).toBe(1);

      await step(c.id, 'resolve', 'RESOLVED', { outcome: 'FIXED', reply: '第一次办结答复内容。' });
      await step(c.id, 'reopen', 'REOPENED');
      await step(c.id, 'resolve', 'RESOLVED', { outcome: 'FIXED', reply: '复查后再次办结答复。' });
      expect((await inboxOf(users.reporter)).map((n) => n.title)).toEqual(['您的举报已受理', '您的举报已办结', '您的举报已办结']);
    });

    it('lists newest first with unread filter and paging, and marks one or all read', async () => {
      const c = await received();
      await step(c.id, 'accept', 'ACCEPTED');
      await step(c.id, 'fileCase', 'CASE_FILED');
      await step(c.id, 'resolve', 'RESOLVED', { outcome: 'FIXED', reply: '已整改完毕，谢谢监督。' });

      const page = await app.get('/api/v1/me/notifications?limit=2&offset=1', tokens.reporter);
      expect(page.body.items.map((n: { title: string }) => n.title)).toEqual(['您举报的问题已立案', '您的举报已受理']);
      expect(page.body).toMatchObject({ total: 3, unread: 3 });

      const oldest = page.body.items[1];
      const read = await app.post(`/api/v1/me/notifications/${oldest.id}/read`, undefined, tokens.reporter);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: oldest.id, kind: 'COMPLAINT_UPDATE', complaintId: c.id });
      expect(Date.parse(read.body.readAt)).not.toBeNaN();
      const again = await app.post(`/api/v1/me/notifications/${oldest.id}/read`, undefined, tokens.reporter);
      expect(again.body.readAt).toBe(read.body.readAt);

      const unread = await app.get('/api/v1/me/notifications?unread=true', tokens.reporter);
      expect(unread.body).toMatchObject({ total: 2, unread: 2 });
      expect(unread.body.items.map((n: { id: number }) => n.id)).not.toContain(oldest.id);

      const staffUnread = (await app.get('/api/v1/me/notifications', tokens.staff)).body.unread;
      expect(staffUnread).toBeGreaterThan(0);
      expect((await app.post('/api/v1/me/notifications/read-all', undefined, tokens.reporter)).body).toEqual({ updated: 2 });
      expect((await app.get('/api/v1/me/notifications', tokens.reporter)).body).toMatchObject({ total: 3, unread: 0 });
      // Only the caller's own messages: the office's stay unread.
      expect((await app.get('/api/v1/me/notifications', tokens.staff)).body.unread).toBe(staffUnread);
      expect((await app.post('/api/v1/me/notifications/read-all', undefined, tokens.reporter)).body).toEqual({ updated: 0 });
      expect((await app.post('/api/v1/me/notifications/read-all')).status).toBe(401);
    });

    it('lets no one read or mark another user’s notifications', async () => {
      await received();
      const staffItem = (await app.get('/api/v1/me/notifications', tokens.staff)).body.items[0];
      const res = await app.post(`/api/v1/me/notifications/${staffItem.id}/read`, undefined, tokens.cadre);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect((await app.prisma.notification.findUniqueOrThrow({ where: { id: staffItem.id } })).readAt).toBeNull();

      expect((await app.post('/api/v1/me/notifications/999999/read', undefined, tokens.cadre)).status).toBe(404);
      expect((await app.post('/api/v1/me/notifications/abc/read', undefined, tokens.cadre)).status).toBe(400);
      expect((await app.get('/api/v1/me/notifications?unread=maybe', tokens.cadre)).body.code).toBe('VALIDATION_FAILED');
      expect((await app.get('/api/v1/me/notifications')).status).toBe(401);
    });
  });

  describe('WeChat subscribe messages through the outbox', () => {
    it('queues a message with the step and sends it with one cached access token', async () => {
      const c = await received();
      await step(c.id, 'accept', 'ACCEPTED');
      const queued = await app.prisma.outboundMessage.findFirstOrThrow();
      expect(queued).toMatchObject({ state: 'PENDING', openid: 'openid-alice', templateId: 'tpl-accepted', attempts: 0 });

      expect(await dispatcher.dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(wechat.subscribe.sent).toEqual([
        {
          touser: 'openid-alice',
          template_id: 'tpl-accepted',
          page: `pages/mine/index?complaintId=${c.id}`,
          data: expect.objectContaining({ character_string1: { value: c.trackingNo }, phrase3: { value: '已受理' }, thing2: { value: '举报：李记小吃店' } }),
        },
      ]);
      const token = wechat.requests.find((r) => r.path === '/cgi-bin/stable_token')!;
      expect(token.method).toBe('POST');
      expect(JSON.parse(token.body)).toEqual({ grant_type: 'client_credential', appid: 'wx-test-appid', secret: 'test-secret', force_refresh: false });
      expect(await app.prisma.outboundMessage.findFirstOrThrow()).toMatchObject({ state: 'SENT', attempts: 1, lastError: null });

      await step(c.id, 'fileCase', 'CASE_FILED');
      await dispatcher.dispatch();
      expect(wechat.subscribe.sent.map((m) => m.template_id)).toEqual(['tpl-accepted', 'tpl-decided']);
      expect(wechat.requests.filter((r) => r.path === '/cgi-bin/stable_token')).toHaveLength(1);
      expect(wechat.requests.some((r) => r.path === '/cgi-bin/token')).toBe(false);
      expect(wechat.requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send').every((r) => r.query.get('access_token') === 'token-1')).toBe(true);
    });

    it('retries after a WeChat failure with backoff, and sends nothing twice', async () => {
      const c = await received();
      await step(c.id, 'accept', 'ACCEPTED');
      wechat.subscribe.failNext(-1);
      const t0 = new Date();

      expect(await dispatcher.dispatch(t0)).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const waiting = await app.prisma.outboundMessage.findFirstOrThrow();
      expect(waiting).toMatchObject({ state: 'PENDING', attempts: 1, lastError: 'errcode -1: system error' });
      expect(waiting.nextAttemptAt.getTime()).toBe(later(t0, 60).getTime());

      expect(await dispatcher.dispatch(later(t0, 30))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(await dispatcher.dispatch(later(t0, 61))).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(await dispatcher.dispatch(later(t0, 3600))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(wechat.subscribe.sent).toHaveLength(1);
      expect(await app.prisma.outboundMessage.findFirstOrThrow()).toMatchObject({ state: 'SENT', attempts: 2 });
    });

    it('gives up after five failed attempts and keeps the last error', async () => {
      const c = await received();
      await step(c.id, 'accept', 'ACCEPTED');
      wechat.subscribe.failNext(45009, 5);
      let at = new Date();
      for (const wait of [1, 5, 30, 120]) {
        expect((await dispatcher.dispatch(at)).retrying).toBe(1);
        at = later(at, wait * 60);
      }
      expect(await dispatcher.dispatch(at)).toEqual({ sent: 0, retrying: 0, failed: 1 });
      expect(await app.prisma.outboundMessage.findFirstOrThrow()).toMatchObject({ state: 'FAILED', attempts: 5, lastError: 'errcode 45009: scripted failure' });
      expect(await dispatcher.dispatch(later(at, 86_400))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    });

    it('does not retry when WeChat says the user refused the subscription (43101)', async () => {
      // Granted here, but withdrawn in WeChat's settings since: WeChat has no consent left.
      await app.prisma.subscriptionGrant.create({ data: { userId: users.refuser.id, templateId: 'tpl-accepted', remaining: 1 } });
      const c = await received(users.refuser);
      await step(c.id, 'accept', 'ACCEPTED');
      expect(await dispatcher.dispatch()).toEqual({ sent: 0, retrying: 0, failed: 1 });
      expect(await app.prisma.outboundMessage.findFirstOrThrow()).toMatchObject({ state: 'FAILED', attempts: 1, lastError: 'errcode 43101: user refuse to accept the msg' });
      expect(await dispatcher.dispatch(later(new Date(), 86_400))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(wechat.requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send')).toHaveLength(1);
      // The inbox still tells them.
      expect(await inboxOf(users.refuser)).toHaveLength(1);
    });

    it('fetches a new token once when WeChat calls the cached one stale (40001) and sends in the same attempt', async () => {
      const c = await received();
      await step(c.id, 'accept', 'ACCEPTED');
      await dispatcher.dispatch();
      wechat.tokens.revokeAll();
      await step(c.id, 'fileCase', 'CASE_FILED');
      expect(await dispatcher.dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(wechat.tokens.issued).toBe(2);
      // WeChat already had a new token to hand out: no forced refresh was needed.
      expect(wechat.requests.filter((r) => r.path === '/cgi-bin/stable_token').map((r) => JSON.parse(r.body).force_refresh)).toEqual([false]);
      expect(await app.prisma.outboundMessage.count({ where: { state: 'SENT', attempts: 1 } })).toBe(2);
    });

    it('queues nothing without an openid, for an unconfigured template, or for steps without a message', async () => {
      const web = await received(users.webReporter);
      await step(web.id, 'accept', 'ACCEPTED');
      expect(await inboxOf(users.webReporter)).toHaveLength(1);

      const c = await received();
      await step(c.id, 'transfer', 'TRANSFERRED', { transferTo: '区发展和改革局', reply: '已转区发展和改革局处理。' });
      expect((await inboxOf(users.reporter))[0]!.body).toContain('已转交区发展和改革局处理');

      const other = await received();
      await step(other.id, 'reject', 'REJECTED', { reply: '已由消费者协会受理，本局不予受理。' });
      expect(await app.prisma.outboundMessage.count()).toBe(0);
    });

    it('sends each message once when two dispatchers run at the same time', async () => {
      for (let i = 0; i < 6; i++) {
        const c = await received();
        await step(c.id, 'accept', 'ACCEPTED');
      }
      const results = await Promise.all([dispatcher.dispatch(), dispatcher.dispatch(), dispatcher.dispatch()]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
      expect(wechat.subscribe.sent).toHaveLength(6);
      expect(await app.prisma.outboundMessage.count({ where: { state: 'SENT', attempts: 1 } })).toBe(6);
    });
  });
});
