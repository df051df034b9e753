import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aUser, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startFakeWechat } from '../../../test/support/fake-wechat';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { REOPEN_WINDOW_DAYS } from './workflow';
import { WorkflowService } from './workflow.service';

// A workflow step and the notices it causes (the reporter's inbox row, the WeChat outbox row, the grant it uses)
// commit in one transaction, or not at all.
describe('a step and its notices commit together', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let world: World;
  let business: { id: number; name: string };
  let reporter: { id: number };
  let tokens: { reporter: string; noOpenid: string; staff: string };

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({ WECHAT_API_BASE: wechat.url, WECHAT_TEMPLATE_ACCEPTED: 'tpl-accepted', WECHAT_TEMPLATE_RESOLVED: 'tpl-resolved' });
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });

  beforeEach(async () => {
    ({ world, business } = await aComplaintWorld(app));
    reporter = await aUser().username('mei').named('张小梅').openid('openid-mei').build(app.prisma);
    await aUser().username('yang').named('刘洋').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    for (const templateId of ['tpl-accepted', 'tpl-resolved']) {
      await app.prisma.subscriptionGrant.create({ data: { userId: reporter.id, templateId, remaining: 5 } });
    }
    tokens = { reporter: await app.login('mei'), noOpenid: await app.login('yang'), staff: await app.login('staff') };
  });

  const submit = async (token?: string, over: Record<string, unknown> = {}) => {
    const res = await app.post('/api/v1/complaints', aReportBody(business, over), token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number };
  };
  const act = (id: number, body: Record<string, unknown>) => app.post(`/api/v1/workbench/complaints/${id}/actions`, body, tokens.staff);
  const reporterNotices = (complaintId: number) =>
    app.prisma.notification.findMany({ where: { complaintId, dedupeKey: { contains: ':event:' } }, orderBy: { id: 'asc' } });
  const outbox = () => app.prisma.outboundMessage.findMany({ orderBy: { id: 'asc' } });
  const grant = async (templateId: string) => (await app.prisma.subscriptionGrant.findFirstOrThrow({ where: { userId: reporter.id, templateId } })).remaining;

  /** Any insert of a notice about this complaint fails, as a crash between the two writes would. */
  const breakNoticesOf = async (complaintId: number) => {
    await app.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_refuse_notice() RETURNS trigger AS $$
      BEGIN
        IF NEW."complaintId" = ${complaintId} THEN RAISE EXCEPTION 'notice refused by test'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await app.prisma.$executeRawUnsafe(`CREATE TRIGGER test_refuse_notice BEFORE INSERT ON "Notification" FOR EACH ROW EXECUTE FUNCTION test_refuse_notice()`);
  };
  const mendNotices = () => app.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse_notice ON "Notification"`);

  it('writes exactly one inbox row and one outbox row per step, keyed by the step’s audit entry', async () => {
    const c = await submit(tokens.reporter);
    expect((await act(c.id, { action: 'accept' })).status).toBe(200);
    const accepted = await app.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId: c.id, action: 'accept' } });
    let inbox = await reporterNotices(c.id);
    expect(inbox.map((n) => [n.userId, n.title, n.dedupeKey])).toEqual([[reporter.id, '您的举报已受理', `complaint:${c.id}:event:${accepted.id}:user:${reporter.id}`]]);
    expect((await outbox()).map((m) => [m.dedupeKey, m.openid, m.templateId])).toEqual([[`complaint:${c.id}:event:${accepted.id}:wechat`, 'openid-mei', 'tpl-accepted']]);
    expect(await grant('tpl-accepted')).toBe(4);

    // An internal step tells nobody; the resolution adds one of each again.
    expect((await act(c.id, { action: 'startVerification' })).status).toBe(200);
    expect((await act(c.id, { action: 'noCase', reason: '未发现违法行为' })).status).toBe(200);
    expect((await act(c.id, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查，未发现您反映的违法违规行为。' })).status).toBe(200);
    inbox = await reporterNotices(c.id);
    expect(inbox.map((n) => n.title)).toEqual(['您的举报已受理', expect.stringContaining('立案'), '您的举报已办结']);
    expect((await outbox()).map((m) => m.templateId)).toEqual(['tpl-accepted', 'tpl-resolved']);
    expect(await grant('tpl-resolved')).toBe(4);
  });

  it('rolls the step back when its notice cannot be written: status, trail, deadlines, outbox and grant unchanged', async () => {
    const c = await submit(tokens.reporter);
    const before = await app.prisma.complaint.findUniqueOrThrow({ where: { id: c.id }, include: { deadlines: true, events: true } });
    await breakNoticesOf(c.id);
    try {
      const res = await act(c.id, { action: 'accept' });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const after = await app.prisma.complaint.findUniqueOrThrow({ where: { id: c.id }, include: { deadlines: true, events: true } });
      expect(after.status).toBe('SUBMITTED');
      expect(after.events.map((e) => e.action)).toEqual(before.events.map((e) => e.action));
      expect(after.deadlines).toEqual(before.deadlines);
      expect(await reporterNotices(c.id)).toEqual([]);
      expect(await outbox()).toEqual([]);
      expect(await grant('tpl-accepted')).toBe(5);
    } finally {
      await mendNotices();
    }
    // Once notices can be written again the same step goes through, notified once.
    expect((await act(c.id, { action: 'accept' })).status).toBe(200);
    expect(await reporterNotices(c.id)).toHaveLength(1);
    expect(await outbox()).toHaveLength(1);
  });

  it('rolls a re-route back with its notices to the new office and cadre', async () => {
    await aUser().role('OFFICE_STAFF').username('other-staff').office(world.otherOffice).build(app.prisma);
    const c = await submit(tokens.reporter);
    await breakNoticesOf(c.id);
    try {
      const res = await app.post(`/api/v1/workbench/complaints/${c.id}/reroute`, { officeId: world.otherOffice.id, cadreId: null, reason: '经营者实际位于西河街道' }, tokens.staff);
      expect(res.status).toBeGreaterThanOrEqual(500);
    } finally {
      await mendNotices();
    }
    const after = await app.prisma.complaint.findUniqueOrThrow({ where: { id: c.id }, include: { events: true, routings: true } });
    expect(after.officeId).toBe(world.office.id);
    expect(after.events.some((e) => e.action === 'reroute')).toBe(false);
    expect(after.routings).toHaveLength(1);
  });

  it('gives a reporter without an openid the inbox row only, and an anonymous tip nobody', async () => {
    const web = await submit(tokens.noOpenid, { reporterName: '刘洋' });
    expect((await act(web.id, { action: 'accept' })).status).toBe(200);
    expect((await reporterNotices(web.id)).map((n) => n.title)).toEqual(['您的举报已受理']);
    expect(await outbox()).toEqual([]);

    const tip = await submit(undefined, { anonymous: true, reporterName: undefined, contactPhone: undefined, reporterAddress: undefined });
    expect((await act(tip.id, { action: 'accept' })).status).toBe(200);
    expect(await reporterNotices(tip.id)).toEqual([]);
    expect(await outbox()).toEqual([]);
  });
});

describe('归档 (closeExpired): one statement per batch', () => {
  let app: TestApp;
  let workflow: WorkflowService;

  beforeAll(async () => {
    app = await startTestApp();
    workflow = app.nest.get(WorkflowService);
  });
  afterAll(async () => app?.close());

  it('closes resolved complaints past the reopen window once, each with its trail entry, and leaves the others', async () => {
    const { world, business } = await aComplaintWorld(app);
    const now = new Date('2026-11-20T02:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const resolved = async (resolvedAt: Date, status: 'RESOLVED' | 'REOPENED' = 'RESOLVED') => {
      const c = await aComplaint().about(business).handledBy(world.office).status(status).build(app.prisma);
      await app.prisma.complaint.update({ where: { id: c.id }, data: { resolvedAt } });
      return c.id;
    };
    const expired = [await resolved(ago(REOPEN_WINDOW_DAYS + 1)), await resolved(ago(REOPEN_WINDOW_DAYS + 30))];
    const recent = await resolved(ago(REOPEN_WINDOW_DAYS - 1));
    const reopened = await resolved(ago(REOPEN_WINDOW_DAYS + 2), 'REOPENED');

    // Two instances sweeping at once close each complaint once between them.
    const counts = await Promise.all([workflow.closeExpired(now), workflow.closeExpired(now)]);
    expect(counts[0] + counts[1]).toBe(2);
    expect(await workflow.closeExpired(now)).toBe(0);

    for (const id of expired) {
      const c = await app.prisma.complaint.findUniqueOrThrow({ where: { id }, include: { events: true } });
      expect(c.status).toBe('CLOSED');
      expect(c.closedAt).toEqual(now);
      expect(c.events.filter((e) => e.action !== 'submit').map((e) => ({ action: e.action, actorRole: e.actorRole, from: e.fromStatus, to: e.toStatus, at: e.at, reason: e.reason }))).toEqual([
        { action: 'close', actorRole: 'SYSTEM', from: 'RESOLVED', to: 'CLOSED', at: now, reason: `办结满 ${REOPEN_WINDOW_DAYS} 日未重新打开，自动归档` },
      ]);
    }
    for (const id of [recent, reopened]) {
      const c = await app.prisma.complaint.findUniqueOrThrow({ where: { id }, include: { events: true } });
      expect(c.status).not.toBe('CLOSED');
      expect(c.events.some((e) => e.action === 'close')).toBe(false);
    }
  });
});
