import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aUser, type World } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { aPhoto } from '../uploads/testing/photo-builder';

// Statutory rules of issue 6, on the real 2026 working-day calendar, through the HTTP API.
const shanghai = (local: string) => new Date(`${local}+08:00`);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('statutory workflow rules', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string };
  let tokens: { resident: string; volunteer: string; staff: string; admin: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ world, business } = await aComplaintWorld(app));
    await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().role('VOLUNTEER').username('volunteer').named('刘代表').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    await aUser().role('ADMIN').username('admin').build(app.prisma);
    tokens = { resident: await app.login('resident'), volunteer: await app.login('volunteer'), staff: await app.login('staff'), admin: await app.login('admin') };
  });

  const submission = (over: Record<string, unknown> = {}) => aReportBody(business, over);
  const submit = async (over: Record<string, unknown> = {}, token?: string) => {
    const res = await app.post('/api/v1/complaints', submission(over), token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; trackingNo: string; queryCode: string | null };
  };
  const act = (id: number, body: Record<string, unknown>, token = tokens.staff) => app.post(`/api/v1/workbench/complaints/${id}/actions`, body, token);
  const steps = async (id: number, list: Record<string, unknown>[], token = tokens.staff) => {
    for (const step of list) {
      const res = await act(id, step, token);
      expect(res.status, `${String(step.action)}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  };
  const deadline = (complaintId: number, kind: string) => app.prisma.deadline.findFirstOrThrow({ where: { complaintId, kind: kind as never }, orderBy: { id: 'desc' } });
  const sweep = () => app.post('/api/v1/admin/sweep', {}, tokens.admin);
  const decision = (over: Record<string, unknown> = {}) => ({
    type: 'PENALTY',
    decisionNo: '东市监罚〔2026〕118号',
    partyKind: 'NATURAL_PERSON',
    partyName: '李大明',
    partyIdNo: '320102198001011234',
    violationType: '销售超过保质期的食品',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第五项',
    penaltyContent: '没收超过保质期的酸奶 12 盒，并处罚款五千元',
    penaltyKinds: ['FINE', 'CONFISCATE_PROPERTY'],
    fineAmount: 5000,
    decisionDate: '2026-11-20',
    ...over,
  });

  describe('投诉: mediation and its termination', () => {
    it('runs the 45-working-day mediation limit from the acceptance day, not from receipt', async () => {
      // Received Thursday 24 September; 中秋 (25–27 September) falls between receipt and acceptance.
      app.clock.travelTo(shanghai('2026-09-24T10:00:00'));
      const c = await submit({ kind: 'COMPLAINT', category: 'POOR_HYGIENE' }, tokens.resident);
      app.clock.travelTo(shanghai('2026-09-30T10:00:00'));
      await steps(c.id, [{ action: 'accept' }]);
      const mediate = await deadline(c.id, 'MEDIATE');
      expect(day(mediate.startDate)).toBe('2026-09-30');
      expect(mediate.workingDays).toBe(45);
      // 9/30, then 国庆 1–7 October off, 10 October a make-up working day: 45 working days end on 8 December.
      expect(day(mediate.dueDate)).toBe('2026-12-08');
      expect(mediate.state).toBe('OPEN');
      // Starting mediation does not start a second limit.
      await steps(c.id, [{ action: 'startMediation' }]);
      expect(await app.prisma.deadline.count({ where: { complaintId: c.id, kind: 'MEDIATE' } })).toBe(1);
    });

    it('opens the 7-working-day termination notice when mediation fails and ends only when both parties are told', async () => {
      app.clock.travelTo(shanghai('2026-11-25T09:00:00'));
      const c = await submit({ kind: 'COMPLAINT', category: 'POOR_HYGIENE' }, tokens.resident);
      await steps(c.id, [{ action: 'accept' }, { action: 'startMediation' }]);
      app.clock.travelTo(shanghai('2026-12-01T15:00:00'));
      const noReason = await act(c.id, { action: 'mediationFailed' });
      expect(noReason.status).toBe(400);
      expect(noReason.body).toMatchObject({ code: 'ACTION_INPUT_MISSING', message: '此操作须填写：理由' });
      await steps(c.id, [{ action: 'mediationFailed', reason: '商户拒绝赔偿，双方分歧较大' }]);
      expect((await deadline(c.id, 'MEDIATE')).state).toBe('MET');
      const notice = await deadline(c.id, 'TERMINATION_NOTICE');
      expect(notice).toMatchObject({ state: 'OPEN', workingDays: 7, unit: 'WORKING_DAYS' });
      expect(day(notice.dueDate)).toBe('2026-12-10');

      // The notice is how it ends: no plain resolve.
      const resolve = await act(c.id, { action: 'resolve', outcome: 'NOT_FIXED', reply: '调解不成，已告知双方。' });
      expect(resolve.status).toBe(409);
      expect(resolve.body.message).toBe('当前状态「调解不成」下不能进行此操作');

      const terminate = { action: 'notifyTermination', outcome: 'NOT_FIXED', reply: '双方未能达成调解协议，本局终止调解。' };
      const one = await act(c.id, { ...terminate, notifiedParties: ['COMPLAINANT'] });
      expect(one.status).toBe(400);
      expect(one.body.code).toBe('NOTICE_PARTIES_REQUIRED');
      expect((await act(c.id, terminate)).body.code).toBe('NOTICE_PARTIES_REQUIRED');
      expect((await deadline(c.id, 'TERMINATION_NOTICE')).state).toBe('OPEN');

      await steps(c.id, [{ ...terminate, notifiedParties: ['COMPLAINANT', 'RESPONDENT'] }]);
      const met = await deadline(c.id, 'TERMINATION_NOTICE');
      expect(met.state).toBe('MET');
      const view = await app.get(`/api/v1/complaints/${c.id}`, tokens.resident);
      expect(view.body).toMatchObject({ status: 'RESOLVED', outcome: 'NOT_FIXED', reply: '双方未能达成调解协议，本局终止调解。' });
      const inbox = await app.get('/api/v1/me/notifications', tokens.resident);
      expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('您的投诉已终止调解');
    });
  });

  describe('举报: telling the reporter whether a case was filed', () => {
    const toDecision = [{ action: 'accept' }, { action: 'startVerification' }, { action: 'fileCase' }];

    it('counts a logged-in reporter as told by the in-app notice at the decision, so a later sweep does not escalate', async () => {
      app.clock.travelTo(shanghai('2026-11-02T09:00:00'));
      const c = await submit({}, tokens.resident);
      await steps(c.id, toDecision);
      const told = await deadline(c.id, 'NOTIFY_REPORTER');
      expect(told.state).toBe('MET');
      expect(told.metAt).not.toBeNull();
      const inbox = await app.get('/api/v1/me/notifications', tokens.resident);
      expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('您举报的问题已立案');
      // Six working days later (5 WD would have ended on 9 November).
      app.clock.travelTo(shanghai('2026-11-10T08:00:00'));
      expect((await sweep()).body.escalated).toBe(0);
      expect(await app.prisma.escalation.count({ where: { complaintId: c.id } })).toBe(0);
    });

    it('keeps a real-name guest reporter\'s notice open until staff record it, and escalates it after 5 working days', async () => {
      app.clock.travelTo(shanghai('2026-11-02T09:00:00'));
      const c = await submit();
      await steps(c.id, toDecision);
      const open = await deadline(c.id, 'NOTIFY_REPORTER');
      expect(open.state).toBe('OPEN');
      expect(day(open.dueDate)).toBe('2026-11-09');
      const before = await app.get(`/api/v1/workbench/complaints/${c.id}`, tokens.staff);
      expect(before.body.actions).toContain('notifyReporter');

      app.clock.travelTo(shanghai('2026-11-09T23:00:00'));
      expect((await sweep()).body.escalated).toBe(0);
      app.clock.travelTo(shanghai('2026-11-10T08:00:00'));
      expect((await sweep()).body.escalated).toBe(1);
      const escalations = await app.prisma.escalation.findMany({ where: { complaintId: c.id }, include: { deadline: true } });
      expect(escalations.map((e) => e.deadline.kind)).toEqual(['NOTIFY_REPORTER']);

      const missing = await act(c.id, { action: 'notifyReporter', reply: '您举报的问题已立案调查。' });
      expect(missing.body).toMatchObject({ code: 'ACTION_INPUT_MISSING', message: '此操作须填写：告知方式' });
      const told = await act(c.id, { action: 'notifyReporter', reply: '您举报的问题已立案调查。', noticeMethod: 'PHONE' });
      expect(told.status, JSON.stringify(told.body)).toBe(200);
      expect(told.body.status).toBe('CASE_FILED');
      expect(told.body.actions).not.toContain('notifyReporter');
      expect((await deadline(c.id, 'NOTIFY_REPORTER')).state).toBe('MET');
      const again = await act(c.id, { action: 'notifyReporter', reply: '再次告知您立案情况。', noticeMethod: 'SMS' });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('告知举报人期限已办结，无需重复此操作');
      const event = await app.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId: c.id, action: 'notifyReporter' } });
      expect(event.payload).toMatchObject({ reply: '您举报的问题已立案调查。', noticeMethod: 'PHONE' });
    });

    it('opens no reporter notice for an anonymous tip', async () => {
      const c = await submit({ anonymous: true, reporterName: undefined, contactPhone: undefined, reporterAddress: undefined });
      await steps(c.id, [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '现场未发现过期食品' }]);
      expect(await app.prisma.deadline.count({ where: { complaintId: c.id, kind: 'NOTIFY_REPORTER' } })).toBe(0);
    });
  });

  describe('举报: the filed case and its decision', () => {
    it('gives a filed case 90 calendar days, extendable once by 30 by the admin only', async () => {
      app.clock.travelTo(shanghai('2026-11-02T09:00:00'));
      const c = await submit({}, tokens.resident);
      await steps(c.id, [{ action: 'accept' }, { action: 'startVerification' }, { action: 'fileCase' }]);
      const limit = await deadline(c.id, 'CASE_DECISION');
      expect(limit).toMatchObject({ state: 'OPEN', unit: 'CALENDAR_DAYS', workingDays: 90 });
      expect(day(limit.startDate)).toBe('2026-11-02');
      expect(day(limit.dueDate)).toBe('2027-01-31');
      // A calendar-day limit does not wait for next year's holidays: not provisional.
      const view = await app.get(`/api/v1/complaints/${c.id}`, tokens.resident);
      expect(view.body.deadlines.find((d: { kind: string }) => d.kind === 'CASE_DECISION')).toEqual({ kind: 'CASE_DECISION', dueDate: '2027-01-31', state: 'OPEN', provisional: false });

      const byStaff = await act(c.id, { action: 'extendCase', reason: '案情复杂，需延长办案期限' });
      expect(byStaff.status).toBe(403);
      const noReason = await act(c.id, { action: 'extendCase' }, tokens.admin);
      expect(noReason.body.code).toBe('ACTION_INPUT_MISSING');
      await steps(c.id, [{ action: 'extendCase', reason: '案情复杂，经负责人批准延长三十日' }], tokens.admin);
      const extended = await deadline(c.id, 'CASE_DECISION');
      expect(day(extended.dueDate)).toBe('2027-03-02');
      expect(extended.workingDays).toBe(120);
      const second = await act(c.id, { action: 'extendCase', reason: '再次延长' }, tokens.admin);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('CASE_EXTENSION_USED');

      // A holiday added by the admin never moves a calendar-day limit.
      await app.request('PUT', '/api/v1/admin/calendar/days/2026-12-02', { body: { kind: 'HOLIDAY', name: '临时假日' }, token: tokens.admin });
      expect(day((await deadline(c.id, 'CASE_DECISION')).dueDate)).toBe('2027-03-02');
      await app.request('DELETE', '/api/v1/admin/calendar/days/2026-12-02', { token: tokens.admin });
    });

    it('records the decision with the status change, stops the case limit, and must come before resolution', async () => {
      app.clock.travelTo(shanghai('2026-11-02T09:00:00'));
      const c = await submit({}, tokens.resident);
      await steps(c.id, [{ action: 'accept' }, { action: 'startVerification' }, { action: 'fileCase' }]);
      const early = await act(c.id, { action: 'resolve', outcome: 'FIXED', reply: '已立案查处。' });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '当前状态「已立案」下不能进行此操作' });

      const bad = await act(c.id, { action: 'decideCase', decision: decision({ partyKind: 'ORGANISATION' }) });
      expect(bad.status).toBe(400);
      app.clock.travelTo(shanghai('2026-11-20T16:00:00'));
      const decided = await act(c.id, { action: 'decideCase', decision: decision() });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body.status).toBe('CASE_DECIDED');
      expect(JSON.stringify(decided.body)).not.toContain('320102198001011234');

      const row = await app.prisma.penaltyDecision.findUniqueOrThrow({ where: { complaintId: c.id } });
      expect(row).toMatchObject({ decisionNo: '东市监罚〔2026〕118号', authority: world.office.name, businessId: business.id, partyName: '李大明', penaltyKinds: ['FINE', 'CONFISCATE_PROPERTY'] });
      expect(row.fineAmount.toString()).toBe('5000');
      expect(row.partyIdNoEnc).toBeTruthy();
      expect(row.partyIdNoEnc).not.toContain('320102198001011234');
      expect(day(row.decisionDate)).toBe('2026-11-20');
      expect((await deadline(c.id, 'CASE_DECISION')).state).toBe('MET');
      const event = await app.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId: c.id, action: 'decideCase' } });
      expect(event).toMatchObject({ fromStatus: 'CASE_FILED', toStatus: 'CASE_DECIDED' });
      const inbox = await app.get('/api/v1/me/notifications', tokens.resident);
      expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('您举报的问题已作出处理决定');

      // The same decision number on another case is refused, and nothing of that case changes.
      const other = await submit({}, tokens.resident);
      await steps(other.id, [{ action: 'accept' }, { action: 'startVerification' }, { action: 'fileCase' }]);
      const taken = await act(other.id, { action: 'decideCase', decision: decision({ partyName: '王小二' }) });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('DECISION_NO_TAKEN');
      expect((await app.prisma.complaint.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('CASE_FILED');
      expect((await deadline(other.id, 'CASE_DECISION')).state).toBe('OPEN');

      await steps(c.id, [{ action: 'resolve', outcome: 'FIXED', reply: '经查属实，已依法作出行政处罚决定。' }]);
      const view = await app.get(`/api/v1/complaints/${c.id}`, tokens.resident);
      expect(view.body.timeline.map((t: { status: string }) => t.status)).toEqual(['SUBMITTED', 'ACCEPTED', 'VERIFYING', 'CASE_FILED', 'CASE_DECIDED', 'RESOLVED']);
    });
  });

  describe('intake of a 投诉', () => {
    const refused = async (over: Record<string, unknown>, code: string) => {
      const res = await app.post('/api/v1/complaints', submission({ kind: 'COMPLAINT', ...over }), tokens.resident);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await app.prisma.complaint.count()).toBe(0);
    };

    it('refuses one without the complainant\'s address, storing nothing', async () => {
      await refused({ reporterAddress: undefined }, 'REPORTER_ADDRESS_REQUIRED');
      await refused({ kind: 'BOTH', reporterAddress: undefined }, 'REPORTER_ADDRESS_REQUIRED');
    });

    it('refuses one without a respondent: a registry business, or a name and an address', async () => {
      await refused({ businessId: undefined, streetId: world.street.id, businessName: '无名烧烤摊' }, 'RESPONDENT_REQUIRED');
      await refused({ businessId: undefined, streetId: world.street.id }, 'RESPONDENT_REQUIRED');
    });

    it('takes a respondent by name and address, stores the address encrypted, and marks a volunteer\'s report', async () => {
      const c = await submit({ kind: 'COMPLAINT', businessId: undefined, streetId: world.street.id, businessName: '无名烧烤摊', businessAddress: '东湖路与柳岸街交叉口' }, tokens.volunteer);
      const stored = await app.prisma.complaint.findUniqueOrThrow({ where: { id: c.id } });
      expect(stored.reporterAddressEnc).toBeTruthy();
      expect(stored.reporterAddressEnc).not.toContain('东湖路 20 号');
      expect(stored.byVolunteer).toBe(true);
      const byResident = await submit({}, tokens.resident);
      expect((await app.prisma.complaint.findUniqueOrThrow({ where: { id: byResident.id } })).byVolunteer).toBe(false);
    });

    it('takes a 举报 with neither address nor a named respondent', async () => {
      const c = await submit({ reporterAddress: undefined, businessId: undefined, streetId: world.street.id });
      expect(c.trackingNo).toMatch(/^SA\d{8}-\d{6}$/);
    });
  });

  describe('the reporter\'s view', () => {
    it('shows their own report and place, and only the steps a reporter may see', async () => {
      const c = await submit({ kind: 'COMPLAINT', category: 'POOR_HYGIENE' }, tokens.resident);
      await steps(c.id, [{ action: 'accept' }]);
      expect((await app.get(`/api/v1/workbench/complaints/${c.id}/contact`, tokens.staff)).status).toBe(200);
      await steps(c.id, [{ action: 'startMediation' }, { action: 'mediated' }, { action: 'resolve', outcome: 'FIXED', reply: '经调解，商户已退款并道歉。' }]);
      const view = await app.get(`/api/v1/complaints/${c.id}`, tokens.resident);
      expect(view.body.timeline.map((t: { statusLabel: string }) => t.statusLabel)).toEqual(['已提交', '已受理', '调解中', '调解成功', '已办结']);
      expect(view.body).toMatchObject({
        description: '店内冷柜里的酸奶已经过期三天仍在销售',
        photoIds: [],
        place: { businessName: '李记小吃店', address: '东湖路 18 号', streetName: world.street.name, communityName: world.community.name },
      });
      const mine = await app.get('/api/v1/complaints/mine', tokens.resident);
      expect(mine.body.items[0].place.streetName).toBe(world.street.name);
    });

    it('lets a guest reopen with the query code and new photos, see the photos, and then the new deadline', async () => {
      const first = await uploadPhoto();
      app.clock.travelTo(shanghai('2026-11-02T09:00:00'));
      const c = await submit({ photoIds: [first] });
      await steps(c.id, [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '现场未发现过期食品' }, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查未发现过期食品。' }]);
      expect((await deadline(c.id, 'NOTIFY_REPORTER')).state).toBe('MET');

      const photoPath = (id: string, code: string) => `/api/v1/complaints/track/photos/${id}?trackingNo=${c.trackingNo}&queryCode=${code}`;
      const photo = await app.get(photoPath(first, c.queryCode!));
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toMatch(/^image\//);
      expect((await app.get(photoPath(first, 'AAAAAAAA'))).status).toBe(404);
      const stranger = await uploadPhoto();
      await submit({ photoIds: [stranger] }, tokens.resident);
      expect((await app.get(photoPath(stranger, c.queryCode!))).status).toBe(404);

      const second = await uploadPhoto();
      app.clock.travelTo(shanghai('2026-11-05T10:00:00'));
      const reopen = { trackingNo: c.trackingNo, reason: '今天又看到在卖过期酸奶', photoIds: [second] };
      const wrong = await app.post('/api/v1/complaints/track/reopen', { ...reopen, queryCode: 'AAAAAAAA' });
      expect(wrong.status).toBe(404);
      expect(wrong.body.code).toBe('TRACKING_NOT_FOUND');
      const unknownPhoto = await app.post('/api/v1/complaints/track/reopen', { ...reopen, queryCode: c.queryCode, photoIds: [randomUUID()] });
      expect(unknownPhoto.body.code).toBe('PHOTO_NOT_FOUND');
      const reopened = await app.post('/api/v1/complaints/track/reopen', { ...reopen, queryCode: c.queryCode });
      expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'REOPENED', photoIds: [first, second] });
      expect(reopened.body.timeline.at(-1)).toMatchObject({ status: 'REOPENED', note: '今天又看到在卖过期酸奶' });
      expect((await app.get(photoPath(second, c.queryCode!))).status).toBe(200);
      const event = await app.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId: c.id, action: 'reopen' } });
      expect(event).toMatchObject({ actorRole: 'REPORTER', actorUserId: null });

      app.clock.travelTo(shanghai('2026-11-06T09:00:00'));
      await steps(c.id, [{ action: 'reprocess' }]);
      const tracked = await app.get(`/api/v1/complaints/track?trackingNo=${c.trackingNo}&queryCode=${c.queryCode}`);
      const verify = tracked.body.deadlines.filter((d: { kind: string }) => d.kind === 'VERIFY');
      // 15 working days from Friday 6 November.
      expect(verify.at(-1)).toEqual({ kind: 'VERIFY', dueDate: '2026-11-27', state: 'OPEN', provisional: false });
      expect(tracked.body.status).toBe('VERIFYING');
    });
  });

  describe('years without an official holiday schedule', () => {
    it('keeps a deadline running into 2027 provisional until 2027\'s holidays are entered, then moves it', async () => {
      app.clock.travelTo(shanghai('2026-12-21T09:00:00'));
      const c = await submit({}, tokens.resident);
      const provisional = await app.get(`/api/v1/complaints/${c.id}`, tokens.resident);
      // Weekends only in 2027: 15 working days end on Monday 11 January.
      expect(provisional.body.deadlines).toEqual([{ kind: 'VERIFY', dueDate: '2027-01-11', state: 'OPEN', provisional: true }]);
      const years = await app.get('/api/v1/admin/calendar/years', tokens.admin);
      expect(years.status).toBe(200);
      expect(years.body).toEqual([
        { year: 2026, hasSchedule: true, provisionalDeadlines: 0 },
        { year: 2027, hasSchedule: false, provisionalDeadlines: 1 },
      ]);
      expect((await app.get('/api/v1/admin/calendar/years', tokens.staff)).status).toBe(403);

      expect((await app.request('PUT', '/api/v1/admin/calendar/days/2027-01-01', { body: { kind: 'HOLIDAY', name: '元旦' }, token: tokens.admin })).status).toBe(200);
      const entered = await app.get(`/api/v1/complaints/${c.id}`, tokens.resident);
      expect(entered.body.deadlines).toEqual([{ kind: 'VERIFY', dueDate: '2027-01-12', state: 'OPEN', provisional: false }]);
      expect((await app.get('/api/v1/admin/calendar/years', tokens.admin)).body[1]).toEqual({ year: 2027, hasSchedule: true, provisionalDeadlines: 0 });
      // Taken back through the API, so the server's cached calendar is as the next test expects.
      expect((await app.request('DELETE', '/api/v1/admin/calendar/days/2027-01-01', { token: tokens.admin })).status).toBe(204);
    });

    it('asks every admin once, from 1 November, to enter next year\'s holidays', async () => {
      await aUser().role('ADMIN').username('admin2').build(app.prisma);
      const reminders = () => app.prisma.notification.findMany({ where: { title: '请录入 2027 年节假日安排' } });
      app.clock.travelTo(shanghai('2026-10-31T23:00:00'));
      await sweep();
      expect(await reminders()).toHaveLength(0);
      app.clock.travelTo(shanghai('2026-11-01T08:00:00'));
      const swept = await sweep();
      expect(swept.status, JSON.stringify(swept.body)).toBe(200);
      app.clock.travelTo(shanghai('2026-11-02T08:00:00'));
      await sweep();
      const written = await reminders();
      expect(written).toHaveLength(2);
      const admins = await app.prisma.user.findMany({ where: { role: 'ADMIN' }, select: { id: true } });
      expect(written.map((n) => n.userId).sort()).toEqual(admins.map((a) => a.id).sort());
      const inbox = await app.get('/api/v1/me/notifications', tokens.admin);
      expect(inbox.body.items.filter((n: { title: string }) => n.title === '请录入 2027 年节假日安排')).toHaveLength(1);
    });
  });

  async function uploadPhoto(): Promise<string> {
    const jpeg = await aPhoto().jpeg().build();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
});
