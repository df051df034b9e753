import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDICATOR_CODES, type ComplaintKind, type ComplaintOutcome, type ComplaintStatus, type DeadlineKind, type IndicatorReport, type IndicatorsQuery } from '@sa/contracts';
import { seedOfficialHolidays } from '../calendar/calendar.seed';
import { aBusiness, aCadre, aUser, aWorld, type World } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { computeIndicatorReport, computeIndicatorRecords, type IndicatorScope } from './indicator-engine';

/*
 * A hand-built quarter of records, September and October 2026, read on Friday 20 November 2026 (Shanghai). The 2026
 * calendar the tests seed: 中秋 25–27 September off, Sunday 20 September worked; 国庆 1–7 October off, Saturday
 * 10 October worked. Every expectation below is worked out by hand in the comment beside it.
 *
 * 城东所 (office1): 东湖街道 with 东湖社区 (8000 residents, 李记小吃店, cadre 陈秀兰) and 柳岸社区 (6500, 王记面馆)
 * 城西所 (office2): 西河街道 with 西河社区 (7200, 西河便利店, cadre 赵国强)
 *
 *  A 投诉 李记   received 09-10, ACCEPT due 09-20 (7 WD, the make-up Sunday counts), decided 09-20 23:30: on time.
 *                first resolved 09-30: 14 WD (11,14–18,20,21–24,28–30). Round 1 不满意 (差评, called back, rectified
 *                on time), round 2 非常满意.
 *  B 投诉 李记   received 09-10, ACCEPT due 09-20, decided 09-21 09:00: a day late. Resolved 10-09: 16 WD. 满意.
 *  C 投诉 李记   received 09-28, ACCEPT due 10-13 (29, 30, 国庆 off, 8, 9, 10 worked, 12, 13), decided 10-13: on time.
 *                Resolved 10-16: 10 WD. 基本满意.
 *  D 投诉 no registry business, 东湖街道: received 10-20, ACCEPT due 10-29 still open: overdue.
 *  E 投诉 王记   received 10-30, ACCEPT due 11-25 open: not yet due, not counted.
 *  F 举报 李记   received 09-15, transferred (转办): left out of completion and verification.
 *  G 举报 西河   received 09-16, outcome 重复举报: left out (and not a "previous" complaint for repeats).
 *  H 举报 西河   received 09-17, VERIFY on time, resolved 10-09 (11 WD), reopened since. Case filed 09-28, decided
 *                10-08 in time; penalty decided 10-08, disclosed 11-04 (the 20th WD). 非常满意.
 *  I 举报 西河   received 09-18, VERIFY met late, resolved 10-15 (15 WD). Case filed 09-29, not yet due.
 *                非常不满意 (差评, no callback, RECTIFY overdue).
 *  P 投诉 李记   received 08-20 (before the period): makes A the repeat of an earlier complaint.
 *  J 举报 李记   received 07-01: case filed 09-01, decision overdue since 09-30; a warning only (no disclosure).
 *  L 举报 李记   received 05-01: penalty (fine) decided 10-12, DISCLOSE due 11-09 still open: overdue.
 */
const NOW = new Date('2026-11-20T10:00:00+08:00');
const sh = (local: string) => new Date(`${local}+08:00`);
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const SEP_OCT: IndicatorsQuery = { from: '2026-09-01', to: '2026-10-31', groupBy: 'district' };

type DeadlineSpec = { kind: DeadlineKind; start: string; due: string; met?: string; state?: 'OPEN' | 'MET' | 'CANCELLED' };
type Place = { businessId?: number; streetId: number; communityId?: number | null; officeId: number; cadreId?: number | null };

let seq = 0;
async function aCase(
  app: TestApp,
  o: Place & {
    kind: ComplaintKind;
    received: string;
    status?: ComplaintStatus;
    outcome?: ComplaintOutcome;
    transferTo?: string;
    firstResolved?: string;
    reopenCount?: number;
    deadlines?: DeadlineSpec[];
  },
) {
  const n = ++seq;
  return app.prisma.complaint.create({
    data: {
      trackingNo: `SA20260901-${String(n).padStart(6, '0')}`,
      kind: o.kind,
      category: 'EXPIRED_FOOD',
      description: '指标测试用件',
      anonymous: false,
      reporterName: '张小梅',
      businessId: o.businessId ?? null,
      businessName: o.businessId ? null : '路边无名烧烤摊',
      streetId: o.streetId,
      communityId: o.communityId ?? null,
      officeId: o.officeId,
      cadreId: o.cadreId ?? null,
      status: o.status ?? 'SUBMITTED',
      outcome: o.outcome ?? null,
      transferTo: o.transferTo ?? null,
      receivedAt: sh(o.received),
      firstResolvedAt: o.firstResolved ? sh(o.firstResolved) : null,
      resolvedAt: o.firstResolved && !o.reopenCount ? sh(o.firstResolved) : null,
      reopenCount: o.reopenCount ?? 0,
      deadlines: {
        create: (o.deadlines ?? []).map((d) => ({
          kind: d.kind,
          startDate: day(d.start),
          dueDate: day(d.due),
          workingDays: 7,
          unit: d.kind === 'CASE_DECISION' ? ('CALENDAR_DAYS' as const) : ('WORKING_DAYS' as const),
          state: d.state ?? (d.met ? 'MET' : 'OPEN'),
          metAt: d.met ? sh(d.met) : null,
        })),
      },
    },
    include: { deadlines: true },
  });
}

async function aRating(app: TestApp, complaintId: number, round: number, level: number, at: string) {
  return app.prisma.rating.create({ data: { complaintId, round, level, tags: [], createdAt: sh(at) } });
}

async function aRectification(app: TestApp, c: { id: number; officeId: number | null }, rating: { id: number }, d: DeadlineSpec, callbackAt?: string) {
  const byUser = await app.prisma.user.findFirstOrThrow({ where: { username: 'office1' } });
  const deadline = await app.prisma.deadline.create({
    data: { complaintId: c.id, kind: 'RECTIFY', startDate: day(d.start), dueDate: day(d.due), workingDays: 5, state: d.met ? 'MET' : 'OPEN', metAt: d.met ? sh(d.met) : null },
  });
  const rect = await app.prisma.rectification.create({
    data: { complaintId: c.id, ratingId: rating.id, deadlineId: deadline.id, officeId: c.officeId, openedAt: sh(`${d.start}T12:00:00`), state: d.met ? 'DONE' : 'OPEN' },
  });
  if (callbackAt) await app.prisma.rectificationCallback.create({ data: { rectificationId: rect.id, calledAt: sh(callbackAt), byUserId: byUser.id, reached: true, reporterSaid: '已处理' } });
}

async function aPenalty(app: TestApp, complaintId: number, decided: string, kinds: string[]) {
  return app.prisma.penaltyDecision.create({
    data: {
      complaintId,
      type: 'PENALTY',
      decisionNo: `青市监罚〔2026〕${++seq}号`,
      partyKind: 'ORGANISATION',
      partyName: '测试经营者',
      violationType: '销售过期食品',
      legalBasis: '《食品安全法》第一百二十四条',
      penaltyContent: '罚款',
      penaltyKinds: kinds,
      authority: '示范区市场监督管理局',
      decisionDate: day(decided),
    },
  });
}

async function aBatch(app: TestApp, businessId: number, sampledOn: string) {
  return app.prisma.samplingBatch.create({
    data: { batchNo: `CJ2026${String(++seq).padStart(5, '0')}`, sampledOn: day(sampledOn), businessId, product: '酸奶', foodCategory: '乳制品', result: 'QUALIFIED' },
  });
}

describe('indicator engine on hand-computed fixtures', () => {
  let app: TestApp;
  let world: World;
  let ids: Record<string, { id: number; trackingNo: string }>;
  let cadre: { id: number };
  let otherCadre: { id: number };

  const report = (q: Partial<IndicatorsQuery> = {}, scope: IndicatorScope = { kind: 'all' }) =>
    computeIndicatorReport(app.prisma, { ...SEP_OCT, ...q }, scope, { now: NOW });
  const row = (r: IndicatorReport, key = 'all') => {
    const found = r.rows.find((x) => x.key === key);
    if (!found) throw new Error(`no row ${key} in ${r.rows.map((x) => x.key).join(',')}`);
    return found.indicators;
  };
  const fig = (v: { value: number | null; numerator: number; denominator: number; status: string }) => [v.value, v.numerator, v.denominator, v.status];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    await app.truncate();
    await seedOfficialHolidays(app.prisma);
    app.clock.travelTo(NOW);
    world = await aWorld(app.prisma);
    const li = await aBusiness().named('李记小吃店').ofType(world.businessType).in(world.community).build(app.prisma);
    const wang = await aBusiness().named('王记面馆').ofType(world.businessType).in(world.neighbourCommunity).build(app.prisma);
    const xi = await aBusiness().named('西河便利店').ofType(world.otherBusinessType).in(world.otherCommunity).build(app.prisma);
    await app.prisma.business.updateMany({ data: { createdAt: sh('2026-01-01T09:00:00') } });
    // registered after the period: not in the snapshot
    await aBusiness().named('张记烧烤').ofType(world.businessType).in(world.neighbourCommunity).build(app.prisma);
    await app.prisma.business.updateMany({ where: { name: '张记烧烤' }, data: { createdAt: sh('2026-11-10T09:00:00') } });

    cadre = await aCadre().named('陈秀兰').titled('社区书记').tier('COMMUNITY').of(world.community).build(app.prisma);
    otherCadre = await aCadre().named('赵国强').titled('社区主任').tier('COMMUNITY').of(world.otherCommunity).build(app.prisma);
    const liA = await app.prisma.assignment.create({ data: { businessId: li.id, cadreId: cadre.id, startedAt: sh('2026-01-01T10:00:00') } });
    await app.prisma.assignment.create({ data: { businessId: wang.id, cadreId: cadre.id, startedAt: sh('2026-02-01T10:00:00'), endedAt: sh('2026-10-20T10:00:00'), endReason: '调整' } });
    const xiA = await app.prisma.assignment.create({ data: { businessId: xi.id, cadreId: otherCadre.id, startedAt: sh('2026-03-01T10:00:00') } });
    await app.prisma.commitmentLetter.create({ data: { assignmentId: liA.id, businessId: li.id, cadreId: cadre.id, version: 1, signedAt: sh('2026-01-05T10:00:00') } });
    await app.prisma.commitmentLetter.create({
      data: { assignmentId: xiA.id, businessId: xi.id, cadreId: otherCadre.id, version: 1, signedAt: sh('2026-03-02T10:00:00'), supersededAt: sh('2026-10-15T10:00:00'), supersededReason: '经营主体变更' },
    });

    await aUser().role('OFFICE_STAFF').username('office1').named('周明').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office2').named('吴芳').office(world.otherOffice).build(app.prisma);
    await aUser().role('ADMIN').username('admin').named('区食安办').build(app.prisma);
    await aUser().username('cadre').named('陈秀兰').cadre(cadre).build(app.prisma);
    await aUser().username('resident').named('林晓燕').build(app.prisma);

    const east = { streetId: world.street.id, officeId: world.office.id };
    const atLi = { ...east, businessId: li.id, communityId: world.community.id, cadreId: cadre.id };
    const atWang = { ...east, businessId: wang.id, communityId: world.neighbourCommunity.id };
    const atXi = { businessId: xi.id, streetId: world.otherStreet.id, communityId: world.otherCommunity.id, officeId: world.otherOffice.id, cadreId: otherCadre.id };
    const A = await aCase(app, { ...atLi, kind: 'COMPLAINT', received: '2026-09-10T10:00:00', status: 'RESOLVED', outcome: 'FIXED', firstResolved: '2026-09-30T10:00:00',
      deadlines: [{ kind: 'ACCEPT', start: '2026-09-10', due: '2026-09-20', met: '2026-09-20T23:30:00' }] });
    const B = await aCase(app, { ...atLi, kind: 'COMPLAINT', received: '2026-09-10T11:00:00', status: 'RESOLVED', outcome: 'FIXED', firstResolved: '2026-10-09T10:00:00',
      deadlines: [{ kind: 'ACCEPT', start: '2026-09-10', due: '2026-09-20', met: '2026-09-21T09:00:00' }] });
    const C = await aCase(app, { ...atLi, kind: 'COMPLAINT', received: '2026-09-28T09:00:00', status: 'RESOLVED', outcome: 'FIXED', firstResolved: '2026-10-16T10:00:00',
      deadlines: [{ kind: 'ACCEPT', start: '2026-09-28', due: '2026-10-13', met: '2026-10-13T17:00:00' }] });
    const D = await aCase(app, { ...east, kind: 'COMPLAINT', received: '2026-10-20T09:00:00', deadlines: [{ kind: 'ACCEPT', start: '2026-10-20', due: '2026-10-29' }] });
    const E = await aCase(app, { ...atWang, kind: 'COMPLAINT', received: '2026-10-30T09:00:00', deadlines: [{ kind: 'ACCEPT', start: '2026-10-30', due: '2026-11-25' }] });
    const F = await aCase(app, { ...atLi, kind: 'REPORT', received: '2026-09-15T09:00:00', status: 'TRANSFERRED', transferTo: '区卫生健康委员会',
      deadlines: [{ kind: 'VERIFY', start: '2026-09-15', due: '2026-10-15', met: '2026-09-16T09:00:00' }] });
    const G = await aCase(app, { ...atXi, kind: 'REPORT', received: '2026-09-16T09:00:00', status: 'RESOLVED', outcome: 'DUPLICATE', firstResolved: '2026-10-20T10:00:00',
      deadlines: [{ kind: 'VERIFY', start: '2026-09-16', due: '2026-10-16', met: '2026-10-19T09:00:00' }] });
    const H = await aCase(app, { ...atXi, kind: 'REPORT', received: '2026-09-17T09:00:00', status: 'REOPENED', firstResolved: '2026-10-09T10:00:00', reopenCount: 1,
      deadlines: [
        { kind: 'VERIFY', start: '2026-09-17', due: '2026-10-19', met: '2026-09-28T09:00:00' },
        { kind: 'CASE_DECISION', start: '2026-09-28', due: '2026-12-27', met: '2026-10-08T15:00:00' },
        { kind: 'DISCLOSE', start: '2026-10-08', due: '2026-11-04', met: '2026-11-04T20:00:00' },
      ] });
    const I = await aCase(app, { ...atXi, kind: 'REPORT', received: '2026-09-18T09:00:00', status: 'RESOLVED', outcome: 'FIXED', firstResolved: '2026-10-15T10:00:00',
      deadlines: [
        { kind: 'VERIFY', start: '2026-09-18', due: '2026-10-20', met: '2026-10-21T09:00:00' },
        { kind: 'CASE_DECISION', start: '2026-09-29', due: '2026-12-28' },
      ] });
    const P = await aCase(app, { ...atLi, kind: 'COMPLAINT', received: '2026-08-20T09:00:00', status: 'CLOSED', outcome: 'FIXED', firstResolved: '2026-08-25T09:00:00' });
    const J = await aCase(app, { ...atLi, kind: 'REPORT', received: '2026-07-01T09:00:00', status: 'CASE_FILED',
      deadlines: [{ kind: 'CASE_DECISION', start: '2026-09-01', due: '2026-09-30' }] });
    const L = await aCase(app, { ...atLi, kind: 'REPORT', received: '2026-05-01T09:00:00', status: 'CASE_DECIDED',
      deadlines: [{ kind: 'DISCLOSE', start: '2026-10-12', due: '2026-11-09' }] });
    await aPenalty(app, H.id, '2026-10-08', ['FINE']);
    await aPenalty(app, L.id, '2026-10-12', ['FINE', 'CONFISCATE_GAINS']);
    await aPenalty(app, J.id, '2026-10-13', ['WARNING']);
    ids = { A, B, C, D, E, F, G, H, I, P, J, L };

    const rA = await aRating(app, A.id, 1, 2, '2026-10-05T10:00:00');
    await aRectification(app, A, rA, { kind: 'RECTIFY', start: '2026-10-05', due: '2026-10-13', met: '2026-10-12T16:00:00' }, '2026-10-08T10:00:00');
    await aRating(app, A.id, 2, 5, '2026-10-14T10:00:00');
    await aRating(app, B.id, 1, 4, '2026-10-10T10:00:00');
    await aRating(app, C.id, 1, 3, '2026-10-18T10:00:00');
    await aRating(app, H.id, 1, 5, '2026-10-10T12:00:00');
    const rI = await aRating(app, I.id, 1, 1, '2026-10-16T10:00:00');
    await aRectification(app, I, rI, { kind: 'RECTIFY', start: '2026-10-16', due: '2026-10-23' });

    for (const sampledOn of ['2026-09-05', '2026-10-10', '2026-10-31', '2026-08-31']) await aBatch(app, li.id, sampledOn);
    await aBatch(app, xi.id, '2026-10-01');
  });

  it('computes every district figure as worked out by hand', async () => {
    const r = row(await report());
    // A and C decided on their due day (C's limit runs over 国庆 to 13 October), B a day late, D overdue; E not yet due.
    expect(fig(r.ON_TIME_ACCEPTANCE)).toEqual([0.5, 2, 4, 'NOT_MET']);
    // A, C, H done with no late step; B (late acceptance), D (overdue), I (late verification) count against; F, G, E out.
    expect(fig(r.ON_TIME_COMPLETION)).toEqual([0.5, 3, 6, 'NOT_MET']);
    // H in time, I late; F (转办) and G (重复) are not judged.
    expect(fig(r.VERIFICATION_COMPLETION)).toEqual([0.5, 1, 2, 'NOT_MET']);
    // H decided in time, J overdue since 30 September; I not yet due.
    expect(fig(r.CASE_HANDLING)).toEqual([0.5, 1, 2, 'NOT_MET']);
    // H disclosed on its 20th working day, L overdue; J's warning needs no disclosure.
    expect(fig(r.PENALTY_DISCLOSURE)).toEqual([0.5, 1, 2, 'NOT_MET']);
    // first ratings 2, 4, 3, 5, 1: 基本满意+ 3 of 5, 满意+ 2 of 5; A's round 2 (非常满意) changes nothing; 5 < 30 → TOO_FEW
    expect(fig(r.RATING_SATISFACTION)).toEqual([0.6, 3, 5, 'TOO_FEW']);
    expect(fig(r.RATING_TOP2)).toEqual([0.4, 2, 5, 'TOO_FEW']);
    // 差评 A (called back, rectified in time) and I (neither, RECTIFY overdue)
    expect(fig(r.CALLBACK)).toEqual([0.5, 1, 2, 'NOT_MET']);
    expect(fig(r.RECTIFICATION_ON_TIME)).toEqual([0.5, 1, 2, 'NOT_MET']);
    // first resolved in the period: A, B, C, H, I (G is a duplicate); H reopened
    expect(fig(r.REOPEN)).toEqual([0.2, 1, 5, 'NOT_MET']);
    // about registry businesses: A (P before), B (A), C, F, I (H) are repeats; E (王记) and H (G is a duplicate) are not; D has no business
    expect(fig(r.REPEAT_COMPLAINT)).toEqual([0.7143, 5, 7, 'NOT_MET']);
    // working days 14, 16, 10, 11, 15 → median 14
    expect(fig(r.MEDIAN_HANDLING_WD)).toEqual([14, 14, 5, 'MET']);
    // 4 batches in 61 days; 21,700 residents → 21.7 × 61 / 365 = 3.6266; 4 / 3.6266 = 1.10
    expect(fig(r.SAMPLING_PER_1000)).toEqual([1.1, 4, 3.6266, 'NOT_MET']);
    // at 31 October 24:00: 李记 and 西河 have a cadre, 王记's ended on 20 October; 张记 registered later
    expect(fig(r.BAOBAO_COVERAGE)).toEqual([0.6667, 2, 3, 'NOT_MET']);
    // relations in force: 李记–陈秀兰 (signed), 西河–赵国强 (letter superseded on 15 October)
    expect(fig(r.COMMITMENT_SIGNED)).toEqual([0.5, 1, 2, 'NOT_MET']);
    for (const code of INDICATOR_CODES) expect(r[code].target).toBe(
      { RATING_SATISFACTION: 0.9, RATING_TOP2: 0.8, REOPEN: 0.05, REPEAT_COMPLAINT: 0.1, MEDIAN_HANDLING_WD: 15, SAMPLING_PER_1000: 4 }[code as string] ?? 1,
    );
  });

  it('groups by office, street, community, cadre, business type and month with Chinese labels', async () => {
    const byOffice = await report({ groupBy: 'office' });
    expect(byOffice.rows.map((x) => x.label)).toEqual([world.office.name, world.otherOffice.name]);
    const o1 = row(byOffice, String(world.office.id));
    const o2 = row(byOffice, String(world.otherOffice.id));
    expect(fig(o1.ON_TIME_ACCEPTANCE)).toEqual([0.5, 2, 4, 'NOT_MET']);
    expect(fig(o2.ON_TIME_ACCEPTANCE)).toEqual([null, 0, 0, 'NO_DATA']);
    expect(fig(o1.ON_TIME_COMPLETION)).toEqual([0.5, 2, 4, 'NOT_MET']); // A, C of A, B, C, D
    expect(fig(o2.ON_TIME_COMPLETION)).toEqual([0.5, 1, 2, 'NOT_MET']); // H of H, I
    expect(fig(o1.VERIFICATION_COMPLETION)).toEqual([null, 0, 0, 'NO_DATA']); // F is a transfer
    expect(fig(o1.MEDIAN_HANDLING_WD)).toEqual([14, 14, 3, 'MET']); // 10, 14, 16
    expect(fig(o2.MEDIAN_HANDLING_WD)).toEqual([13, 13, 2, 'MET']); // 11, 15
    expect(fig(o1.CASE_HANDLING)).toEqual([0, 0, 1, 'NOT_MET']);
    expect(fig(o2.PENALTY_DISCLOSURE)).toEqual([1, 1, 1, 'MET']);
    // office1: 14,500 residents, 3 batches: 3 × 365 / (14.5 × 61) = 1.24
    expect(fig(o1.SAMPLING_PER_1000)).toEqual([1.24, 3, 2.4233, 'NOT_MET']);

    const byStreet = await report({ groupBy: 'street' });
    expect(byStreet.rows.map((x) => x.label)).toEqual([world.street.name, world.otherStreet.name]);

    const byCommunity = await report({ groupBy: 'community' });
    expect(byCommunity.rows.map((x) => x.label)).toEqual([world.community.name, world.neighbourCommunity.name, world.otherCommunity.name]);
    const liu = row(byCommunity, String(world.neighbourCommunity.id));
    expect(fig(liu.SAMPLING_PER_1000)).toEqual([0, 0, 1.0863, 'NOT_MET']); // 6.5 × 61 / 365, no batch
    expect(fig(liu.ON_TIME_ACCEPTANCE)).toEqual([null, 0, 0, 'NO_DATA']); // E not yet due
    expect(fig(liu.BAOBAO_COVERAGE)).toEqual([0, 0, 1, 'NOT_MET']); // 王记 without a cadre; 张记 not yet registered

    const byCadre = await report({ groupBy: 'cadre' });
    expect(byCadre.rows.map((x) => x.label)).toEqual(['陈秀兰（社区书记）', '赵国强（社区主任）']);
    const chen = row(byCadre, String(cadre.id));
    expect(fig(chen.ON_TIME_ACCEPTANCE)).toEqual([0.6667, 2, 3, 'NOT_MET']); // A, B, C
    expect(fig(chen.COMMITMENT_SIGNED)).toEqual([1, 1, 1, 'MET']);
    expect(fig(row(byCadre, String(otherCadre.id)).COMMITMENT_SIGNED)).toEqual([0, 0, 1, 'NOT_MET']);
    expect(chen.SAMPLING_PER_1000.status).toBe('NO_DATA');
    expect(chen.BAOBAO_COVERAGE.status).toBe('NO_DATA');

    const byType = await report({ groupBy: 'businessType' });
    expect(byType.rows.map((x) => x.label)).toEqual(['餐饮服务', '食品销售']);
    expect(fig(row(byType, String(world.otherBusinessType.id)).VERIFICATION_COMPLETION)).toEqual([0.5, 1, 2, 'NOT_MET']);
    expect(row(byType, String(world.businessType.id)).SAMPLING_PER_1000.value).toBeNull();

    const byMonth = await report({ groupBy: 'month' });
    expect(byMonth.rows.map((x) => [x.key, x.label])).toEqual([['2026-09', '2026年9月'], ['2026-10', '2026年10月']]);
    const sep = row(byMonth, '2026-09');
    const oct = row(byMonth, '2026-10');
    expect(fig(sep.ON_TIME_ACCEPTANCE)).toEqual([0.6667, 2, 3, 'NOT_MET']); // A, B, C received in September
    expect(fig(oct.ON_TIME_ACCEPTANCE)).toEqual([0, 0, 1, 'NOT_MET']); // D
    // September: 1 batch, 21.7 × 30 / 365 = 1.7836 → 0.56; October: 3 batches, 21.7 × 31 / 365 = 1.843 → 1.63
    expect(fig(sep.SAMPLING_PER_1000)).toEqual([0.56, 1, 1.7836, 'NOT_MET']);
    expect(fig(oct.SAMPLING_PER_1000)).toEqual([1.63, 3, 1.843, 'NOT_MET']);
    // 30 September: 王记 still had its cadre, 西河's letter not yet superseded, 王记–陈秀兰 never signed
    expect(fig(sep.BAOBAO_COVERAGE)).toEqual([1, 3, 3, 'MET']);
    expect(fig(sep.COMMITMENT_SIGNED)).toEqual([0.6667, 2, 3, 'NOT_MET']);
    expect(fig(oct.COMMITMENT_SIGNED)).toEqual([0.5, 1, 2, 'NOT_MET']);
  });

  it('an empty period has every unit and figure at 暂无数据 with no value (sampling: residents but no batch is a real 0)', async () => {
    const r = await report({ from: '2025-01-01', to: '2025-01-31', groupBy: 'street' });
    expect(r.rows).toHaveLength(2);
    for (const unit of r.rows) {
      for (const code of INDICATOR_CODES) {
        if (code === 'SAMPLING_PER_1000') continue;
        expect([code, unit.indicators[code].value, unit.indicators[code].status]).toEqual([code, null, 'NO_DATA']);
      }
      expect(unit.indicators.SAMPLING_PER_1000).toMatchObject({ value: 0, numerator: 0, status: 'NOT_MET' });
    }
    await app.truncate();
    const empty = row(await report({ from: '2025-01-01', to: '2025-01-31' }));
    for (const code of INDICATOR_CODES) expect([code, empty[code].value, empty[code].status]).toEqual([code, null, 'NO_DATA']);
  });

  it('lists the records behind a figure, failing ones on request', async () => {
    const all = await computeIndicatorRecords(app.prisma, { code: 'ON_TIME_ACCEPTANCE', from: '2026-09-01', to: '2026-10-31', groupBy: 'district', key: 'all', limit: 20, offset: 0 }, { kind: 'all' }, { now: NOW });
    expect(all.total).toBe(4);
    const failing = await computeIndicatorRecords(app.prisma, { code: 'ON_TIME_ACCEPTANCE', from: '2026-09-01', to: '2026-10-31', groupBy: 'district', key: 'all', failing: true, limit: 20, offset: 0 }, { kind: 'all' }, { now: NOW });
    expect(failing.items.map((x) => x.trackingNo)).toEqual([ids.D!.trackingNo, ids.B!.trackingNo]);
    expect(failing.items[1]).toMatchObject({ kind: 'COMPLAINT', complaintId: ids.B!.id, counted: false, date: '2026-09-10', note: '受理期限 2026-09-20，2026-09-21 作出决定' });
    const slow = await computeIndicatorRecords(app.prisma, { code: 'MEDIAN_HANDLING_WD', from: '2026-09-01', to: '2026-10-31', groupBy: 'office', key: String(world.office.id), failing: true, limit: 20, offset: 0 }, { kind: 'all' }, { now: NOW });
    expect(slow.items.map((x) => [x.trackingNo, x.note])).toEqual([[ids.B!.trackingNo, '收到至首次办结 16 个工作日']]);
  });

  it('serves staff within their scope over HTTP and refuses residents', async () => {
    const q = '/api/v1/indicators?from=2026-09-01&to=2026-10-31';
    const office1 = await app.login('office1');
    const res = await app.get<IndicatorReport>(`${q}&groupBy=street`, office1);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((x) => x.label)).toEqual([world.street.name]);
    expect(fig(res.body.rows[0]!.indicators.ON_TIME_ACCEPTANCE)).toEqual([0.5, 2, 4, 'NOT_MET']);
    expect(res.body.rows[0]!.indicators.VERIFICATION_COMPLETION.status).toBe('NO_DATA');

    const cadreToken = await app.login('cadre');
    const mine = await app.get<IndicatorReport>(q, cadreToken);
    expect(mine.status).toBe(200);
    expect(fig(mine.body.rows[0]!.indicators.ON_TIME_ACCEPTANCE)).toEqual([0.6667, 2, 3, 'NOT_MET']);
    expect(mine.body.rows[0]!.indicators.SAMPLING_PER_1000.status).toBe('NO_DATA');

    const admin = await app.login('admin');
    const defs = await app.get('/api/v1/indicators/definitions', admin);
    expect(defs.body.items.map((d: { code: string }) => d.code)).toEqual([...INDICATOR_CODES]);
    const recs = await app.get(`/api/v1/indicators/records?code=REOPEN&from=2026-09-01&to=2026-10-31&failing=true`, admin);
    expect(recs.body).toMatchObject({ code: 'REOPEN', total: 1, items: [{ trackingNo: ids.H!.trackingNo, note: '办结后被重新打开 1 次' }] });
    const office2 = await app.login('office2');
    const hidden = await app.get(`/api/v1/indicators/records?code=REOPEN&from=2026-09-01&to=2026-10-31&failing=true`, office1);
    expect(hidden.body.total).toBe(0);
    expect((await app.get(`/api/v1/indicators/records?code=REOPEN&from=2026-09-01&to=2026-10-31&failing=true`, office2)).body.total).toBe(1);

    const bad = await app.get(`/api/v1/indicators?from=2026-10-31&to=2026-09-01`, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('结束日期不能早于开始日期');
    const badKey = await app.get(`/api/v1/indicators/records?code=REOPEN&from=2026-09-01&to=2026-10-31&groupBy=month&key=9`, admin);
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toContain('YYYY-MM');

    const resident = await app.login('resident');
    expect((await app.get(q, resident)).status).toBe(403);
    expect((await app.get(q)).status).toBe(401);
  });
});
