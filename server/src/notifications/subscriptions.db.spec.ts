import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintStatus } from '@sa/contracts';
import { aBusiness, aUser, aWorld, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import type { Db } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcher } from './outbox.dispatcher';

describe('subscribe-message consent (一次性订阅)', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let notifications: NotificationsService;
  let dispatcher: OutboxDispatcher;
  let world: World;
  let business: { id: number; name: string; streetId: number; communityId: number };
  let mei: { id: number };
  let token: string;

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATE_ACCEPTED: 'tpl-accepted',
      WECHAT_TEMPLATE_DECIDED: 'tpl-decided',
      WECHAT_TEMPLATE_RESOLVED: 'tpl-resolved',
      WECHAT_TEMPLATE_TRANSFERRED: 'tpl-resolved',
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
    wechat.subscribe.sent.length = 0;
    world = await aWorld(app.prisma);
    business = await aBusiness().named('李记小吃店').in(world.community).build(app.prisma);
    mei = await aUser().username('mei').named('张小梅').openid('openid-mei').build(app.prisma);
    token = await app.login('mei');
  });

  /** The answer of wx.requestSubscribeMessage, as the miniapp posts it after 提交. */
  const answer = (results: Record<string, string>, as = token) => app.post('/api/v1/me/subscriptions', { results }, as);

  /** A complaint of mei's that staff accept: the step whose notice uses the tpl-accepted template. */
  const accepted = async () => {
    const c = await aComplaint().about(business).handledBy(world.office).by(mei).build(app.prisma);
    return app.prisma.$transaction(async (tx) => {
      await tx.complaint.update({ where: { id: c.id }, data: { status: 'ACCEPTED' satisfies ComplaintStatus } });
      return transitioned(tx, c.id);
    });
  };
  /** The accept step's audit entry and its notices, in the step's transaction. */
  const transitioned = async (tx: Db, complaintId: number) => {
    const e = await tx.complaintEvent.create({ data: { complaintId, actorRole: 'OFFICE_STAFF', action: 'accept', toStatus: 'ACCEPTED', payload: {} } });
    const event = { id: e.id, at: e.at, action: 'accept' as const };
    await notifications.complaintTransitioned(tx, complaintId, event);
    return { id: complaintId, event };
  };
  const inbox = () => app.prisma.notification.count({ where: { userId: mei.id } });
  const remaining = async () => (await app.get('/api/v1/me/subscriptions', token)).body.grants;

  it('offers the configured templates, each once and at most three, without a login', async () => {
    const res = await app.get('/api/v1/subscribe-templates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ templateIds: ['tpl-accepted', 'tpl-resolved', 'tpl-decided'] });
  });

  it('counts one grant per accept, refusals apart, and ignores templates this server does not send', async () => {
    const res = await answer({ 'tpl-accepted': 'accept', 'tpl-decided': 'reject', 'tpl-other': 'accept' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ grants: [{ templateId: 'tpl-accepted', remaining: 1 }, { templateId: 'tpl-decided', remaining: 0 }] });
    await answer({ 'tpl-accepted': 'accept', 'tpl-resolved': 'ban' });
    await answer({ 'tpl-accepted': 'accept', 'tpl-decided': 'filter' });
    expect(await remaining()).toEqual([
      { templateId: 'tpl-accepted', remaining: 3 },
      { templateId: 'tpl-decided', remaining: 0 },
      { templateId: 'tpl-resolved', remaining: 0 },
    ]);
    const rows = await app.prisma.subscriptionGrant.findMany({ where: { userId: mei.id }, orderBy: { templateId: 'asc' } });
    expect(rows.map((r) => [r.templateId, r.refused])).toEqual([['tpl-accepted', 0], ['tpl-decided', 1], ['tpl-resolved', 1]]);
  });

  it('refuses a malformed answer in Chinese and an anonymous caller', async () => {
    const bad = await answer({ 'tpl-accepted': 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await answer({})).status).toBe(400);
    expect((await answer({ a: 'accept', b: 'accept', c: 'accept', d: 'accept' })).status).toBe(400);
    expect((await app.post('/api/v1/me/subscriptions', { results: { 'tpl-accepted': 'accept' } })).status).toBe(401);
  });

  it('sends three messages against three accepts; the fourth notice reaches the inbox only', async () => {
    for (let i = 0; i < 3; i++) {
      await answer({ 'tpl-accepted': 'accept' });
      wechat.subscribe.grant('openid-mei', 'tpl-accepted');
    }
    for (let i = 0; i < 4; i++) await accepted();

    expect(await inbox()).toBe(4);
    expect(await app.prisma.outboundMessage.count()).toBe(3);
    expect(await dispatcher.dispatch()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(wechat.subscribe.sent.map((m) => [m.touser, m.template_id])).toEqual(Array(3).fill(['openid-mei', 'tpl-accepted']));
    expect(await remaining()).toEqual([{ templateId: 'tpl-accepted', remaining: 0 }]);
    // Nothing was sent that WeChat would refuse for lack of consent.
    expect(wechat.requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send').length).toBe(3);
  });

  it('after a reject or a ban, or with no answer at all: inbox only, no send and no error', async () => {
    await answer({ 'tpl-accepted': 'reject' });
    await accepted();
    await answer({ 'tpl-accepted': 'ban' });
    await accepted();
    expect(await inbox()).toBe(2);
    expect(await app.prisma.outboundMessage.count()).toBe(0);

    const other = await aUser().username('lin').openid('openid-lin').build(app.prisma);
    const c = await aComplaint().about(business).handledBy(world.office).by(other).build(app.prisma);
    await app.prisma.$transaction((tx) => transitioned(tx, c.id));
    expect(await app.prisma.notification.count({ where: { userId: other.id } })).toBe(1);
    expect(await app.prisma.outboundMessage.count()).toBe(0);
    expect(await dispatcher.dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('takes one grant for a step notified twice, and the last grant only once when two steps race for it', async () => {
    await answer({ 'tpl-accepted': 'accept' });
    await answer({ 'tpl-accepted': 'accept' });
    const c = await accepted();
    await app.prisma.$transaction((tx) => notifications.complaintTransitioned(tx, c.id, c.event));
    expect(await remaining()).toEqual([{ templateId: 'tpl-accepted', remaining: 1 }]);

    await Promise.all([accepted(), accepted()]);
    expect(await app.prisma.outboundMessage.count()).toBe(2);
    expect(await remaining()).toEqual([{ templateId: 'tpl-accepted', remaining: 0 }]);
    expect(await inbox()).toBe(3);
  });
});
