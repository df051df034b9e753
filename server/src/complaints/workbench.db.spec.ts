import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintReceipt, WorkbenchComplaint, WorkbenchQueue } from '@sa/contracts';
import { aCadre, aUser, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { aComplaintWorld } from '../../../test/support/complaint-world';
import { countStatements } from '../../../test/support/count-statements';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { aPhoto } from '../uploads/testing/photo-builder';

const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

describe('the workbench through the HTTP API', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string; streetId: number; communityId: number };
  let cadre: { id: number; name: string };
  let otherCadre: { id: number; name: string };
  let t: { resident: string; staff: string; otherStaff: string; cadre: string; otherCadre: string; admin: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ world, business, cadre } = await aComplaintWorld(app));
    otherCadre = await aCadre().named('王建军').tier('COMMUNITY').of(world.otherCommunity).build(app.prisma);
    await aUser().username('resident').named('林晓燕').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office1').named('周明').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office2').named('吴芳').office(world.otherOffice).build(app.prisma);
    await aUser().username('cadre').named('陈秀兰').cadre(cadre).build(app.prisma);
    await aUser().username('other-cadre').named('王建军').cadre(otherCadre).build(app.prisma);
    await aUser().role('ADMIN').username('admin').named('区食安办').build(app.prisma);
    t = {
      resident: await app.login('resident'),
      staff: await app.login('office1'),
      otherStaff: await app.login('office2'),
      cadre: await app.login('cadre'),
      otherCadre: await app.login('other-cadre'),
      admin: await app.login('admin'),
    };
  });

  const queue = (query: string, token = t.staff) => app.get<WorkbenchQueue>(`/api/v1/workbench/complaints${query}`, token);
  const ids = (q: { body: WorkbenchQueue }) => q.body.items.map((i) => i.id);

  describe('the queue', () => {
    // Friday 9 October 2026, just after the National Day holiday (1–7 October; Saturday 10 October is a working day).
    const today = shanghai('2026-10-09T10:00:00');
    let c: Record<'overdue' | 'soon' | 'later' | 'none' | 'closed' | 'elsewhere', { id: number; trackingNo: string }>;

    beforeEach(async () => {
      app.clock.travelTo(today);
      const overdue = await aComplaint().about(business).handledBy(world.office).cadre(cadre).status('VERIFYING')
        .receivedAt(shanghai('2026-09-10T09:00:00')).deadline('VERIFY', '2026-09-29', '2026-09-08').build(app.prisma);
      const soon = await aComplaint().kind('COMPLAINT').about(business).handledBy(world.office).cadre(cadre)
        .receivedAt(shanghai('2026-09-28T23:30:00')).deadline('ACCEPT', '2026-10-13', '2026-09-28').build(app.prisma);
      const later = await aComplaint().about(business).handledBy(world.office).cadre(cadre).status('VERIFYING')
        .receivedAt(shanghai('2026-09-20T12:00:00')).deadline('VERIFY', '2026-10-14', '2026-09-20').build(app.prisma);
      const none = await aComplaint().at(world.otherStreet).handledBy(world.office).status('ACCEPTED')
        .receivedAt(shanghai('2026-10-09T00:10:00')).build(app.prisma);
      const closed = await aComplaint().about(business).handledBy(world.office).status('CLOSED').build(app.prisma);
      const elsewhere = await aComplaint().at(world.otherStreet).handledBy(world.otherOffice).deadline('VERIFY', '2026-09-01').build(app.prisma);
      await app.prisma.complaint.update({ where: { id: soon.id }, data: { supportCount: 5, trackingNo: 'SA20260928-777001' } });
      await app.prisma.complaint.update({ where: { id: later.id }, data: { supportCount: 9, byVolunteer: true } });
      await app.prisma.complaint.update({ where: { id: none.id }, data: { supportCount: 2, category: 'POOR_HYGIENE' } });
      c = { overdue, soon: { ...soon, trackingNo: 'SA20260928-777001' }, later, none, closed, elsewhere };
    });

    it('lists the office’s open complaints overdue first, then by the nearest deadline, with working days counted across the holiday', async () => {
      const res = await queue('');
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([c.overdue.id, c.soon.id, c.later.id, c.none.id]);
      expect(res.body.total).toBe(4);
      expect(res.body.counts).toEqual({ overdue: 1, dueSoon: 1, byStatus: { VERIFYING: 2, SUBMITTED: 1, ACCEPTED: 1, CLOSED: 1 } });
      const [overdue, soon, later, none] = res.body.items;
      // Due 29 September: over on 30 September, 8 and 9 October — the seven holiday days do not count.
      expect(overdue).toMatchObject({ overdue: true, dueSoon: false, streetName: world.street.name, businessName: '李记小吃店', statusLabel: '核查中' });
      expect(overdue!.nextDeadline).toMatchObject({ kind: 'VERIFY', dueDate: '2026-09-29', state: 'OPEN', overdue: true, workingDaysLeft: -3, provisional: false });
      expect(overdue!.office).toEqual({ id: world.office.id, name: world.office.name });
      expect(overdue!.cadre).toMatchObject({ id: cadre.id, name: '陈秀兰', tier: 'COMMUNITY' });
      // Saturday 10 October (make-up day), 12 and 13 October: 3 working days left, so due soon; 14 October is 4.
      expect(soon).toMatchObject({ dueSoon: true, overdue: false, supportCount: 5 });
      expect(soon!.nextDeadline!.workingDaysLeft).toBe(3);
      expect(later).toMatchObject({ dueSoon: false, byVolunteer: true });
      expect(later!.nextDeadline!.workingDaysLeft).toBe(4);
      expect(none).toMatchObject({ nextDeadline: null, overdue: false, dueSoon: false, streetName: world.otherStreet.name, cadre: null });
    });

    it('narrows the list and its counts by each filter', async () => {
      const cases: [string, number[]][] = [
        ['?status=VERIFYING', [c.overdue.id, c.later.id]],
        ['?status=CLOSED', [c.closed.id]],
        ['?kind=COMPLAINT', [c.soon.id]],
        ['?category=POOR_HYGIENE', [c.none.id]],
        [`?streetId=${world.otherStreet.id}`, [c.none.id]],
        [`?cadreId=${cadre.id}`, [c.overdue.id, c.soon.id, c.later.id]],
        ['?volunteerOnly=true', [c.later.id]],
        ['?overdue=true', [c.overdue.id]],
        ['?overdue=false', [c.soon.id, c.later.id, c.none.id]],
        // Shanghai dates: 23:30 on 28 September belongs to the 28th, 00:10 on 9 October to the 9th.
        ['?receivedFrom=2026-10-09', [c.none.id]],
        ['?receivedTo=2026-09-28', [c.overdue.id, c.soon.id, c.later.id]],
        ['?receivedFrom=2026-09-28&receivedTo=2026-09-28', [c.soon.id]],
        ['?trackingNo=777001', [c.soon.id]],
        ['?trackingNo=sa20260928-777', [c.soon.id]],
        ['?kind=COMPLAINT&overdue=true', []],
      ];
      for (const [query, expected] of cases) {
        const res = await queue(query);
        expect(res.status, query).toBe(200);
        expect(ids(res), query).toEqual(expected);
        expect(res.body.total, query).toBe(expected.length);
      }
      const verifying = await queue('?status=VERIFYING');
      expect(verifying.body.counts).toMatchObject({ overdue: 1, dueSoon: 0 });
      // The status tabs keep their counts while one of them is chosen, and follow the other filters.
      expect(verifying.body.counts.byStatus).toEqual({ VERIFYING: 2, SUBMITTED: 1, ACCEPTED: 1, CLOSED: 1 });
      expect((await queue('?kind=COMPLAINT')).body.counts).toEqual({ overdue: 0, dueSoon: 1, byStatus: { SUBMITTED: 1 } });
      expect((await queue(`?streetId=${world.otherStreet.id}`)).body.counts.byStatus).toEqual({ ACCEPTED: 1 });
    });

    it('refuses filters that make no sense, in Chinese', async () => {
      const backwards = await queue('?receivedFrom=2026-10-09&receivedTo=2026-10-01');
      expect(backwards.status).toBe(400);
      expect(backwards.body.message).toContain('开始日期不能晚于结束日期');
      for (const query of ['?status=DONE', '?receivedFrom=2026-02-30', '?trackingNo=SA%25', '?limit=0', '?volunteerOnly=yes']) {
        const res = await queue(query);
        expect(res.status, query).toBe(400);
        expect(res.body.code, query).toBe('VALIDATION_FAILED');
      }
    });

    it('pages with the total of the whole list', async () => {
      const first = await queue('?limit=2');
      const second = await queue('?limit=2&offset=2');
      const past = await queue('?limit=2&offset=4');
      expect(ids(first)).toEqual([c.overdue.id, c.soon.id]);
      expect(ids(second)).toEqual([c.later.id, c.none.id]);
      expect(ids(past)).toEqual([]);
      expect([first.body.total, second.body.total, past.body.total]).toEqual([4, 4, 4]);
    });

    it('gives each role its own scope: a cadre their complaints, another office its own, the admin all', async () => {
      expect(ids(await queue('', t.cadre))).toEqual([c.overdue.id, c.soon.id, c.later.id]);
      expect(ids(await queue('', t.otherCadre))).toEqual([]);
      expect(ids(await queue('', t.otherStaff))).toEqual([c.elsewhere.id]);
      expect(ids(await queue('', t.admin))).toEqual([c.elsewhere.id, c.overdue.id, c.soon.id, c.later.id, c.none.id]);
      expect((await queue('', t.resident)).status).toBe(403);
    });

    it('answers a page of 50 in a fixed number of database statements', async () => {
      for (let i = 0; i < 50; i++) {
        await aComplaint().about(business).handledBy(world.office).cadre(cadre).status('VERIFYING')
          .deadline('VERIFY', `2026-10-${String(12 + (i % 15)).padStart(2, '0')}`, '2026-09-30').deadline('NOTIFY_REPORTER', '2026-11-02', '2026-10-01').build(app.prisma);
      }
      await queue('?limit=1'); // the calendar is loaded and cached once, like on any running server
      const small = await countStatements(app, () => queue('?limit=5'));
      const large = await countStatements(app, () => queue('?limit=50'));
      expect(large.result.body.items).toHaveLength(50);
      expect(small.sql.some((sql) => /"Complaint"/.test(sql))).toBe(true);
      expect(large.statements).toBe(small.statements);
      // The page's rows with their names and nearest deadlines; the total, overdue, due-soon and status-tab counts.
      expect(large.statements, large.sql.join('\n---\n')).toBeLessThanOrEqual(4);
    });
  });

  const report = (over: Record<string, unknown> = {}) => ({
    kind: 'REPORT',
    category: 'EXPIRED_FOOD',
    businessId: business.id,
    description: '冷柜里的酸奶过期三天仍在卖。举报人林晓燕，电话 13987654321，住东湖新村 5 栋',
    anonymous: false,
    reporterName: '林晓燕',
    contactPhone: '13987654321',
    idempotencyKey: randomUUID(),
    ...over,
  });
  const submit = async (over: Record<string, unknown> = {}) => {
    const res = await app.post('/api/v1/complaints', report(over), t.resident);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; trackingNo: string; linked: { id: number; trackingNo: string } | null };
  };
  const detail = (id: number, token: string) => app.get<WorkbenchComplaint>(`/api/v1/workbench/complaints/${id}`, token);

  async function upload(): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([await aPhoto().jpeg().build()], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  describe('the detail', () => {
    it('shows staff the reporter, the place, the cadre, the routing, the deadlines and the trail with names', async () => {
      const photo = await upload();
      const { id } = await submit({ photoIds: [photo] });
      const res = await detail(id, t.staff);
      expect(res.status).toBe(200);
      const d = res.body;
      expect(d.reporter).toEqual({ anonymous: false, name: '林晓燕', phone: '139****4321', canCallBack: true });
      expect(d.description).toContain('冷柜里的酸奶');
      expect(d.photoIds).toEqual([photo]);
      expect(d.business).toMatchObject({ id: business.id, name: '李记小吃店', grade: 'D' });
      expect(d.street).toEqual({ id: world.street.id, name: world.street.name });
      expect(d.community).toEqual({ id: world.community.id, name: world.community.name });
      expect(d.cadre).toMatchObject({ id: cadre.id, name: '陈秀兰', tier: 'COMMUNITY', title: '社区书记' });
      expect(d.routing).toHaveLength(1);
      expect(d.routing[0]!.reason).toContain('陈秀兰');
      expect(d.deadlines).toHaveLength(1);
      expect(d.deadlines[0]).toMatchObject({ kind: 'VERIFY', days: 15, unit: 'WORKING_DAYS', state: 'OPEN', overdue: false, workingDaysLeft: 15, metAt: null });
      expect(d.actions).toContain('accept');
      expect(d).toMatchObject({ canReroute: true, canFollowUp: false, byVolunteer: false, supportCount: 0, penaltyDecision: null, followUps: [], linked: null });
      expect(d.trail[0]).toMatchObject({ action: 'submit', actionLabel: '提交', actorName: null });

      for (const step of [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '经现场核查未发现过期食品' }]) {
        const moved = await app.post(`/api/v1/workbench/complaints/${id}/actions`, step, t.staff);
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      }
      const contact = await app.get(`/api/v1/workbench/complaints/${id}/contact`, t.staff);
      expect(contact.body).toEqual({ name: '林晓燕', phone: '13987654321', address: null });
      const after = (await detail(id, t.staff)).body;
      expect(after.deadlines[0]).toMatchObject({ kind: 'VERIFY', state: 'MET', workingDaysLeft: null });
      expect(after.deadlines[0]!.metAt).not.toBeNull();
      expect(after.trail.slice(1).map((e) => [e.action, e.actionLabel, e.actorName])).toEqual([
        ['accept', '受理', '周明'],
        ['startVerification', '开始核查', '周明'],
        ['noCase', '不予立案', '周明'],
        ['viewContact', '查看联系方式', '周明'],
      ]);
      // The admin sees the reporter but calls back only through the office.
      expect((await detail(id, t.admin)).body.reporter).toMatchObject({ anonymous: false, name: '林晓燕', canCallBack: false });
    });

    it('never shows a cadre who reported: no reporter field, and the name and phone nowhere in the answer', async () => {
      const { id } = await submit();
      await app.get(`/api/v1/workbench/complaints/${id}/contact`, t.staff);
      await app.post(`/api/v1/workbench/complaints/${id}/actions`, { action: 'accept' }, t.staff);
      const staffView = await detail(id, t.staff);
      expect(JSON.stringify(staffView.body)).toContain('13987654321');
      const res = await detail(id, t.cadre);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('reporter');
      const text = JSON.stringify(res.body);
      for (const secret of ['林晓燕', '13987654321', '139****4321']) expect(text).not.toContain(secret);
      expect(res.body.description).toContain('冷柜里的酸奶过期三天仍在卖');
      expect(res.body).toMatchObject({ actions: [], canReroute: false, canFollowUp: true });
      expect(res.body.trail.map((e) => e.action)).toEqual(['submit', 'viewContact', 'accept']);
      expect((await app.get(`/api/v1/workbench/complaints/${id}/contact`, t.cadre)).status).toBe(403);
      // The queue rows carry nothing about the reporter for anyone.
      expect(JSON.stringify((await queue('', t.cadre)).body)).not.toContain('林晓燕');
    });

    it('shows an anonymous reporter to staff as 匿名举报人, without a contact', async () => {
      const { id } = await submit({ anonymous: true, reporterName: undefined, contactPhone: undefined, description: '冷柜里的酸奶过期三天仍在卖，请尽快查处' });
      expect((await detail(id, t.staff)).body.reporter).toEqual({ anonymous: true, label: '匿名举报人' });
      expect((await app.get(`/api/v1/workbench/complaints/${id}/contact`, t.staff)).status).toBe(404);
    });

    it('links the two halves of a 投诉+举报 and gives the complainant’s address only through the audited contact', async () => {
      const both = await submit({ kind: 'BOTH', reporterAddress: '东湖新村 5 栋 302 室' });
      const first = (await detail(both.id, t.staff)).body;
      expect(first.linked).toMatchObject({ id: both.linked!.id, trackingNo: both.linked!.trackingNo, statusLabel: '已提交' });
      const second = (await detail(both.linked!.id, t.staff)).body;
      expect(second.linked).toMatchObject({ id: both.id, trackingNo: both.trackingNo });
      const complaintHalf = first.kind === 'COMPLAINT' ? first : second;
      expect(JSON.stringify(complaintHalf)).not.toContain('302 室');
      const contact = await app.get(`/api/v1/workbench/complaints/${complaintHalf.id}/contact`, t.staff);
      expect(contact.body).toEqual({ name: '林晓燕', phone: '13987654321', address: '东湖新村 5 栋 302 室' });
    });

    it('shows the case track: the decision deadline in calendar days and the penalty decision, never the party’s ID number', async () => {
      const { id } = await submit();
      const act = (body: Record<string, unknown>) => app.post<WorkbenchComplaint>(`/api/v1/workbench/complaints/${id}/actions`, body, t.staff);
      for (const step of ['accept', 'startVerification', 'fileCase']) expect((await act({ action: step })).status).toBe(200);
      const filed = (await detail(id, t.staff)).body;
      const caseDeadline = filed.deadlines.find((d) => d.kind === 'CASE_DECISION');
      expect(caseDeadline).toMatchObject({ unit: 'CALENDAR_DAYS', days: 90, state: 'OPEN', provisional: false });
      // The logged-in reporter was told in the inbox at the decision: no notifyReporter button.
      expect(filed.actions).toContain('decideCase');
      expect(filed.actions).not.toContain('notifyReporter');

      const today = caseDeadline!.startDate; // 立案 was today
      const decided = await act({
        action: 'decideCase',
        decision: {
          type: 'PENALTY',
          decisionNo: '东市监罚〔2026〕12号',
          partyKind: 'NATURAL_PERSON',
          partyName: '李大明',
          partyIdNo: '32010219800101123X',
          violationType: '销售超过保质期的食品',
          legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
          penaltyContent: '没收超过保质期的酸奶 12 盒，罚款人民币伍仟元整',
          penaltyKinds: ['FINE', 'CONFISCATE_PROPERTY'],
          fineAmount: 5000,
          confiscationAmount: '120.5',
          decisionDate: today,
        },
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body.penaltyDecision).toMatchObject({
        type: 'PENALTY',
        decisionNo: '东市监罚〔2026〕12号',
        partyName: '李大明',
        hasPartyIdNo: true,
        penaltyKinds: ['FINE', 'CONFISCATE_PROPERTY'],
        fineAmount: '5000.00',
        confiscationAmount: '120.50',
        authority: world.office.name,
        decisionDate: today,
      });
      expect(decided.body.deadlines.find((d) => d.kind === 'CASE_DECISION')).toMatchObject({ state: 'MET' });
      for (const token of [t.staff, t.cadre, t.admin]) expect(JSON.stringify((await detail(id, token)).body)).not.toContain('32010219800101123X');
    });

    it('marks a working-day deadline that runs into 2027, whose holidays are not entered yet, as provisional', async () => {
      const c = await aComplaint().about(business).handledBy(world.office).cadre(cadre).deadline('VERIFY', '2027-01-12', '2026-12-21').build(app.prisma);
      const d = (await detail(c.id, t.staff)).body;
      expect(d.deadlines[0]).toMatchObject({ kind: 'VERIFY', dueDate: '2027-01-12', provisional: true });
      expect((await queue('', t.staff)).body.items.find((i) => i.id === c.id)?.nextDeadline?.provisional).toBe(true);
    });

    it('marks a submission whose limit runs into 2027 as provisional on its receipt, on a retry and in the queue, until 2027 is entered', async () => {
      app.clock.travelTo(shanghai('2026-12-21T10:00:00'));
      // 17 days on from the real day: the staff sessions of beforeEach have idled out, so staff sign in again.
      const staff = await app.login('office1');
      const admin = await app.login('admin');
      const reportBody = report();
      const filed = await app.post<ComplaintReceipt>('/api/v1/complaints', reportBody, t.resident);
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      // 15 working days from Monday 21 December: 2027 has no schedule, so 1 January counts as a working day.
      expect(filed.body.deadlines).toEqual([{ kind: 'VERIFY', dueDate: '2027-01-11', provisional: true }]);
      // The same day, a 投诉's 7 working days end on 30 December, within the 2026 schedule.
      const complaint = await app.post<ComplaintReceipt>('/api/v1/complaints', report({ kind: 'COMPLAINT', reporterAddress: '东湖新村 5 栋 302 室' }), t.resident);
      expect(complaint.body.deadlines).toEqual([{ kind: 'ACCEPT', dueDate: '2026-12-30', provisional: false }]);

      const retried = await app.post<ComplaintReceipt>('/api/v1/complaints', reportBody, t.resident);
      expect(retried.body).toEqual(filed.body);
      const rows = (await queue('', staff)).body.items;
      expect(rows.find((i) => i.id === filed.body.id)?.nextDeadline).toMatchObject({ kind: 'VERIFY', dueDate: '2027-01-11', provisional: true });
      expect(rows.find((i) => i.id === complaint.body.id)?.nextDeadline).toMatchObject({ kind: 'ACCEPT', provisional: false });

      // The admin enters 元旦 2027: the limit is recomputed, and a retry's receipt reads it as it stands now.
      expect((await app.request('PUT', '/api/v1/admin/calendar/days/2027-01-01', { body: { kind: 'HOLIDAY', name: '元旦' }, token: admin })).status).toBe(200);
      try {
        expect((await app.post<ComplaintReceipt>('/api/v1/complaints', reportBody, t.resident)).body.deadlines).toEqual([{ kind: 'VERIFY', dueDate: '2027-01-12', provisional: false }]);
        expect((await queue('', staff)).body.items.find((i) => i.id === filed.body.id)?.nextDeadline).toMatchObject({ dueDate: '2027-01-12', provisional: false });
      } finally {
        // The server's cached calendar would otherwise know 2027 into the next test.
        expect((await app.request('DELETE', '/api/v1/admin/calendar/days/2027-01-01', { token: admin })).status).toBe(204);
      }
    });

    it('answers 404 outside the scope', async () => {
      const { id } = await submit();
      for (const token of [t.otherStaff, t.otherCadre]) expect((await detail(id, token)).status).toBe(404);
      expect((await detail(99999999, t.admin)).status).toBe(404);
    });
  });

  describe('follow-ups (跟进记录)', () => {
    it('are written by the complaint’s cadre, seen by the office in the detail and the trail, and never by the reporter', async () => {
      const { id } = await submit();
      const photo = await upload();
      const note = '已到店查看，冷柜酸奶已下架，督促店主建立进货查验台账';
      const res = await app.post(`/api/v1/workbench/complaints/${id}/follow-ups`, { kind: 'VISITED', note, photoIds: [photo] }, t.cadre);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ kind: 'VISITED', kindLabel: '已到店查看', note, photoIds: [photo], cadre: { id: cadre.id, name: '陈秀兰' } });

      for (const token of [t.staff, t.admin, t.cadre]) {
        const d = (await detail(id, token)).body;
        expect(d.followUps).toEqual([res.body]);
        expect(d.trail.at(-1)).toMatchObject({ action: 'followUp', actionLabel: '包保干部跟进', reason: note, actorName: '陈秀兰', from: 'SUBMITTED', to: 'SUBMITTED' });
      }
      const mine = await app.get(`/api/v1/complaints/${id}`, t.resident);
      expect(mine.status).toBe(200);
      expect(JSON.stringify(mine.body)).not.toContain('督促店主');

      const photoPath = `/api/v1/uploads/${photo}`;
      for (const token of [t.staff, t.cadre, t.admin]) expect((await app.get(photoPath, token)).status).toBe(200);
      for (const token of [t.resident, t.otherStaff, t.otherCadre, undefined]) expect((await app.get(photoPath, token)).status).toBe(404);
    });

    it('refuse anyone but the complaint’s cadre, missing photos and more than nine', async () => {
      const { id } = await submit();
      const path = `/api/v1/workbench/complaints/${id}/follow-ups`;
      const body = { kind: 'NOTE', note: '已电话联系店主说明情况' };
      expect((await app.post(path, body, t.otherCadre)).status).toBe(404);
      const staff = await app.post(path, body, t.staff);
      expect(staff.status).toBe(403);
      expect(staff.body.code).toBe('NOT_RESPONSIBLE_CADRE');
      const missing = await app.post(path, { ...body, photoIds: [randomUUID()] }, t.cadre);
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('PHOTO_NOT_FOUND');
      const tooMany = await app.post(path, { ...body, photoIds: Array.from({ length: 10 }, () => randomUUID()) }, t.cadre);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.message).toContain('最多上传 9 张照片');
      expect((await app.post(path, { kind: 'PHONED', note: '已电话联系' }, t.cadre)).status).toBe(400);
      expect(await app.prisma.followUp.count()).toBe(0);
    });
  });

  describe('re-routing', () => {
    it('needs a reason, tells the new office and cadre in their inbox, and shows the re-router the result', async () => {
      const { id, trackingNo } = await submit();
      const path = `/api/v1/workbench/complaints/${id}/reroute`;
      expect((await app.post(path, { officeId: world.otherOffice.id, cadreId: otherCadre.id }, t.staff)).status).toBe(400);
      expect((await app.post(path, { officeId: world.otherOffice.id, cadreId: null, reason: '改' }, t.staff)).status).toBe(400);
      expect((await app.post(path, { officeId: world.otherOffice.id, cadreId: null, reason: '经营者实际位于西河街道' }, t.cadre)).status).toBe(403);

      const res = await app.post<WorkbenchComplaint>(path, { officeId: world.otherOffice.id, cadreId: otherCadre.id, reason: '经营者实际位于西河街道' }, t.staff);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ office: { id: world.otherOffice.id }, cadre: { id: otherCadre.id }, actions: [], canReroute: false });
      expect(res.body.routing.at(-1)).toMatchObject({ rule: 'MANUAL', reason: '经营者实际位于西河街道', officeId: world.otherOffice.id });
      expect(res.body.trail.at(-1)).toMatchObject({ action: 'reroute', actionLabel: '改派', actorName: '周明' });

      for (const token of [t.otherStaff, t.otherCadre]) {
        const inbox = await app.get('/api/v1/me/notifications', token);
        const notice = inbox.body.items.find((n: { title: string }) => n.title.startsWith('改派'));
        expect(notice, JSON.stringify(inbox.body)).toBeDefined();
        expect(notice.body).toContain(trackingNo);
        expect(notice.body).toContain(world.otherOffice.name);
        expect(notice.complaintId).toBe(id);
      }
      const ownInbox = await app.get('/api/v1/me/notifications', t.staff);
      expect(ownInbox.body.items.some((n: { title: string }) => n.title.startsWith('改派'))).toBe(false);
      expect((await detail(id, t.otherStaff)).body.actions).toContain('accept');
      expect((await detail(id, t.staff)).status).toBe(404);
    });
  });
});
