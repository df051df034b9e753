import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDistrict, type PrismaClient } from '@sa/db';
import { INDICATOR_CODES, isPoorRating, type IndicatorReport, RATING_WINDOW_DAYS, RERATING_WINDOW_DAYS, type ComplaintStatus, type DeadlineKind } from '@sa/contracts';
import { seedOfficialHolidays } from '../calendar/calendar.seed';
import { addCalendarDays, addWorkingDays, dbDateToDay, holidayCalendar, shanghaiDate, type HolidayCalendar } from '../calendar/working-days';
import { planDeadlines } from '../complaints/deadlines';
import { CASE_EXTENSION_CALENDAR_DAYS, DEADLINE_LIMITS, findTransition, VERIFY_EXTENSION_WORKING_DAYS, WORKFLOW, type Actor } from '../complaints/workflow';
import { PhoneCipher } from '../common/phone-crypto';
import { simulateHistory, type HistoryWorld } from './history-simulator';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { countsOf, DEMO_HISTORY_SEED, loadWorld, seedDemoHistory, type HistorySummary } from './history-seed';

const DAY_MS = 86_400_000;
// The key startTestApp gives the server, so staff can open the numbers the history stores.
const cipher = new PhoneCipher('test-phone-key-0123456789');
const encryptPhone = (phone: string) => cipher.encrypt(phone);
const WORKFLOW_ACTIONS = new Set<string>(WORKFLOW.map((t) => t.action));

// The demo's year of history, as a newcomer's first `npm start` writes it after the registry.
describe('demo history', () => {
  let app: TestApp;
  let prisma: PrismaClient;
  let summary: HistorySummary;
  let holidays: HolidayCalendar;
  let worldBefore: HistoryWorld;
  const now = new Date();
  const today = shanghaiDate(now);
  const cal = { addWorkingDays: async (from: string, n: number) => addWorkingDays(holidays, from, n) };

  beforeAll(async () => {
    app = await startTestApp();
    await app.truncate();
    app.clock.travelTo(now);
    prisma = app.prisma;
    await seedOfficialHolidays(prisma);
    await seedDemoDistrict(prisma, { hashPassword: async (plain) => `test-hash$${plain}` });
    worldBefore = await prisma.$transaction((tx) => loadWorld(tx));
    const started = Date.now();
    const timings: Record<string, number> = {};
    summary = await seedDemoHistory(prisma, { now, encryptPhone, timings });
    console.info(`demo history seeded in ${Date.now() - started} ms`, timings, summary);
    const days = await prisma.calendarDay.findMany();
    holidays = holidayCalendar(days.map((d) => ({ date: dbDateToDay(d.date), kind: d.kind, name: d.name })));
  }, 180_000);
  afterAll(async () => app?.close());

  it('writes about 3,000 complaints over the last 12 months, of both kinds, from everywhere', async () => {
    expect(summary.skipped).toBe(false);
    const complaints = await prisma.complaint.findMany({ where: { idempotencyKey: { startsWith: 'demo-history-' } }, select: { kind: true, receivedAt: true, streetId: true, category: true, byVolunteer: true, linkedComplaintId: true, anonymous: true, reporterPhoneEnc: true } });
    expect(complaints.length).toBeGreaterThanOrEqual(2_800);
    expect(complaints.length).toBeLessThanOrEqual(3_200);
    const since = Date.now() - 366 * DAY_MS;
    expect(complaints.every((c) => c.receivedAt.getTime() >= since && c.receivedAt <= now)).toBe(true);
    const reports = complaints.filter((c) => c.kind === 'REPORT').length;
    expect(reports / complaints.length).toBeGreaterThan(0.3);
    expect(reports / complaints.length).toBeLessThan(0.6);
    const pairs = complaints.filter((c) => c.linkedComplaintId !== null).length / 2;
    expect(pairs).toBeGreaterThanOrEqual(50);
    expect(pairs).toBeLessThanOrEqual(200);
    const volunteers = complaints.filter((c) => c.byVolunteer).length / complaints.length;
    expect(volunteers).toBeGreaterThan(0.04);
    expect(volunteers).toBeLessThan(0.14);
    expect(new Set(complaints.map((c) => c.category)).size).toBe(9);
    const streets = await prisma.street.count();
    expect(new Set(complaints.map((c) => c.streetId)).size).toBe(streets);
    // Real-name reporters can be called back; anonymous ones leave nothing to call.
    expect(complaints.filter((c) => !c.anonymous).every((c) => /^1\d{10}$/.test(cipher.decrypt(c.reporterPhoneEnc!)))).toBe(true);
    expect(complaints.filter((c) => c.anonymous).every((c) => c.reporterPhoneEnc === null)).toBe(true);
    // Summer brings more than late winter.
    const byMonth = new Map<string, number>();
    for (const c of complaints) byMonth.set(shanghaiDate(c.receivedAt).slice(5, 7), (byMonth.get(shanghaiDate(c.receivedAt).slice(5, 7)) ?? 0) + 1);
    expect(byMonth.get('08')!).toBeGreaterThan(byMonth.get('03')! * 1.3);
  });

  it('replays every complaint trail through the workflow table without an illegal step', async () => {
    const complaints = await prisma.complaint.findMany({
      where: { origin: { in: ['PUBLIC', 'SAMPLING'] }, OR: [{ idempotencyKey: { startsWith: 'demo-history-' } }, { origin: 'SAMPLING' }] },
      select: { id: true, kind: true, status: true, trackingNo: true, resolvedAt: true, firstResolvedAt: true, reopenCount: true, anonymous: true, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] }, deadlines: true },
    });
    const actions = new Map<string, number>();
    for (const c of complaints) {
      expect(c.events[0]!.action).toBe('submit');
      let status: ComplaintStatus = 'SUBMITTED';
      let reopens = 0;
      let lastAt = 0;
      for (const e of c.events.slice(1)) {
        expect(e.at.getTime()).toBeGreaterThanOrEqual(lastAt);
        lastAt = e.at.getTime();
        expect(e.fromStatus, `${c.trackingNo} ${e.action}`).toBe(status);
        if (!WORKFLOW_ACTIONS.has(e.action)) {
          expect(['disclose', 'followUp', 'rate', 'rectifyCallback', 'rectifyComplete']).toContain(e.action);
          expect(e.toStatus).toBe(status);
          continue;
        }
        const day = shanghaiDate(e.at);
        const openDeadlines = c.deadlines.filter((d) => dbDateToDay(d.startDate) <= day && (d.metAt === null || d.metAt >= e.at)).map((d) => d.kind);
        const found = findTransition({ status, kind: c.kind, action: e.action as never, actor: e.actorRole as Actor, openDeadlines });
        expect(found.ok, `${c.trackingNo}: ${e.action} by ${e.actorRole} from ${status}`).toBe(true);
        if (!found.ok) continue;
        expect(e.toStatus).toBe(found.transition.to);
        status = found.transition.to;
        if (e.action === 'reopen') reopens++;
        actions.set(e.action, (actions.get(e.action) ?? 0) + 1);
      }
      expect(status, c.trackingNo).toBe(c.status);
      expect(c.reopenCount).toBe(reopens);
      const resolvedOnce = c.events.some((e) => e.toStatus === 'RESOLVED');
      expect(c.firstResolvedAt === null, c.trackingNo).toBe(!resolvedOnce);
      expect(c.resolvedAt !== null, c.trackingNo).toBe(status === 'RESOLVED' || (status === 'CLOSED' && resolvedOnce));
    }
    // Every step of the table is taken somewhere in the year.
    for (const action of WORKFLOW_ACTIONS) expect(actions.get(action) ?? 0, action).toBeGreaterThan(0);
  });

  it('gives every deadline the due date planDeadlines gives for its start (extensions included)', async () => {
    const deadlines = await prisma.deadline.findMany({ where: { complaint: { OR: [{ idempotencyKey: { startsWith: 'demo-history-' } }, { origin: 'SAMPLING' }] } } });
    expect(deadlines.length).toBeGreaterThan(6_000);
    for (const d of deadlines) {
      const start = dbDateToDay(d.startDate);
      const [planned] = await planDeadlines(cal, [d.kind], start);
      const extra = d.kind === 'VERIFY' ? VERIFY_EXTENSION_WORKING_DAYS : d.kind === 'CASE_DECISION' ? CASE_EXTENSION_CALENDAR_DAYS : 0;
      if (d.workingDays === DEADLINE_LIMITS[d.kind].days) {
        expect(dbDateToDay(d.dueDate), `${d.kind} from ${start}`).toBe(planned!.dueDate);
      } else {
        expect(d.workingDays).toBe(DEADLINE_LIMITS[d.kind].days + extra);
        expect(extra).toBeGreaterThan(0);
      }
      expect(d.unit).toBe(planned!.unit);
    }
  });

  it('is handled mostly on time, some late, a handful still open and overdue', async () => {
    const deadlines = await prisma.deadline.findMany({ where: { kind: { in: ['ACCEPT', 'VERIFY', 'MEDIATE', 'CASE_DECISION', 'NOTIFY_REPORTER', 'TERMINATION_NOTICE'] }, complaint: { idempotencyKey: { startsWith: 'demo-history-' } } } });
    const met = deadlines.filter((d) => d.state === 'MET');
    const onTime = met.filter((d) => shanghaiDate(d.metAt!) <= dbDateToDay(d.dueDate)).length / met.length;
    expect(onTime).toBeGreaterThanOrEqual(0.92);
    expect(onTime).toBeLessThanOrEqual(0.97);
    for (const kind of ['ACCEPT', 'VERIFY', 'MEDIATE'] as DeadlineKind[]) {
      const ofKind = met.filter((d) => d.kind === kind);
      const late = ofKind.filter((d) => shanghaiDate(d.metAt!) > dbDateToDay(d.dueDate)).length;
      expect(late, kind).toBeGreaterThan(0);
      expect(late / ofKind.length, kind).toBeLessThan(0.1);
    }
    const overdue = deadlines.filter((d) => d.state === 'OPEN' && dbDateToDay(d.dueDate) < today).length;
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(overdue).toBeLessThanOrEqual(40);
    const open = await prisma.complaint.count({ where: { idempotencyKey: { startsWith: 'demo-history-' }, status: { notIn: ['RESOLVED', 'CLOSED', 'REJECTED', 'TRANSFERRED'] } } });
    expect(open).toBeGreaterThan(20);
    expect(open).toBeLessThan(400);
  });

  it('ends in every kind of outcome, with transfers, rejections, reopens and cadre follow-ups', async () => {
    const where = { idempotencyKey: { startsWith: 'demo-history-' } };
    const outcomes = await prisma.complaint.groupBy({ by: ['outcome'], where, _count: true });
    const count = (o: string | null) => outcomes.find((x) => x.outcome === o)?._count ?? 0;
    for (const o of ['FIXED', 'NOT_FIXED', 'NO_VIOLATION', 'DUPLICATE', 'NOT_OUR_REMIT']) expect(count(o), o).toBeGreaterThan(10);
    expect(count('FIXED')).toBeGreaterThan(count('NO_VIOLATION'));
    const transferred = await prisma.complaint.findMany({ where: { ...where, events: { some: { action: 'transfer' } } }, select: { category: true, transferTo: true } });
    expect(transferred.length).toBeGreaterThan(20);
    expect(transferred.every((c) => c.category === 'PRICE' && c.transferTo)).toBe(true);
    expect(await prisma.complaint.count({ where: { ...where, events: { some: { action: 'reject' } } } })).toBeGreaterThan(20);
    const reopened = await prisma.complaint.count({ where: { ...where, reopenCount: { gt: 0 } } });
    expect(reopened).toBeGreaterThan(20);
    expect(reopened).toBeLessThan(150);
    const followUps = await prisma.followUp.findMany({ include: { complaint: { select: { cadreId: true } } } });
    expect(followUps.length).toBeGreaterThan(10);
    expect(followUps.every((f) => f.complaint.cadreId === f.cadreId)).toBe(true);
  });

  it('records penalty decisions, most disclosed within 20 working days, a few late', async () => {
    const decisions = await prisma.penaltyDecision.findMany({ where: { decisionNo: { contains: '〕1' } }, include: { complaint: { include: { deadlines: { where: { kind: 'DISCLOSE' } } } } } });
    expect(decisions.length).toBeGreaterThan(80);
    const disclosable = decisions.filter((d) => d.complaint.deadlines.length === 1);
    expect(disclosable.length).toBeGreaterThan(50);
    const published = disclosable.filter((d) => d.disclosedAt);
    const late = published.filter((d) => shanghaiDate(d.disclosedAt!) > dbDateToDay(d.complaint.deadlines[0]!.dueDate));
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / published.length).toBeLessThan(0.12);
    for (const d of published) expect(d.complaint.deadlines[0]!.state).toBe('MET');
    // Warnings alone and 不予处罚 are never disclosed.
    for (const d of decisions.filter((x) => x.complaint.deadlines.length === 0)) {
      expect(d.type === 'NO_PENALTY' || d.penaltyKinds.every((k) => k === 'WARNING')).toBe(true);
      expect(d.disclosedAt).toBeNull();
    }
  });

  it('has ratings on resolved complaints within 15 days, mostly positive, each round-1 差评 rectified with callbacks', async () => {
    const resolved = await prisma.complaint.count({ where: { idempotencyKey: { startsWith: 'demo-history-' }, resolvedAt: { not: null } } });
    const ratings = await prisma.rating.findMany({ include: { complaint: { select: { status: true, resolvedAt: true } }, rectification: { include: { deadline: true, callbacks: true } } } });
    const first = ratings.filter((r) => r.round === 1);
    const share = first.length / resolved;
    expect(share).toBeGreaterThanOrEqual(0.6);
    expect(share).toBeLessThanOrEqual(0.7);
    for (const r of first) {
      expect(['RESOLVED', 'CLOSED']).toContain(r.complaint.status);
      const after = r.createdAt.getTime() - r.complaint.resolvedAt!.getTime();
      expect(after).toBeGreaterThanOrEqual(0);
      expect(after).toBeLessThanOrEqual(RATING_WINDOW_DAYS * DAY_MS);
    }
    const poor = first.filter((r) => isPoorRating(r.level));
    expect(poor.length / first.length).toBeGreaterThanOrEqual(0.06);
    expect(poor.length / first.length).toBeLessThanOrEqual(0.1);
    expect(first.filter((r) => r.level >= 4).length / first.length).toBeGreaterThan(0.7);
    for (const r of poor) {
      const rect = r.rectification!;
      expect(rect, `rating ${r.id}`).not.toBeNull();
      expect(rect.deadline.kind).toBe('RECTIFY');
      expect(dbDateToDay(rect.deadline.startDate)).toBe(shanghaiDate(r.createdAt));
      expect(dbDateToDay(rect.deadline.dueDate)).toBe(addWorkingDays(holidays, shanghaiDate(r.createdAt), 5));
      if (rect.state === 'DONE') {
        expect(rect.callbacks.length).toBeGreaterThan(0);
        expect(rect.actionTaken).toBeTruthy();
        expect(rect.deadline.state).toBe('MET');
      }
    }
    expect(first.filter((r) => !isPoorRating(r.level)).every((r) => r.rectification === null)).toBe(true);
    const callbacks = await prisma.rectificationCallback.findMany();
    expect(callbacks.filter((c) => c.reached).length / callbacks.length).toBeGreaterThan(0.7);
    expect(callbacks.filter((c) => c.reached).every((c) => (c.reporterSaid ?? '').length >= 2)).toBe(true);
    // Round 2 only after a finished rectification, within its window.
    const second = ratings.filter((r) => r.round === 2);
    expect(second.length).toBeGreaterThan(5);
    const rects = await prisma.rectification.findMany({ where: { complaintId: { in: second.map((r) => r.complaintId) } } });
    for (const r of second) {
      const rect = rects.find((x) => x.complaintId === r.complaintId)!;
      expect(rect.state).toBe('DONE');
      const after = r.createdAt.getTime() - rect.completedAt!.getTime();
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThanOrEqual(RERATING_WINDOW_DAYS * DAY_MS);
    }
    expect(summary.skipped === false && summary.ratings).toBe(ratings.length);
  });

  it('imports one survey campaign of 600 interviews over the streets, two of them below the minimum sample', async () => {
    const survey = await prisma.survey.findFirstOrThrow({ include: { questions: true, imports: true } });
    expect(survey.imports).toHaveLength(1);
    expect(survey.imports[0]!.rows).toBe(600);
    expect(survey.questions.filter((q) => q.role === 'OVERALL').map((q) => q.kind)).toEqual(['LIKERT5']);
    expect(survey.questions.filter((q) => q.role === 'AWARENESS' || q.role === 'SUPPORT').every((q) => q.kind === 'YES_NO')).toBe(true);
    expect(survey.questions.filter((q) => q.role === null && q.kind === 'LIKERT5').length).toBeGreaterThanOrEqual(4);
    const responses = await prisma.surveyResponse.groupBy({ by: ['streetId'], where: { surveyId: survey.id, source: 'IMPORT', importId: survey.imports[0]!.id }, _count: true });
    expect(responses.reduce((a, r) => a + r._count, 0)).toBe(600);
    expect(responses.filter((r) => r._count < survey.minSample).length).toBe(2);
    const overall = survey.questions.find((q) => q.role === 'OVERALL')!;
    const answers = await prisma.surveyAnswer.findMany({ where: { questionId: overall.id } });
    expect(answers).toHaveLength(600);
    const satisfied = answers.filter((a) => a.value! >= 3).length / answers.length;
    expect(satisfied).toBeGreaterThan(0.78);
    expect(satisfied).toBeLessThan(0.93);
    expect(await prisma.surveyAnswer.count()).toBe(600 * survey.questions.length);
    expect(new Set((await prisma.surveyResponse.findMany({ select: { ageBand: true } })).map((r) => r.ageBand)).size).toBe(4);
  });

  it('has sampling batches near 4 per 1000 residents, some streets above and some below, each unqualified one with its case', async () => {
    const streets = await prisma.street.findMany({ include: { communities: { select: { population: true } } } });
    const batches = await prisma.samplingBatch.findMany({ include: { business: { select: { streetId: true } }, complaint: { select: { origin: true, kind: true, businessId: true } } } });
    const population = streets.reduce((a, s) => a + s.communities.reduce((x, c) => x + c.population, 0), 0);
    const overall = (batches.length / population) * 1000;
    expect(overall).toBeGreaterThan(3.6);
    expect(overall).toBeLessThan(4.6);
    const rates = streets.map((s) => (batches.filter((b) => b.business.streetId === s.id).length / s.communities.reduce((x, c) => x + c.population, 0)) * 1000);
    expect(rates.some((r) => r >= 4)).toBe(true);
    expect(rates.some((r) => r < 4)).toBe(true);
    const unqualified = batches.filter((b) => b.result === 'UNQUALIFIED');
    expect(unqualified.length).toBeGreaterThanOrEqual(3);
    expect(unqualified.length).toBeLessThanOrEqual(40);
    for (const b of unqualified) {
      expect(b.failedItem).toBeTruthy();
      expect(b.complaint).toMatchObject({ origin: 'SAMPLING', kind: 'REPORT', businessId: b.businessId });
    }
    expect(batches.filter((b) => b.result === 'QUALIFIED').every((b) => b.complaintId === null)).toBe(true);
  });

  it('keeps the tracking counters and id sequences ahead of the history, so new submissions get fresh numbers', async () => {
    const seqs = await prisma.trackingSequence.findMany();
    const complaints = await prisma.complaint.findMany({ select: { trackingNo: true } });
    const maxByDay = new Map<string, number>();
    for (const { trackingNo } of complaints) {
      const [, ymd, n] = /^SA(\d{8})-(\d{6})$/.exec(trackingNo)!;
      const day = `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6)}`;
      maxByDay.set(day, Math.max(maxByDay.get(day) ?? 0, Number(n)));
    }
    for (const [day, max] of maxByDay) expect(seqs.find((s) => s.day === day)?.last, day).toBe(max);
    const created = await prisma.rating.create({ data: { complaintId: (await prisma.complaint.findFirstOrThrow()).id, round: 9, level: 5 }, select: { id: true } });
    expect(created.id).toBeGreaterThan(summary.skipped === false ? summary.ratings : 0);
    await prisma.rating.delete({ where: { id: created.id } });
  });

  it('is deterministic: the same world and day give the same rows, another seed other rows', async () => {
    // Phone numbers are encrypted with a fresh IV each time: everything else must match.
    const hash = async (seed: number) => {
      const rows = await simulateHistory(worldBefore, holidays, { now, seed, encryptPhone });
      return { hash: createHash('sha256').update(JSON.stringify(rows, (k, v) => (k === 'reporterPhoneEnc' ? undefined : v))).digest('hex'), counts: countsOf(rows) };
    };
    const a = await hash(DEMO_HISTORY_SEED);
    const b = await hash(DEMO_HISTORY_SEED);
    const c = await hash(DEMO_HISTORY_SEED + 1);
    expect(a.hash).toBe(b.hash);
    expect(a.counts).toEqual(b.counts);
    expect(c.hash).not.toBe(a.hash);
    // What was written is that simulation.
    expect({ skipped: false, ...a.counts }).toEqual(summary);
  });

  it('fills every indicator of the district for the last 12 months with real figures', async () => {
    const admin = await app.login('admin');
    const from = addCalendarDays(today, -364);
    const res = await app.get<IndicatorReport>(`/api/v1/indicators?from=${from}&to=${today}&groupBy=district`, admin);
    expect(res.status).toBe(200);
    const district = res.body.rows[0]!;
    const statuses = Object.fromEntries(INDICATOR_CODES.map((code) => [code, district.indicators[code].status]));
    console.info('indicators, district, last 12 months', Object.fromEntries(INDICATOR_CODES.map((code) => [code, `${district.indicators[code].value?.toFixed(3)} ${district.indicators[code].status}`])));
    for (const code of INDICATOR_CODES) expect(statuses[code], code).not.toBe('NO_DATA');
    // Not all green: some figures miss their target somewhere.
    const streets = await app.get<IndicatorReport>(`/api/v1/indicators?from=${from}&to=${today}&groupBy=street`, admin);
    expect(streets.status).toBe(200);
    expect(streets.body.rows.some((r) => Object.values(r.indicators).some((v) => v.status === 'NOT_MET'))).toBe(true);
    expect(streets.body.rows.some((r) => r.indicators.SAMPLING_PER_1000.status === 'MET')).toBe(true);
  });

  it('is written once: a second start adds nothing', async () => {
    const before = await Promise.all([prisma.complaint.count(), prisma.complaintEvent.count(), prisma.rating.count(), prisma.surveyResponse.count(), prisma.samplingBatch.count()]);
    expect(await seedDemoHistory(prisma, { now })).toEqual({ skipped: true });
    const after = await Promise.all([prisma.complaint.count(), prisma.complaintEvent.count(), prisma.rating.count(), prisma.surveyResponse.count(), prisma.samplingBatch.count()]);
    expect(after).toEqual(before);
  });
});

