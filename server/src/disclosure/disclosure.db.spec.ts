import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aBusiness, aCadre, aUser, type World } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

// 处罚信息公示 (总局令第45号) through the HTTP API, on the real 2026 working-day calendar.
const shanghai = (local: string) => new Date(`${local}+08:00`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const ID_NO = '320102198001011234';

describe('penalty disclosure', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string };
  let tokens: { resident: string; staff: string; otherStaff: string; admin: string; cadre: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    let cadre: { id: number };
    ({ world, business, cadre } = await aComplaintWorld(app));
    await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').named('王所员').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('other-staff').office(world.otherOffice).build(app.prisma);
    await aUser().role('ADMIN').username('admin').build(app.prisma);
    await aUser().username('cadre').cadre(cadre).build(app.prisma);
    await aCadre().named('孙海燕').tier('DISTRICT').titled('副区长').of(world.district).build(app.prisma);
    tokens = {
      resident: await app.login('resident'),
      staff: await app.login('staff'),
      otherStaff: await app.login('other-staff'),
      admin: await app.login('admin'),
      cadre: await app.login('cadre'),
    };
  });

  const act = async (id: number, body: Record<string, unknown>) => {
    const res = await app.post(`/api/v1/workbench/complaints/${id}/actions`, body, tokens.staff);
    expect(res.status, `${String(body.action)}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  const decision = (over: Record<string, unknown> = {}) => ({
    type: 'PENALTY',
    decisionNo: '青岚市监罚〔2026〕118号',
    partyKind: 'NATURAL_PERSON',
    partyName: '李大明',
    partyIdNo: ID_NO,
    violationType: '销售超过保质期的食品',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第五项',
    penaltyContent: '没收超过保质期的酸奶 12 盒，并处罚款 5000 元',
    penaltyKinds: ['FINE', 'CONFISCATE_PROPERTY'],
    fineAmount: 5000,
    decisionDate: '2026-11-16',
    ...over,
  });
  /** A 举报 about `about`, filed on 2 November and decided (recorded) on 20 November. */
  const decidedCase = async (over: Record<string, unknown> = {}, about: { id: number } = business) => {
    app.clock.travelTo(shanghai('2026-11-02T09:00:00'));
    const res = await app.post('/api/v1/complaints', aReportBody(about), tokens.resident);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as number;
    for (const action of ['accept', 'startVerification', 'fileCase']) await act(id, { action });
    app.clock.travelTo(shanghai('2026-11-20T15:00:00'));
    await act(id, { action: 'decideCase', decision: decision(over) });
    const row = await app.prisma.penaltyDecision.findUniqueOrThrow({ where: { complaintId: id } });
    return { complaintId: id, decisionId: row.id };
  };
  const discloseLimit = (complaintId: number) => app.prisma.deadline.findFirst({ where: { complaintId, kind: 'DISCLOSE' } });
  const staffList = (state: string, token = tokens.staff, extra = '') => app.get(`/api/v1/workbench/penalties?state=${state}${extra}`, token);
  const publicList = (query = '') => app.get(`/api/v1/public/penalties${query}`);
  const sweep = () => app.post('/api/v1/admin/sweep', {}, tokens.admin);

  describe('the 20-working-day limit', () => {
    it('counts from the decision date, not the day it was recorded, and is met when the disclosure is public', async () => {
      const { complaintId, decisionId } = await decidedCase();
      const limit = await discloseLimit(complaintId);
      // Decided Monday 16 November (recorded on the 20th): 20 working days end on Monday 14 December.
      expect(limit).toMatchObject({ state: 'OPEN', workingDays: 20, unit: 'WORKING_DAYS' });
      expect(day(limit!.startDate)).toBe('2026-11-16');
      expect(day(limit!.dueDate)).toBe('2026-12-14');

      const pending = await staffList('PENDING');
      expect(pending.status).toBe(200);
      expect(pending.body.counts).toEqual({ PENDING: 1, PUBLISHED: 0, WITHDRAWN: 0 });
      expect(pending.body.items[0]).toMatchObject({ id: decisionId, state: 'PENDING', partyName: '李大明', publicPartyName: '李**', deadline: { dueDate: '2026-12-14', overdue: false, workingDaysLeft: 16 } });
      expect(JSON.stringify(pending.body)).not.toContain(ID_NO);
      expect((await publicList()).body).toEqual({ items: [], total: 0 });

      app.clock.travelTo(shanghai('2026-11-25T10:00:00'));
      const published = await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.staff);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ state: 'PUBLISHED', deadline: { state: 'MET' } });
      expect(published.body.disclosedAt.slice(0, 13)).toBe('2026-11-25T02');
      const met = await discloseLimit(complaintId);
      expect(met!.state).toBe('MET');
      expect(day(met!.metAt!)).toBe('2026-11-25');
      const again = await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.admin);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DISCLOSURE_ALREADY_PUBLISHED');

      // Met in time: a sweep after the due date has nothing to chase.
      app.clock.travelTo(shanghai('2026-12-16T09:00:00'));
      await sweep();
      expect(await app.prisma.escalation.count()).toBe(0);
    });

    it('does not start for a warning alone or 不予处罚, and refuses to disclose them', async () => {
      const warning = await decidedCase({ penaltyKinds: ['WARNING'], fineAmount: 0, penaltyContent: '给予警告' });
      expect(await discloseLimit(warning.complaintId)).toBeNull();
      const refused = await app.post(`/api/v1/workbench/penalties/${warning.decisionId}/disclose`, {}, tokens.staff);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'DISCLOSURE_NOT_REQUIRED', message: '仅受警告或不予处罚的决定不予公示' });

      const none = await decidedCase({ type: 'NO_PENALTY', decisionNo: '青岚市监不罚〔2026〕3号', penaltyKinds: [], fineAmount: 0, penaltyContent: '违法行为轻微并及时改正，不予行政处罚' });
      expect(await discloseLimit(none.complaintId)).toBeNull();
      expect((await app.post(`/api/v1/workbench/penalties/${none.decisionId}/disclose`, {}, tokens.staff)).body.code).toBe('DISCLOSURE_NOT_REQUIRED');
      const all = await Promise.all(['PENDING', 'PUBLISHED', 'WITHDRAWN'].map((s) => staffList(s, tokens.admin)));
      expect(all.map((r) => r.body.total)).toEqual([0, 0, 0]);
    });

    it('stays open after the complaint is resolved and closed, and escalates (督办) when missed', async () => {
      const { complaintId, decisionId } = await decidedCase();
      await act(complaintId, { action: 'resolve', outcome: 'FIXED', reply: '经查属实，已依法作出行政处罚决定。' });
      await act(complaintId, { action: 'close' });
      expect((await app.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).status).toBe('CLOSED');
      expect((await discloseLimit(complaintId))!.state).toBe('OPEN');

      // The due day itself is not over yet.
      app.clock.travelTo(shanghai('2026-12-14T20:00:00'));
      expect((await sweep()).body.escalated).toBe(0);
      app.clock.travelTo(shanghai('2026-12-15T09:00:00'));
      const swept = await sweep();
      expect(swept.body.escalated).toBe(1);
      const limit = await discloseLimit(complaintId);
      expect(await app.prisma.escalation.findUnique({ where: { deadlineId: limit!.id } })).toMatchObject({ complaintId, toTier: 'DISTRICT' });
      const adminInbox = await app.get('/api/v1/me/notifications', tokens.admin);
      expect(adminInbox.body.items.map((n: { title: string }) => n.title)).toContain('超期督办：处罚信息公示期限已届满');
      // Once, however often the sweep runs.
      expect((await sweep()).body.escalated).toBe(0);

      const overdue = await staffList('PENDING');
      expect(overdue.body.items[0].deadline).toMatchObject({ overdue: true, workingDaysLeft: -1 });
      const late = await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.staff);
      expect(late.status).toBe(200);
      expect((await discloseLimit(complaintId))!.state).toBe('MET');
      expect((await publicList()).body.total).toBe(1);
    });
  });

  describe('correction and withdrawal', () => {
    it('corrects the public fields with a reason in the audit trail, moving a running limit with a new decision date', async () => {
      const { complaintId, decisionId } = await decidedCase();
      const path = `/api/v1/workbench/penalties/${decisionId}`;
      const noReason = await app.request('PATCH', path, { body: { partyName: '李小明' }, token: tokens.staff });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { path: string }) => d.path)).toEqual(['reason']);
      const nothing = await app.request('PATCH', path, { body: { reason: '核对' }, token: tokens.staff });
      expect(nothing.status).toBe(400);
      const code = await app.request('PATCH', path, { body: { partyCreditCode: '92320102MA1XY2345K', reason: '补充信用代码' }, token: tokens.staff });
      expect(code.status).toBe(400);
      expect(code.body.code).toBe('DISCLOSURE_CREDIT_CODE_ORGANISATION_ONLY');
      const future = await app.request('PATCH', path, { body: { decisionDate: '2026-12-30', reason: '日期录错' }, token: tokens.staff });
      expect(future.body.code).toBe('DISCLOSURE_DATE_IN_FUTURE');

      const fixed = await app.request('PATCH', path, {
        body: { partyName: '李小明', decisionDate: '2026-11-18', penaltyContent: '没收超过保质期的酸奶 12 盒，并处罚款 4000 元', reason: '当事人姓名和罚款金额录入有误，依决定书原件更正' },
        token: tokens.staff,
      });
      expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
      expect(fixed.body).toMatchObject({ partyName: '李小明', publicPartyName: '李**', decisionDate: '2026-11-18', deadline: { startDate: '2026-11-18', dueDate: '2026-12-16' } });

      const event = await app.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId, action: 'correctDisclosure' } });
      expect(event).toMatchObject({ reason: '当事人姓名和罚款金额录入有误，依决定书原件更正', fromStatus: 'CASE_DECIDED', toStatus: 'CASE_DECIDED', actorRole: 'OFFICE_STAFF' });
      expect(event.payload).toMatchObject({ changes: { partyName: { from: '李大明', to: '李小明' }, decisionDate: { from: '2026-11-16', to: '2026-11-18' } } });
      const detail = await app.get(`/api/v1/workbench/complaints/${complaintId}`, tokens.staff);
      const entry = detail.body.trail.find((e: { action: string }) => e.action === 'correctDisclosure');
      expect(entry).toMatchObject({ actionLabel: '更正公示信息', actorName: '王所员' });
      // The complaint did not move.
      expect(detail.body.status).toBe('CASE_DECIDED');
    });

    it('withdraws a published disclosure with a required reason: gone from the public list, kept in the trail', async () => {
      const { complaintId, decisionId } = await decidedCase();
      await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.staff);
      expect((await publicList()).body.total).toBe(1);
      const path = `/api/v1/workbench/penalties/${decisionId}/withdraw`;
      expect((await app.post(path, {}, tokens.staff)).status).toBe(400);
      const withdrawn = await app.post(path, { reason: '该处罚决定经行政复议被撤销' }, tokens.staff);
      expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
      expect(withdrawn.body).toMatchObject({ state: 'WITHDRAWN', withdrawReason: '该处罚决定经行政复议被撤销' });
      expect((await publicList()).body).toEqual({ items: [], total: 0 });
      expect((await staffList('WITHDRAWN')).body.items.map((i: { id: number }) => i.id)).toEqual([decisionId]);
      expect((await app.post(path, { reason: '再次撤回' }, tokens.staff)).body.code).toBe('DISCLOSURE_WITHDRAWN');
      expect((await app.request('PATCH', `/api/v1/workbench/penalties/${decisionId}`, { body: { partyName: '李小明', reason: '更正' }, token: tokens.staff })).body.code).toBe('DISCLOSURE_WITHDRAWN');

      const detail = await app.get(`/api/v1/workbench/complaints/${complaintId}`, tokens.staff);
      const actions = detail.body.trail.map((e: { action: string; actionLabel: string }) => `${e.action}:${e.actionLabel}`);
      expect(actions).toEqual(expect.arrayContaining(['disclose:处罚信息公示', 'withdrawDisclosure:撤回处罚信息公示']));
      expect(detail.body.trail.find((e: { action: string }) => e.action === 'withdrawDisclosure').reason).toBe('该处罚决定经行政复议被撤销');
    });

    it('withdrawing before publication ends the limit, so nothing is escalated for a revoked decision', async () => {
      const { complaintId, decisionId } = await decidedCase();
      await app.post(`/api/v1/workbench/penalties/${decisionId}/withdraw`, { reason: '处罚决定已被依法撤销' }, tokens.staff);
      expect((await discloseLimit(complaintId))!.state).toBe('CANCELLED');
      app.clock.travelTo(shanghai('2026-12-16T09:00:00'));
      expect((await sweep()).body.escalated).toBe(0);
    });

    it('lets only the handling office and the admin act; others get 404 or 403', async () => {
      const { decisionId } = await decidedCase();
      const other = await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.otherStaff);
      expect(other.status).toBe(404);
      expect((await staffList('PENDING', tokens.otherStaff)).body.total).toBe(0);
      expect((await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.cadre)).status).toBe(403);
      expect((await staffList('PENDING', tokens.resident)).status).toBe(403);
      expect((await app.post(`/api/v1/workbench/penalties/${decisionId}/disclose`, {}, tokens.admin)).status).toBe(200);
    });
  });

  describe('the public list', () => {
    it('searches business, decision number and organisations, never a person\'s real name, and pages newest first', async () => {
      const shop = await aBusiness().named('鲜味餐厅').grade('C').in(world.community).build(app.prisma);
      const cases = [
        await decidedCase(),
        await decidedCase(
          { decisionNo: '青岚市监罚〔2026〕119号', partyKind: 'ORGANISATION', partyName: '青岚鲜味餐饮管理有限公司', partyIdNo: undefined, partyCreditCode: '91320102MA1XY2345K', violationType: '未按规定公示食品经营许可证' },
          shop,
        ),
        await decidedCase({ decisionNo: '青岚市监罚〔2026〕120号', partyName: '欧阳娜娜', violationType: '从业人员未取得健康证明从事接触直接入口食品的工作' }),
      ];
      for (const [i, c] of cases.entries()) {
        app.clock.travelTo(shanghai(`2026-11-2${3 + i}T10:00:00`));
        expect((await app.post(`/api/v1/workbench/penalties/${c.decisionId}/disclose`, {}, tokens.staff)).status).toBe(200);
      }

      const all = await publicList();
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items.map((i: { decisionNo: string }) => i.decisionNo)).toEqual(['青岚市监罚〔2026〕120号', '青岚市监罚〔2026〕119号', '青岚市监罚〔2026〕118号']);
      expect(all.body.items[0]).toEqual({
        id: cases[2]!.decisionId,
        decisionNo: '青岚市监罚〔2026〕120号',
        partyName: '欧***',
        partyKind: 'NATURAL_PERSON',
        partyCreditCode: null,
        violationType: '从业人员未取得健康证明从事接触直接入口食品的工作',
        penaltyContent: '没收超过保质期的酸奶 12 盒，并处罚款 5000 元',
        authority: world.office.name,
        decisionDate: '2026-11-16',
        disclosedDate: '2026-11-25',
        business: { id: business.id, name: '李记小吃店' },
      });
      expect(all.body.items[1]).toMatchObject({ partyName: '青岚鲜味餐饮管理有限公司', partyCreditCode: '91320102MA1XY2345K', business: { id: shop.id, name: '鲜味餐厅' } });
      const text = JSON.stringify(all.body);
      expect(text).not.toContain(ID_NO);
      expect(text).not.toContain('李大明');
      expect(text).not.toContain('欧阳娜娜');
      expect(text).not.toMatch(/IdNo|legalBasis|fineAmount/);

      const found = async (q: string) => (await publicList(`?q=${encodeURIComponent(q)}`)).body.items.map((i: { decisionNo: string }) => i.decisionNo);
      expect(await found('李记')).toEqual(['青岚市监罚〔2026〕120号', '青岚市监罚〔2026〕118号']);
      expect(await found('119')).toEqual(['青岚市监罚〔2026〕119号']);
      expect(await found('鲜味餐饮管理')).toEqual(['青岚市监罚〔2026〕119号']);
      expect(await found('欧阳')).toEqual([]);
      expect(await found('李大明')).toEqual([]);

      const byBusiness = await publicList(`?businessId=${shop.id}`);
      expect(byBusiness.body.total).toBe(1);
      const page2 = await publicList('?limit=2&offset=2');
      expect(page2.body).toMatchObject({ total: 3, items: [{ decisionNo: '青岚市监罚〔2026〕118号' }] });
      const bad = await publicList('?limit=500');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });
});
