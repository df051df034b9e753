import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintPublicView, RectificationList, RectificationView, StaffRatingList, WorkbenchComplaint } from '@sa/contracts';
import { aUser, type World } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { EscalationService } from '../escalation/escalation.service';

// 好差评 and 差评整改 through the HTTP API, on the real 2026 calendar (国庆 1–7 October, 10 October a make-up working day).
const shanghai = (local: string) => new Date(`${local}+08:00`);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('ratings and rectification', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string };
  let cadre: { id: number };
  let tokens: Record<'resident' | 'volunteer' | 'otherResident' | 'staff' | 'staff2' | 'admin' | 'cadre', string>;
  let ids: Record<'staff' | 'admin' | 'resident', number>;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ world, business, cadre } = await aComplaintWorld(app));
    const resident = await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().role('VOLUNTEER').username('volunteer').named('刘代表').build(app.prisma);
    await aUser().username('other-resident').named('王大伟').build(app.prisma);
    const staff = await aUser().role('OFFICE_STAFF').username('staff').named('周明').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff2').named('吴倩').office(world.otherOffice).build(app.prisma);
    const admin = await aUser().role('ADMIN').username('admin').named('区食安办').build(app.prisma);
    await aUser().username('cadre').cadre(cadre).named('陈秀兰').build(app.prisma);
    ids = { staff: staff.id, admin: admin.id, resident: resident.id };
    tokens = {
      resident: await app.login('resident'),
      volunteer: await app.login('volunteer'),
      otherResident: await app.login('other-resident'),
      staff: await app.login('staff'),
      staff2: await app.login('staff2'),
      admin: await app.login('admin'),
      cadre: await app.login('cadre'),
    };
  });

  /** A 举报 submitted and resolved (不予立案, 未发现违法) at `resolvedAt`; without a token, by a real-name guest. */
  const resolvedReport = async (resolvedAt: Date, token?: string) => {
    app.clock.travelTo(resolvedAt);
    const res = await app.post('/api/v1/complaints', aReportBody(business), token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const c = res.body as { id: number; trackingNo: string; queryCode: string | null };
    const steps = [
      { action: 'accept' },
      { action: 'startVerification' },
      { action: 'noCase', reason: '经现场核查未发现过期食品' },
      { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查，未发现您反映的过期食品。' },
    ];
    for (const step of steps) {
      const r = await app.post(`/api/v1/workbench/complaints/${c.id}/actions`, step, tokens.staff);
      expect(r.status, `${step.action}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    return c;
  };
  const rate = (id: number, body: Record<string, unknown>, token = tokens.resident) => app.post(`/api/v1/complaints/${id}/rating`, body, token);
  const mine = async (id: number, token = tokens.resident) => (await app.get<ComplaintPublicView>(`/api/v1/complaints/${id}`, token)).body;
  const trailOf = (complaintId: number) => app.prisma.complaintEvent.findMany({ where: { complaintId }, orderBy: { id: 'asc' } });

  describe('the first rating', () => {
    it('is open through day 15 after resolution and refused on day 16, with the reason in Chinese', async () => {
      const onDay15 = await resolvedReport(shanghai('2026-11-02T10:00:00'), tokens.resident);
      const onDay16 = await resolvedReport(shanghai('2026-11-02T16:00:00'), tokens.resident);

      app.clock.travelTo(shanghai('2026-11-17T23:50:00'));
      expect((await mine(onDay15.id)).rating).toEqual({ ratings: [], canRate: true, nextRound: 1, rateUntil: '2026-11-17', rectification: null });
      const ok = await rate(onDay15.id, { level: 4, tags: ['响应快', '态度好'], comment: '处理及时，态度很好' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ round: 1, level: 4, levelLabel: '满意', tags: ['响应快', '态度好'], comment: '处理及时，态度很好' });

      app.clock.travelTo(shanghai('2026-11-18T00:10:00'));
      const late = await rate(onDay16.id, { level: 5 });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'RATING_NOT_OPEN', message: expect.stringContaining('已超过评价期限') });
      expect((await mine(onDay16.id)).rating).toMatchObject({ ratings: [], canRate: false, nextRound: null, rateUntil: null });

      // The rating the reporter gave stays on their page, the form closed.
      expect((await mine(onDay15.id)).rating).toMatchObject({ canRate: false, ratings: [expect.objectContaining({ level: 4, round: 1 })] });
      expect(await app.prisma.rating.count()).toBe(1);
    });

    it('is refused before resolution, to anyone but the reporter, and a second time', async () => {
      app.clock.travelTo(shanghai('2026-11-02T10:00:00'));
      const open = (await app.post('/api/v1/complaints', aReportBody(business), tokens.resident)).body as { id: number };
      const early = await rate(open.id, { level: 5 });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'RATING_NOT_OPEN', message: expect.stringContaining('尚未办结') });
      expect((await mine(open.id)).rating).toBeNull();

      const c = await resolvedReport(shanghai('2026-11-02T11:00:00'), tokens.resident);
      const stranger = await rate(c.id, { level: 1 }, tokens.otherResident);
      expect(stranger.status).toBe(403);
      expect(stranger.body).toMatchObject({ code: 'NOT_THE_REPORTER', message: '只有反映人本人可以评价' });

      expect((await rate(c.id, { level: 3 })).status).toBe(201);
      const again = await rate(c.id, { level: 5 });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });
      // A 基本满意 is not a 差评: no rectification.
      expect(await app.prisma.rectification.count()).toBe(0);
    });

    it('keeps one rating when the reporter sends two at once', async () => {
      const c = await resolvedReport(shanghai('2026-11-02T11:00:00'), tokens.resident);
      const both = await Promise.all([rate(c.id, { level: 1 }), rate(c.id, { level: 2 })]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      // Whichever request lost hears that the rating was given (or, after a 差评, that it is being rectified).
      expect(['RATING_ALREADY_GIVEN', 'RATING_NOT_OPEN']).toContain(both.find((r) => r.status === 409)!.body.code);
      expect(await app.prisma.rating.count()).toBe(1);
      expect(await app.prisma.rectification.count()).toBe(1);
      expect(await app.prisma.deadline.count({ where: { complaintId: c.id, kind: 'RECTIFY' } })).toBe(1);
    });

    it('rejects a level outside 1–5 and an unknown tag with a Chinese 400', async () => {
      const c = await resolvedReport(shanghai('2026-11-02T11:00:00'), tokens.resident);
      const bad = await rate(c.id, { level: 6 });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('请选择评价等级');
      expect((await rate(c.id, { level: 4, tags: ['很好吃'] })).status).toBe(400);
    });

    it('records who rated as a volunteer, and staff see that but never who it was', async () => {
      const c = await resolvedReport(shanghai('2026-11-02T10:00:00'), tokens.volunteer);
      expect((await rate(c.id, { level: 5, comment: '我是刘代表，处理很快' }, tokens.volunteer)).status).toBe(201);
      const list = await app.get<StaffRatingList>('/api/v1/workbench/ratings', tokens.staff);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([expect.objectContaining({ complaintId: c.id, trackingNo: c.trackingNo, level: 5, byVolunteer: true, rectificationId: null, office: { id: world.office.id, name: world.office.name } })]);
      expect(list.body.items[0]).not.toHaveProperty('userId');
      expect(JSON.stringify(list.body.items[0])).not.toContain('volunteer');
    });

    it('lets a guest rate with the tracking number and query code; a wrong code gets the tracking page\'s answer', async () => {
      const c = await resolvedReport(shanghai('2026-11-02T10:00:00'));
      expect(c.queryCode).toEqual(expect.any(String));
      const wrong = { trackingNo: c.trackingNo, queryCode: 'ZZZZZZZZ' };
      const tracked = await app.get(`/api/v1/complaints/track?trackingNo=${wrong.trackingNo}&queryCode=${wrong.queryCode}`);
      const rated = await app.post('/api/v1/complaints/track/rating', { ...wrong, level: 1 });
      expect(rated.status).toBe(404);
      expect(rated.status).toBe(tracked.status);
      expect(rated.body).toEqual(tracked.body);
      const unknown = await app.post('/api/v1/complaints/track/rating', { trackingNo: 'SA20261102-999999', queryCode: c.queryCode, level: 1 });
      expect(unknown.body).toEqual(tracked.body);

      const ok = await app.post('/api/v1/complaints/track/rating', { trackingNo: c.trackingNo, queryCode: c.queryCode!.toLowerCase(), level: 4, tags: ['处理彻底'] });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ round: 1, level: 4 });
      const view = await app.get<ComplaintPublicView>(`/api/v1/complaints/track?trackingNo=${c.trackingNo}&queryCode=${c.queryCode}`);
      expect(view.body.rating).toMatchObject({ canRate: false, ratings: [expect.objectContaining({ level: 4, tags: ['处理彻底'] })] });
      expect(await app.prisma.rating.findFirstOrThrow()).toMatchObject({ userId: null, byVolunteer: false });
      // A signed-in user's numeric-id route does not swallow the guest route.
      expect((await app.post('/api/v1/complaints/track/rating', { trackingNo: c.trackingNo, queryCode: c.queryCode, level: 4 })).body).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });
    });
  });

  describe('a 差评 and its rectification', () => {
    /** 差评 on Wednesday 30 September, the eve of 国庆. */
    const poorlyRated = async () => {
      const c = await resolvedReport(shanghai('2026-09-29T10:00:00'), tokens.resident);
      app.clock.travelTo(shanghai('2026-09-30T15:00:00'));
      const r = await rate(c.id, { level: 2, tags: ['推诿', '未解决'], comment: '张小梅：冷柜里还是过期酸奶，电话 13812341234' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const rect = await app.prisma.rectification.findUniqueOrThrow({ where: { complaintId: c.id }, include: { deadline: true } });
      return { c, rating: r.body as { id: number }, rect };
    };

    it('opens a task for the handling office due 5 working days later, over the 国庆 holiday', async () => {
      const { c, rating, rect } = await poorlyRated();
      expect(rect).toMatchObject({ ratingId: rating.id, officeId: world.office.id, state: 'OPEN' });
      // 30 September not counted; 1–7 October off; 8, 9, 10 (make-up), 12, 13 October.
      expect(rect.deadline).toMatchObject({ kind: 'RECTIFY', workingDays: 5, unit: 'WORKING_DAYS', state: 'OPEN' });
      expect(day(rect.deadline.startDate)).toBe('2026-09-30');
      expect(day(rect.deadline.dueDate)).toBe('2026-10-13');

      // The office's staff hear of it, without the reporter's name or number.
      const notices = await app.prisma.notification.findMany({ where: { complaintId: c.id, title: { startsWith: '差评待整改' } } });
      expect(notices.map((n) => n.userId)).toEqual([ids.staff]);
      expect(notices[0]!.body).toContain('请于 2026-10-13 24:00 前回访举报人');
      expect(notices[0]!.body).not.toContain('张小梅');

      // The reporter sees the rectification under way with its due day, but not the deadline among the case's limits.
      const view = await mine(c.id);
      expect(view.rating).toMatchObject({ canRate: false, rectification: { state: 'OPEN', dueDate: '2026-10-13', completedAt: null, actionTaken: null } });
      expect(view.deadlines.map((d) => d.kind)).not.toContain('RECTIFY');
      expect((await trailOf(c.id)).at(-1)).toMatchObject({ action: 'rate', actorRole: 'REPORTER', payload: expect.objectContaining({ round: 1, level: 2, rectifyDue: '2026-10-13' }) });
    });

    it('marks a rectification running into 2027, whose holidays are not entered, as provisional for the reporter and in the queue', async () => {
      app.clock.travelTo(shanghai('2026-12-22T10:00:00'));
      // Weeks on from the real day: the staff session of beforeEach has idled out, so staff sign in again.
      tokens.staff = await app.login('staff');
      const c = await resolvedReport(shanghai('2026-12-22T10:00:00'), tokens.resident);
      app.clock.travelTo(shanghai('2026-12-28T15:00:00'));
      expect((await rate(c.id, { level: 1, tags: ['未解决'] })).status).toBe(201);
      // 29, 30, 31 December; 1 January counted as a working day until 2027 is entered; 4 January.
      expect((await mine(c.id)).rating?.rectification).toMatchObject({ state: 'OPEN', dueDate: '2027-01-04', provisional: true });
      const queue = await app.get<RectificationList>('/api/v1/workbench/rectifications', tokens.staff);
      expect(queue.body.items[0]?.deadline).toMatchObject({ kind: 'RECTIFY', dueDate: '2027-01-04', provisional: true });
      const notice = await app.prisma.notification.findFirstOrThrow({ where: { complaintId: c.id, title: { startsWith: '差评待整改' } } });
      expect(notice.body).toContain('请于 2027-01-04 24:00 前（暂估，节假日安排未公布）回访举报人');
    });

    it('shows the reporter a rectification due within the entered schedule as it is', async () => {
      const { c } = await poorlyRated();
      expect((await mine(c.id)).rating?.rectification).toMatchObject({ dueDate: '2026-10-13', provisional: false });
    });

    it('is in office1\'s queue only, read-only for the cadre, and needs a callback before it is completed, once', async () => {
      const { c, rect } = await poorlyRated();
      app.clock.travelTo(shanghai('2026-10-09T10:00:00'));

      const queue = await app.get<RectificationList>('/api/v1/workbench/rectifications', tokens.staff);
      expect(queue.status).toBe(200);
      expect(queue.body).toMatchObject({ total: 1, counts: { OPEN: 1, DONE: 0 } });
      expect(queue.body.items[0]).toMatchObject({ id: rect.id, complaintId: c.id, state: 'OPEN', reporterReachable: true, canAct: true, deadline: { dueDate: '2026-10-13', overdue: false } });

      const other = await app.get<RectificationList>('/api/v1/workbench/rectifications', tokens.staff2);
      expect(other.body).toMatchObject({ total: 0, items: [], counts: { OPEN: 0, DONE: 0 } });
      expect((await app.get(`/api/v1/workbench/rectifications/${rect.id}`, tokens.staff2)).status).toBe(404);
      expect((await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: new Date().toISOString(), reached: false }, tokens.staff2)).status).toBe(404);

      const forCadre = await app.get<RectificationView>(`/api/v1/workbench/rectifications/${rect.id}`, tokens.cadre);
      expect(forCadre.status).toBe(200);
      expect(forCadre.body.canAct).toBe(false);
      expect(JSON.stringify(forCadre.body)).not.toContain('张小梅');
      expect(JSON.stringify(forCadre.body)).not.toContain('13812341234');
      const byCadre = await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-09T09:00:00').toISOString(), reached: false }, tokens.cadre);
      expect(byCadre.status).toBe(403);
      expect(await app.prisma.rectificationCallback.count()).toBe(0);

      const tooSoon = await app.post(`/api/v1/workbench/rectifications/${rect.id}/complete`, { actionTaken: '已督促经营者下架过期酸奶' }, tokens.staff);
      expect(tooSoon.status).toBe(409);
      expect(tooSoon.body).toMatchObject({ code: 'CALLBACK_REQUIRED' });

      const future = await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-09T12:00:00').toISOString(), reached: true, reporterSaid: '希望尽快处理' }, tokens.staff);
      expect(future.status).toBe(400);
      expect(future.body).toMatchObject({ code: 'CALLBACK_IN_FUTURE', message: '回访时间不能晚于现在' });
      const mute = await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-09T09:00:00').toISOString(), reached: true }, tokens.staff);
      expect(mute.status).toBe(400);
      expect(mute.body.message).toContain('已接通时请记录举报人的意见');

      const missed = await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-08T16:00:00').toISOString(), reached: false }, tokens.staff);
      expect(missed.status, JSON.stringify(missed.body)).toBe(201);
      const reached = await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-09T09:30:00').toISOString(), reached: true, reporterSaid: '店里已经没有过期酸奶了，但希望加强检查' }, tokens.staff);
      expect(reached.status).toBe(201);
      expect(reached.body).toMatchObject({ byName: '周明', reached: true, reporterSaid: '店里已经没有过期酸奶了，但希望加强检查' });

      const done = await app.post<RectificationView>(`/api/v1/workbench/rectifications/${rect.id}/complete`, { actionTaken: '复查该店冷柜，责令下架过期酸奶并建立临期食品台账' }, tokens.staff);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ state: 'DONE', completedByName: '周明', actionTaken: '复查该店冷柜，责令下架过期酸奶并建立临期食品台账', canAct: false, deadline: { state: 'MET' } });
      expect(done.body.callbacks.map((cb) => cb.reached)).toEqual([false, true]);
      expect(await app.prisma.deadline.findUniqueOrThrow({ where: { id: rect.deadlineId } })).toMatchObject({ state: 'MET' });

      const twice = await app.post(`/api/v1/workbench/rectifications/${rect.id}/complete`, { actionTaken: '再次办结' }, tokens.staff);
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'RECTIFICATION_DONE' });
      expect((await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-09T09:50:00').toISOString(), reached: false }, tokens.staff)).body).toMatchObject({ code: 'RECTIFICATION_DONE' });

      expect((await trailOf(c.id)).slice(-3).map((e) => e.action)).toEqual(['rectifyCallback', 'rectifyCallback', 'rectifyComplete']);
      const detail = await app.get<WorkbenchComplaint>(`/api/v1/workbench/complaints/${c.id}`, tokens.staff);
      expect(detail.body.trail.slice(-1)[0]).toMatchObject({ actionLabel: '差评整改办结', actorName: '周明' });
      expect(await app.get<RectificationList>('/api/v1/workbench/rectifications?state=DONE', tokens.staff)).toMatchObject({ body: { total: 1, counts: { OPEN: 0, DONE: 1 } } });
    });

    it('lets the reporter rate once more after the rectification, tells the admins of a second 差评, then refuses', async () => {
      const { c, rect } = await poorlyRated();
      app.clock.travelTo(shanghai('2026-10-12T10:00:00'));
      await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-12T09:00:00').toISOString(), reached: true, reporterSaid: '还是不满意' }, tokens.staff);
      // Before completion the form stays closed.
      expect((await rate(c.id, { level: 4 })).body).toMatchObject({ code: 'RATING_NOT_OPEN', message: expect.stringContaining('整改完成后') });
      await app.post(`/api/v1/workbench/rectifications/${rect.id}/complete`, { actionTaken: '约谈经营者，责令整改并复查' }, tokens.staff);
      expect(await app.prisma.notification.findFirst({ where: { userId: ids.resident, title: '您的差评已整改' } })).toMatchObject({ complaintId: c.id });

      app.clock.travelTo(shanghai('2026-10-27T20:00:00'));
      expect((await mine(c.id)).rating).toMatchObject({ canRate: true, nextRound: 2, rateUntil: '2026-10-27', rectification: { state: 'DONE', actionTaken: '约谈经营者，责令整改并复查' } });
      const second = await rate(c.id, { level: 1, comment: '问题依旧' });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      expect(second.body).toMatchObject({ round: 2, level: 1 });
      const toAdmins = await app.prisma.notification.findMany({ where: { complaintId: c.id, title: { startsWith: '整改后仍为差评' } } });
      expect(toAdmins.map((n) => n.userId)).toEqual([ids.admin]);
      // A round-2 差评 opens no second task.
      expect(await app.prisma.rectification.count()).toBe(1);

      const again = await rate(c.id, { level: 5 });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });

      const detail = await app.get<WorkbenchComplaint>(`/api/v1/workbench/complaints/${c.id}`, tokens.staff);
      expect(detail.body.rectificationId).toBe(rect.id);
      expect(detail.body.ratings.map((r) => [r.round, r.level])).toEqual([[1, 2], [2, 1]]);
      const view = await app.get<RectificationView>(`/api/v1/workbench/rectifications/${rect.id}`, tokens.admin);
      expect(view.body.secondRating).toMatchObject({ round: 2, level: 1, comment: '问题依旧' });
    });

    it('refuses the second rating more than 15 days after the rectification', async () => {
      const { c, rect } = await poorlyRated();
      app.clock.travelTo(shanghai('2026-10-12T10:00:00'));
      await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-12T09:00:00').toISOString(), reached: false }, tokens.staff);
      await app.post(`/api/v1/workbench/rectifications/${rect.id}/complete`, { actionTaken: '多次联系未接通，已复查经营者整改到位' }, tokens.staff);
      app.clock.travelTo(shanghai('2026-10-28T08:00:00'));
      const late = await rate(c.id, { level: 4 });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'RATING_NOT_OPEN', message: expect.stringContaining('已超过再次评价期限') });
    });

    it('is escalated by the sweep once overdue, like every other deadline, after a reminder the day before', async () => {
      const { c, rect } = await poorlyRated();
      const sweeper = app.nest.get(EscalationService);
      // Monday 12 October: due the next working day.
      const reminded = await sweeper.sweep(shanghai('2026-10-12T09:00:00'));
      expect(reminded).toMatchObject({ escalated: 0, reminded: 1 });
      expect(await sweeper.sweep(shanghai('2026-10-13T23:59:00'))).toMatchObject({ escalated: 0 });
      expect(await sweeper.sweep(shanghai('2026-10-14T00:01:00'))).toMatchObject({ escalated: 1, failed: 0 });
      expect(await app.prisma.escalation.findMany()).toEqual([expect.objectContaining({ complaintId: c.id, deadlineId: rect.deadlineId })]);
      const notice = await app.prisma.notification.findFirstOrThrow({ where: { complaintId: c.id, kind: 'ESCALATION', userId: ids.admin } });
      expect(notice.title).toBe('超期督办：差评整改回访期限已届满');
      expect(notice.body).not.toContain('张小梅');
      // Escalated, it shows as overdue in the queue.
      app.clock.travelTo(shanghai('2026-10-14T09:00:00'));
      const queue = await app.get<RectificationList>('/api/v1/workbench/rectifications', tokens.staff);
      expect(queue.body.items[0]!.deadline).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
    });
  });

  describe('the workbench ratings list', () => {
    it('counts by level in scope, filters 差评, and hides the reporter from cadres', async () => {
      const a = await resolvedReport(shanghai('2026-11-02T10:00:00'), tokens.resident);
      const b = await resolvedReport(shanghai('2026-11-02T10:05:00'), tokens.resident);
      const d = await resolvedReport(shanghai('2026-11-02T10:10:00'), tokens.volunteer);
      app.clock.travelTo(shanghai('2026-11-03T10:00:00'));
      await rate(a.id, { level: 5 });
      await rate(b.id, { level: 1, comment: '我是张小梅，13812341234，根本没人来查' });
      await rate(d.id, { level: 5 }, tokens.volunteer);

      const all = await app.get<StaffRatingList>('/api/v1/workbench/ratings', tokens.admin);
      expect(all.body).toMatchObject({ total: 3, counts: { 5: 2, 4: 0, 3: 0, 2: 0, 1: 1 } });
      const poor = await app.get<StaffRatingList>('/api/v1/workbench/ratings?poorOnly=true', tokens.staff);
      expect(poor.body.total).toBe(1);
      expect(poor.body.items[0]).toMatchObject({ complaintId: b.id, level: 1, rectificationId: expect.any(Number) });
      // The tabs keep counting every level while one is chosen.
      expect(poor.body.counts).toEqual({ 5: 2, 4: 0, 3: 0, 2: 0, 1: 1 });
      expect((await app.get<StaffRatingList>('/api/v1/workbench/ratings?from=2026-11-04', tokens.admin)).body.total).toBe(0);
      expect((await app.get<StaffRatingList>('/api/v1/workbench/ratings?from=2026-11-03&to=2026-11-03', tokens.admin)).body.total).toBe(3);
      expect((await app.get('/api/v1/workbench/ratings?from=2026-11-05&to=2026-11-03', tokens.admin)).status).toBe(400);

      expect((await app.get<StaffRatingList>('/api/v1/workbench/ratings', tokens.staff2)).body).toMatchObject({ total: 0, counts: { 5: 0, 1: 0 } });

      const forCadre = await app.get<StaffRatingList>('/api/v1/workbench/ratings?level=1', tokens.cadre);
      expect(forCadre.body.total).toBe(1);
      expect(forCadre.body.items[0]!.comment).toBe('我是＊＊＊，＊＊＊，根本没人来查');
      // Staff of the handling office read the comment as written (they may call the reporter back).
      expect(poor.body.items[0]!.comment).toContain('张小梅');
      expect((await app.get('/api/v1/workbench/ratings', tokens.resident)).status).toBe(403);
    });
  });
});
