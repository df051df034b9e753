// The demo's year of history as rows, computed in memory with no database and no clock of its own: every
// complaint is driven step by step through the workflow table (findTransition / availableActions), every deadline
// comes from planDeadlines on the working-day calendar. The same world, calendar, `now` and seed give the same rows.
import {
  COMPLAINT_CATEGORIES,
  FOOD_CATEGORIES,
  isPoorRating,
  NOTICE_PARTIES,
  RATING_WINDOW_DAYS,
  RERATING_WINDOW_DAYS,
  REJECT_REASONS,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintOutcome,
  type ComplaintStatus,
  type DeadlineKind,
  type DeadlineUnit,
  type NoticeMethod,
  type PenaltyKind,
} from '@sa/contracts';
import { addWorkingDays, addCalendarDays, isWorkingDay, type HolidayCalendar } from '../calendar/working-days';
import { dueAfter, planDeadlines, type WorkingDayCalendar } from '../complaints/deadlines';
import {
  type Actor,
  availableActions,
  CASE_EXTENSION_CALENDAR_DAYS,
  DEADLINES_ON_RECEIPT,
  findTransition,
  REOPEN_WINDOW_DAYS,
  VERIFY_EXTENSION_WORKING_DAYS,
  type WorkflowAction,
} from '../complaints/workflow';
import { requiresDisclosure } from '../disclosure/disclosure-rules';
import { routeComplaint, type RoutingDecision } from '../routing/routing';
import { Rng } from './rng';
import * as T from './history-texts';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

export type Named = { id: number; name: string };
/** What the simulator reads from the registry demo; ids are the database's. */
export type HistoryWorld = {
  districtName: string;
  adminUserId: number;
  offices: (Named & { staffUserIds: number[] })[];
  streets: (Named & { officeId: number })[];
  communities: (Named & { streetId: number; population: number; cadre: Named | null })[];
  businesses: (Named & { address: string; streetId: number; communityId: number; lat: number | null; lng: number | null; typeCode: string; grade: string; cadre: Named | null })[];
  /** cadre id → the user who signs in as that cadre */
  cadreUsers: Map<number, number>;
  /** roster entries no user is bound to yet (the history binds some of them) */
  freeVolunteers: Named[];
  /** TrackingSequence.last by Shanghai day, as found */
  trackingLast: Map<string, number>;
  /** the first id each table may use (max id + 1) */
  firstIds: Record<IdTable, number>;
};
export type IdTable = 'user' | 'complaint' | 'event' | 'deadline' | 'routing' | 'decision' | 'followUp' | 'rating' | 'rectification' | 'callback' | 'survey' | 'question' | 'import' | 'response' | 'batch';

export type HistoryOptions = { now: Date; seed: number; encryptPhone?: (phone: string) => string };

type Json = Record<string, unknown>;
export type EventRow = { id: number; complaintId: number; at: Date; actorUserId: number | null; actorRole: string; action: string; fromStatus: ComplaintStatus | null; toStatus: ComplaintStatus; reason: string | null; payload: Json | null };
export type DeadlineRow = { id: number; complaintId: number; kind: DeadlineKind; startDate: string; workingDays: number; unit: DeadlineUnit; dueDate: string; state: 'OPEN' | 'MET'; metAt: Date | null };
export type ComplaintRow = {
  id: number; trackingNo: string; kind: ComplaintKind; linkedComplaintId: number | null; category: ComplaintCategory; businessId: number | null; businessName: string | null; businessAddress: string | null;
  streetId: number | null; communityId: number | null; lat: number | null; lng: number | null; description: string; anonymous: boolean; reporterUserId: number | null; reporterName: string | null;
  reporterPhoneEnc: string | null; reporterPhoneMasked: string | null; byVolunteer: boolean; idempotencyKey: string; status: ComplaintStatus; outcome: ComplaintOutcome | null; officeId: number | null;
  cadreId: number | null; transferTo: string | null; receivedAt: Date; resolvedAt: Date | null; closedAt: Date | null; verifyExtended: boolean; caseExtended: boolean; firstResolvedAt: Date | null;
  reopenCount: number; origin: 'PUBLIC' | 'SAMPLING'; updatedAt: Date;
};
export type RoutingRow = { id: number; complaintId: number; officeId: number | null; cadreId: number | null; transferTo: string | null; rule: string; reason: string; decidedAt: Date };
export type DecisionRow = {
  id: number; complaintId: number; businessId: number | null; type: 'PENALTY' | 'NO_PENALTY'; decisionNo: string; partyKind: 'NATURAL_PERSON' | 'ORGANISATION'; partyName: string; partyCreditCode: string | null;
  violationType: string; legalBasis: string; penaltyContent: string; penaltyKinds: PenaltyKind[]; fineAmount: string; confiscationAmount: string; authority: string; decisionDate: string;
  recordedAt: Date; recordedBy: number | null; disclosedAt: Date | null; disclosedBy: number | null;
};
export type FollowUpRow = { id: number; complaintId: number; cadreId: number; userId: number; kind: 'VISITED' | 'URGED' | 'NOTE'; note: string; createdAt: Date };
export type RatingRow = { id: number; complaintId: number; round: 1 | 2; level: number; tags: string[]; comment: string | null; userId: number | null; byVolunteer: boolean; createdAt: Date };
export type RectificationRow = { id: number; complaintId: number; ratingId: number; deadlineId: number; officeId: number | null; state: 'OPEN' | 'DONE'; openedAt: Date; actionTaken: string | null; completedAt: Date | null; completedBy: number | null };
export type CallbackRow = { id: number; rectificationId: number; calledAt: Date; byUserId: number; reached: boolean; reporterSaid: string | null; createdAt: Date };
export type UserRow = { id: number; role: 'RESIDENT' | 'VOLUNTEER'; displayName: string; createdAt: Date };
export type SurveyRows = {
  survey: { id: number; title: string; description: string; from: string; to: string; createdBy: number; createdAt: Date };
  questions: { id: number; surveyId: number; position: number; code: string; text: string; kind: 'LIKERT5' | 'YES_NO'; weight: number; role: 'OVERALL' | 'AWARENESS' | 'SUPPORT' | null }[];
  surveyImport: { id: number; surveyId: number; fileName: string; rows: number; importedBy: number; importedAt: Date };
  responses: { id: number; surveyId: number; source: 'IMPORT'; streetId: number; communityId: number; ageBand: string; importId: number; createdAt: Date }[];
  answers: { responseId: number; questionId: number; value: number }[];
};
export type BatchRow = { id: number; batchNo: string; sampledOn: string; businessId: number; product: string; foodCategory: string; result: 'QUALIFIED' | 'UNQUALIFIED'; failedItem: string | null; complaintId: number | null; recordedBy: number | null; recordedAt: Date };

export type HistoryRows = {
  users: UserRow[];
  volunteerBindings: { volunteerId: number; userId: number; boundAt: Date }[];
  complaints: ComplaintRow[];
  routings: RoutingRow[];
  deadlines: DeadlineRow[];
  events: EventRow[];
  decisions: DecisionRow[];
  followUps: FollowUpRow[];
  ratings: RatingRow[];
  rectifications: RectificationRow[];
  callbacks: CallbackRow[];
  survey: SurveyRows;
  batches: BatchRow[];
  trackingSequences: { day: string; last: number }[];
};

/** About 2,900 submissions (a few of them 投诉+举报 pairs) give about 3,000 complaints. */
export const SUBMISSIONS = 2_880;
const BOTH_SHARE = 0.04;
const REPORT_SHARE = 0.42;
/** Seasonal weight by month (1–12): summer heat and the Spring Festival bring more. */
const MONTH_WEIGHT = [0, 0.9, 1.15, 0.85, 0.9, 1.0, 1.15, 1.35, 1.4, 1.15, 1.05, 0.9, 0.85];
const CATEGORY_WEIGHTS: readonly (readonly [ComplaintCategory, number])[] = [
  ['POOR_HYGIENE', 26], ['EXPIRED_FOOD', 22], ['DIRTY_TABLEWARE', 10], ['UNLICENSED', 9], ['OTHER', 12], ['ILLEGAL_ADDITIVES', 6], ['FALSE_ADVERTISING', 6], ['PRICE', 3], ['BANNED_WILD_AQUATIC', 2],
];
export const SURVEY_TITLE = '2026年度食品安全群众满意度测评';
export const SURVEY_RESPONSES = 600;
/** 抽检 batches per 1000 residents a year: the target is 4; streets vary around it. */
const SAMPLING_PER_1000 = 4.15;
const UNQUALIFIED_SHARE = 0.012;

const VIOLATIONS: Partial<Record<ComplaintCategory, { violationType: string; legalBasis: string }>> = {
  UNLICENSED: { violationType: '未取得食品经营许可从事食品经营活动', legalBasis: '《中华人民共和国食品安全法》第一百二十二条第一款' },
  EXPIRED_FOOD: { violationType: '经营超过保质期的食品', legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第五项' },
  POOR_HYGIENE: { violationType: '食品经营场所卫生条件不符合食品安全标准', legalBasis: '《中华人民共和国食品安全法》第一百二十六条第一款第五项' },
  ILLEGAL_ADDITIVES: { violationType: '超范围、超限量使用食品添加剂', legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第三项' },
  FALSE_ADVERTISING: { violationType: '在食品标签、说明书中声称具有疾病预防、治疗功能', legalBasis: '《中华人民共和国食品安全法》第一百二十五条第一款第二项' },
  DIRTY_TABLEWARE: { violationType: '未按规定对餐具、饮具进行清洗消毒', legalBasis: '《中华人民共和国食品安全法》第一百二十六条第一款第五项' },
  BANNED_WILD_AQUATIC: { violationType: '经营禁捕水域非法捕捞的水产品', legalBasis: '《中华人民共和国长江保护法》第八十六条' },
  OTHER: { violationType: '未按规定建立并遵守进货查验记录制度', legalBasis: '《中华人民共和国食品安全法》第一百二十六条第一款第三项' },
};
const TYPE_FOOD: Record<string, readonly string[]> = {
  CATERING_LARGE: ['餐饮食品', '食用农产品'], CATERING_SMALL: ['餐饮食品'], CATERING_SNACK: ['餐饮食品', '糕点'], CATERING_FAST: ['餐饮食品'], CATERING_DRINK: ['饮料', '餐饮食品'],
  CANTEEN: ['餐饮食品', '食用农产品', '粮食加工品'], RETAIL_SUPERMARKET: ['乳制品', '调味品', '肉制品', '粮食加工品', '食用油、油脂及其制品', '饮料', '糕点'],
  RETAIL_CONVENIENCE: ['饮料', '糕点', '乳制品'], RETAIL_MARKET_STALL: ['食用农产品', '豆制品', '蔬菜制品'], PRODUCTION_WORKSHOP: ['糕点', '豆制品', '肉制品'],
};

const dayNames = new Map<number, string>();
/** The Shanghai date of an instant: China keeps +08:00 all year, so plain arithmetic, each day's name made once. */
export const shanghaiDate = (at: Date): string => {
  const index = Math.floor((at.getTime() + 8 * 3_600_000) / DAY_MS);
  let name = dayNames.get(index);
  if (name === undefined) {
    name = new Date(index * DAY_MS).toISOString().slice(0, 10);
    dayNames.set(index, name);
  }
  return name;
};
const midnights = new Map<string, number>();
const shanghaiMidnight = (day: string): number => {
  let ms = midnights.get(day);
  if (ms === undefined) {
    ms = Date.parse(`${day}T00:00:00+08:00`);
    midnights.set(day, ms);
  }
  return ms;
};
const atMinutes = (day: string, minutes: number) => new Date(shanghaiMidnight(day) + minutes * MIN_MS);

type Plan = {
  reject: boolean;
  extendVerify: boolean;
  fileCase: boolean;
  extendCase: boolean;
  notify: boolean;
  mediated: boolean;
  noCaseOutcome: ComplaintOutcome;
  mediatedOutcome: ComplaintOutcome;
  reopen: boolean;
  penalty: boolean;
  /** a recent case left lying: its next step waits past the running limit (the handful still open and overdue) */
  stall: boolean;
};

/** One complaint on its way through the table. */
class Case {
  readonly deadlines: DeadlineRow[] = [];
  readonly events: EventRow[] = [];
  decision: DecisionRow | null = null;
  late = false;

  constructor(
    readonly row: ComplaintRow,
    readonly plan: Plan,
    private readonly sim: Simulator,
  ) {}

  get last(): Date {
    return this.events.at(-1)?.at ?? this.row.receivedAt;
  }

  open(kind: DeadlineKind): DeadlineRow | undefined {
    return this.deadlines.find((d) => d.kind === kind && d.state === 'OPEN');
  }

  openKinds(): DeadlineKind[] {
    return this.deadlines.filter((d) => d.state === 'OPEN').map((d) => d.kind);
  }

  addDeadlines(planned: { kind: DeadlineKind; startDate: string; workingDays: number; unit: DeadlineUnit; dueDate: string }[], metAt: (k: DeadlineKind) => Date | null) {
    for (const d of planned) {
      const met = metAt(d.kind);
      this.deadlines.push({ id: this.sim.nextId('deadline'), complaintId: this.row.id, ...d, state: met ? 'MET' : 'OPEN', metAt: met });
    }
  }

  /** The workflow service's step, on rows: the table decides, deadlines stop and start, one trail entry. */
  async step(action: WorkflowAction, at: Date, actor: Actor, userId: number | null, req: { reason?: string; reply?: string; outcome?: ComplaintOutcome; rejectReason?: keyof typeof REJECT_REASONS; noticeMethod?: NoticeMethod; decision?: Omit<DecisionRow, 'id' | 'complaintId' | 'recordedAt' | 'recordedBy' | 'disclosedAt' | 'disclosedBy'> } = {}) {
    const c = this.row;
    const found = findTransition({ status: c.status, kind: c.kind, action, actor, openDeadlines: this.openKinds() });
    if (!found.ok) throw new Error(`demo history: ${action} by ${actor} is not a step from ${c.status} (${c.kind}, ${c.trackingNo})`);
    const t = found.transition;
    const today = shanghaiDate(at);
    const starts = (t.starts ?? []).filter((k) => k !== 'NOTIFY_REPORTER' || !c.anonymous);
    const planned = [
      ...(await planDeadlines(this.sim.cal, starts, today)),
      ...(req.decision && requiresDisclosure(req.decision) ? await planDeadlines(this.sim.cal, ['DISCLOSE'], req.decision.decisionDate) : []),
    ];
    const metAtOnce = (kind: DeadlineKind) => kind === 'NOTIFY_REPORTER' && c.reporterUserId !== null;
    let extendedTo: string | undefined;
    if (action === 'extendVerification' || action === 'extendCase') {
      const kind = action === 'extendVerification' ? 'VERIFY' : 'CASE_DECISION';
      const d = this.open(kind)!;
      d.workingDays += action === 'extendVerification' ? VERIFY_EXTENSION_WORKING_DAYS : CASE_EXTENSION_CALENDAR_DAYS;
      d.dueDate = await dueAfter(this.sim.cal, d.startDate, d.workingDays, d.unit);
      extendedTo = d.dueDate;
      if (action === 'extendVerification') c.verifyExtended = true;
      else c.caseExtended = true;
    }
    for (const d of this.deadlines) {
      if (d.state === 'OPEN' && t.stops?.includes(d.kind)) {
        d.state = 'MET';
        d.metAt = at;
        if (shanghaiDate(at) > d.dueDate) this.late = true;
      }
    }
    this.addDeadlines(planned, (k) => (metAtOnce(k) ? at : null));
    const from = c.status;
    c.status = t.to;
    if (req.outcome && t.needs?.includes('outcome')) c.outcome = req.outcome;
    if (t.to === 'RESOLVED') {
      c.resolvedAt = at;
      c.firstResolvedAt ??= at;
    }
    if (t.to === 'CLOSED') c.closedAt = at;
    if (t.to === 'TRANSFERRED') c.transferTo = c.transferTo ?? '有关主管部门';
    if (action === 'reopen') {
      c.resolvedAt = null;
      c.outcome = null;
      c.reopenCount += 1;
    }
    if (req.decision) {
      this.decision = { id: this.sim.nextId('decision'), complaintId: c.id, ...req.decision, recordedAt: at, recordedBy: userId, disclosedAt: null, disclosedBy: null };
    }
    const payload: Json = {
      ...(req.reply ? { reply: req.reply } : {}),
      ...(req.rejectReason ? { rejectReason: req.rejectReason } : {}),
      ...(action === 'transfer' ? { transferTo: c.transferTo } : {}),
      ...(req.outcome && t.needs?.includes('outcome') ? { outcome: req.outcome } : {}),
      ...(action === 'notifyReporter' ? { noticeMethod: req.noticeMethod } : {}),
      ...(action === 'notifyTermination' ? { notifiedParties: [...NOTICE_PARTIES] } : {}),
      ...(req.decision ? { decisionNo: req.decision.decisionNo, decisionType: req.decision.type } : {}),
      ...(planned.length ? { deadlines: planned.map((d) => ({ kind: d.kind, dueDate: d.dueDate, ...(metAtOnce(d.kind) ? { met: true } : {}) })) } : {}),
      ...(extendedTo ? { extendedTo } : {}),
    };
    this.events.push({
      id: 0,
      complaintId: c.id,
      at,
      actorUserId: userId,
      actorRole: actor,
      action,
      fromStatus: from,
      toStatus: t.to,
      reason: req.reason ?? (req.rejectReason ? REJECT_REASONS[req.rejectReason] : null),
      payload: Object.keys(payload).length ? payload : null,
    });
    c.updatedAt = at;
  }

  /** `n` working days after the start of the (open, else latest) `kind` limit, after the last step. */
  workAtFrom(sim: Simulator, kind: DeadlineKind, n: number): Date {
    const d = this.open(kind) ?? [...this.deadlines].reverse().find((x) => x.kind === kind);
    return sim.workAt(d ? d.startDate : shanghaiDate(this.last), n, this.last);
  }

  /** The status the complaint had at `at`, from its trail. */
  statusAt(at: Date): ComplaintStatus {
    // The latest entry at or before `at` (side entries such as the disclosure are appended out of order).
    let status: ComplaintStatus = 'SUBMITTED';
    let latest = -Infinity;
    for (const e of this.events) {
      if (e.at.getTime() <= at.getTime() && e.at.getTime() >= latest) {
        latest = e.at.getTime();
        status = e.toStatus;
      }
    }
    return status;
  }
}

class Simulator {
  readonly rng: Rng;
  readonly cal: WorkingDayCalendar;
  readonly today: string;
  private readonly ids: Record<IdTable, number>;
  readonly rows: HistoryRows;
  private readonly decisionSeq = new Map<string, number>();
  private readonly residents: UserRow[] = [];
  private readonly volunteers: UserRow[] = [];
  private readonly hot: HistoryWorld['businesses'];
  private readonly shortName: string;

  constructor(
    readonly world: HistoryWorld,
    readonly holidays: HolidayCalendar,
    readonly opts: HistoryOptions,
  ) {
    this.rng = new Rng(opts.seed);
    this.cal = { addWorkingDays: async (from, n) => this.addWd(from, n) };
    this.today = shanghaiDate(opts.now);
    this.ids = { ...world.firstIds };
    this.shortName = world.districtName.replace(/区$/, '');
    this.indexDays();
    this.rows = {
      users: [], volunteerBindings: [], complaints: [], routings: [], deadlines: [], events: [], decisions: [], followUps: [], ratings: [], rectifications: [], callbacks: [],
      survey: undefined as unknown as SurveyRows, batches: [], trackingSequences: [],
    };
    // A few businesses draw repeated complaints all year.
    this.hot = this.rng.some(world.businesses.filter((b) => b.typeCode.startsWith('CATERING') || b.typeCode === 'RETAIL_MARKET_STALL'), 30);
  }

  private deck: HistoryWorld['businesses'] = [];

  /**
   * The business of an ordinary complaint: dealt from a shuffled deck, so most businesses draw none or one a year
   * and repeats come from the few hot ones, not from chance collisions among 2,000.
   */
  private nextBusiness(): HistoryWorld['businesses'][number] {
    if (this.deck.length === 0) this.deck = this.rng.some(this.world.businesses, this.world.businesses.length);
    return this.deck.pop()!;
  }

  private readonly workingMemo = new Map<string, boolean>();

  isWorking(day: string): boolean {
    const i = this.dayIndex.get(day);
    if (i !== undefined) return this.working[i]!;
    let working = this.workingMemo.get(day);
    if (working === undefined) {
      working = isWorkingDay(this.holidays, day);
      this.workingMemo.set(day, working);
    }
    return working;
  }

  /** addWorkingDays on the holiday calendar, remembered: the year has only so many (day, n) pairs. */
  addWd(from: string, n: number): string {
    const i = this.dayIndex.get(from);
    if (i === undefined) return addWorkingDays(this.holidays, from, n);
    // Walk the precomputed days of the span: the same answer as addWorkingDays, without a Date per day.
    let j = i;
    for (let left = n; left > 0 && j < this.days.length - 1; ) {
      j++;
      if (this.working[j]) left--;
    }
    return j === this.days.length - 1 && n > 0 ? addWorkingDays(this.holidays, from, n) : this.days[j]!;
  }

  /** Every day from 400 days back to 400 ahead, and whether it is a working day. */
  private readonly days: string[] = [];
  private readonly working: boolean[] = [];
  private readonly dayIndex = new Map<string, number>();

  private indexDays() {
    let d = addCalendarDays(this.today, -400);
    for (let i = 0; i <= 800; i++, d = addCalendarDays(d, 1)) {
      this.days.push(d);
      this.working.push(isWorkingDay(this.holidays, d));
      this.dayIndex.set(d, i);
    }
  }

  nextId(table: IdTable): number {
    return this.ids[table]++;
  }

  get now(): Date {
    return this.opts.now;
  }

  /** `n` working days after `day`, at a time in office hours, and after `after`. */
  workAt(day: string, n: number, after: Date): Date {
    let target = this.addWd(day, n);
    if (!this.isWorking(target)) target = this.addWd(target, 1);
    const at = atMinutes(target, this.rng.int(8 * 60 + 40, 17 * 60 + 20));
    if (at > after) return at;
    // Later the same day while the office is open, else the next working morning.
    const soon = new Date(after.getTime() + this.rng.int(15, 120) * MIN_MS);
    if (shanghaiDate(soon) === shanghaiDate(after) && soon.getTime() < atMinutes(shanghaiDate(after), 17 * 60 + 30).getTime()) return soon;
    const next = this.addWd(shanghaiDate(after), 1);
    return atMinutes(next, this.rng.int(8 * 60 + 40, 11 * 60 + 30));
  }

  /** A working-day delay: mostly well inside `limit`, sometimes at its edge, `lateRate` of the time past it. */
  delay(min: number, typical: number, limit: number, lateRate: number): number {
    if (this.rng.chance(lateRate)) return limit + this.rng.int(1, 4);
    if (this.rng.chance(0.12)) return this.rng.int(Math.max(min, typical), limit);
    return this.rng.int(min, Math.max(min, typical));
  }

  async run(): Promise<HistoryRows> {
    this.makeUsers();
    const submissions = this.drawSubmissions();
    const batches = this.drawBatches();
    // Receipt order gives ids and tracking numbers, as the intake would.
    const intake = [...submissions.map((s) => ({ at: s.at, sub: s as Submission | null, batch: null as BatchDraft | null })), ...batches.filter((b) => b.result === 'UNQUALIFIED').map((b) => ({ at: b.recordedAt, sub: null, batch: b }))];
    intake.sort((a, b) => a.at.getTime() - b.at.getTime());
    const seq = new Map(this.world.trackingLast);
    const cases: Case[] = [];
    for (const item of intake) {
      const day = shanghaiDate(item.at);
      const kinds: ComplaintKind[] = item.sub ? (item.sub.both ? ['COMPLAINT', 'REPORT'] : [item.sub.kind]) : ['REPORT'];
      const pair: Case[] = [];
      for (const [index, kind] of kinds.entries()) {
        const n = (seq.get(day) ?? 0) + 1;
        seq.set(day, n);
        const trackingNo = `SA${day.replaceAll('-', '')}-${String(n).padStart(6, '0')}`;
        const c = item.sub ? await this.openSubmission(item.sub, kind, trackingNo, index) : await this.openSampling(item.batch!, trackingNo);
        pair.push(c);
        cases.push(c);
      }
      if (pair.length === 2) {
        pair[0]!.row.linkedComplaintId = pair[1]!.row.id;
        pair[1]!.row.linkedComplaintId = pair[0]!.row.id;
      }
    }
    for (const c of cases) {
      await this.drive(c);
      this.disclose(c);
      this.followUps(c);
      await this.rate(c);
      this.rows.complaints.push(c.row);
      this.rows.deadlines.push(...c.deadlines);
      c.events.sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const e of c.events) this.rows.events.push({ ...e, id: this.nextId('event') });
      if (c.decision) this.rows.decisions.push(c.decision);
    }
    this.rows.batches = batches.map((b) => ({ id: b.id, batchNo: b.batchNo, sampledOn: b.sampledOn, businessId: b.business.id, product: b.product, foodCategory: b.foodCategory, result: b.result, failedItem: b.failedItem, complaintId: b.complaintId, recordedBy: b.recordedBy, recordedAt: b.recordedAt }));
    this.rows.survey = this.makeSurvey();
    this.rows.trackingSequences = [...seq].filter(([day, last]) => this.world.trackingLast.get(day) !== last).map(([day, last]) => ({ day, last })).sort((a, b) => (a.day < b.day ? -1 : 1));
    return this.rows;
  }

  // ---- people ----

  private makeUsers() {
    const since = new Date(this.now.getTime() - 400 * DAY_MS);
    for (let i = 0; i < 320; i++) {
      const u: UserRow = { id: this.nextId('user'), role: 'RESIDENT', displayName: this.name(), createdAt: new Date(since.getTime() + this.rng.int(0, 30) * DAY_MS) };
      this.residents.push(u);
    }
    for (const v of this.world.freeVolunteers.slice(0, 24)) {
      const u: UserRow = { id: this.nextId('user'), role: 'VOLUNTEER', displayName: v.name, createdAt: new Date(since.getTime() + this.rng.int(0, 30) * DAY_MS) };
      this.volunteers.push(u);
      this.rows.volunteerBindings.push({ volunteerId: v.id, userId: u.id, boundAt: u.createdAt });
    }
    this.rows.users.push(...this.residents, ...this.volunteers);
  }

  private name(): string {
    return T.personName(this.rng.float(), this.rng.float(), this.rng.float());
  }

  private phone(): { enc: string | null; masked: string } {
    const phone = `1${this.rng.pick(['3', '5', '7', '8', '9'])}${String(this.rng.int(0, 999_999_999)).padStart(9, '0')}`;
    return { enc: this.opts.encryptPhone ? this.opts.encryptPhone(phone) : null, masked: `${phone.slice(0, 3)}****${phone.slice(-4)}` };
  }

  // ---- intake ----

  private drawSubmissions(): Submission[] {
    const first = addCalendarDays(this.today, -365);
    const days: string[] = [];
    for (let d = first; d <= this.today; d = addCalendarDays(d, 1)) days.push(d);
    const weights = days.map((d) => MONTH_WEIGHT[Number(d.slice(5, 7))]! * (this.isWorking(d) ? 1 : 0.8) * (d === this.today ? 0.4 : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const out: Submission[] = [];
    days.forEach((day, i) => {
      const exact = (SUBMISSIONS * weights[i]!) / total;
      const count = Math.floor(exact) + (this.rng.chance(exact - Math.floor(exact)) ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const minutes = this.rng.weighted([[7 * 60, 1], [9 * 60, 3], [12 * 60, 3], [15 * 60, 2], [18 * 60, 3], [20 * 60, 2]]) + this.rng.int(0, 119);
        const at = atMinutes(day, minutes);
        if (at >= this.now) continue;
        out.push(this.submission(at));
      }
    });
    return out;
  }

  private submission(at: Date): Submission {
    const rng = this.rng;
    const both = rng.chance(BOTH_SHARE);
    const kind: ComplaintKind = rng.chance(REPORT_SHARE) ? 'REPORT' : 'COMPLAINT';
    const category = rng.weighted(CATEGORY_WEIGHTS);
    const business = rng.chance(0.06) ? rng.pick(this.hot) : rng.chance(0.92) ? this.nextBusiness() : null;
    const community = business ? this.world.communities.find((c) => c.id === business.communityId)! : rng.pick(this.world.communities);
    const who = rng.weighted([['volunteer', 8], ['resident', 32], ['guest', 60]] as const);
    const user = who === 'volunteer' ? rng.pick(this.volunteers) : who === 'resident' ? rng.pick(this.residents) : null;
    const anonymous = !both && kind === 'REPORT' && who === 'guest' && rng.chance(0.5);
    const place = business ? null : rng.pick(T.PLACE_ONLY);
    return { at, both, kind, category, business, community, user, byVolunteer: who === 'volunteer', anonymous, placeName: place, text: rng.pick(T.DESCRIPTIONS[category]) };
  }

  private routeFor(category: ComplaintCategory, business: HistoryWorld['businesses'][number] | null, community: HistoryWorld['communities'][number]): RoutingDecision {
    const street = this.world.streets.find((s) => s.id === (business?.streetId ?? community.streetId))!;
    const office = this.world.offices.find((o) => o.id === street.officeId)!;
    return routeComplaint({
      category,
      business: business ? { id: business.id, name: business.name, street: { id: street.id, name: street.name }, office: { id: office.id, name: office.name }, cadre: business.cadre } : null,
      place: { street: { id: street.id, name: street.name }, office: { id: office.id, name: office.name }, community: { id: community.id, name: community.name }, communityCadre: community.cadre },
    });
  }

  private plan(kind: ComplaintKind, category: ComplaintCategory, sampling: boolean, receivedAt: Date): Plan {
    const rng = this.rng;
    const fileCase = sampling ? rng.chance(0.75) : rng.chance(category === 'ILLEGAL_ADDITIVES' || category === 'UNLICENSED' ? 0.45 : 0.28);
    return {
      reject: kind === 'COMPLAINT' ? rng.chance(0.04) : !sampling && rng.chance(0.01),
      extendVerify: rng.chance(0.05),
      fileCase,
      extendCase: rng.chance(0.06),
      notify: rng.chance(0.7),
      mediated: rng.chance(0.83),
      noCaseOutcome: rng.weighted([['NO_VIOLATION', 62], ['FIXED', 15], ['DUPLICATE', 15], ['NOT_OUR_REMIT', 8]] as const),
      mediatedOutcome: rng.weighted([['FIXED', 86], ['NO_VIOLATION', 9], ['DUPLICATE', 5]] as const),
      reopen: !sampling && rng.chance(0.03),
      penalty: rng.chance(0.82),
      stall: rng.chance(0.05) && this.now.getTime() - receivedAt.getTime() < 35 * DAY_MS,
    };
  }

  private newCase(row: Omit<ComplaintRow, 'status' | 'outcome' | 'resolvedAt' | 'closedAt' | 'verifyExtended' | 'caseExtended' | 'firstResolvedAt' | 'reopenCount' | 'updatedAt'>, plan: Plan): Case {
    return new Case({ ...row, status: 'SUBMITTED', outcome: null, resolvedAt: null, closedAt: null, verifyExtended: false, caseExtended: false, firstResolvedAt: null, reopenCount: 0, updatedAt: row.receivedAt }, plan, this);
  }

  private async openSubmission(s: Submission, kind: ComplaintKind, trackingNo: string, index: number): Promise<Case> {
    const routing = this.routeFor(s.category, s.business, s.community);
    const id = this.nextId('complaint');
    const b = s.business;
    const where = b ? b.name : `${this.world.streets.find((x) => x.id === s.community.streetId)!.name}${s.community.name}${s.placeName}`;
    const phone = s.anonymous ? null : this.phone();
    const c = this.newCase(
      {
        id, trackingNo, kind, linkedComplaintId: null, category: s.category, businessId: b?.id ?? null, businessName: b ? b.name : s.placeName, businessAddress: b ? b.address : null,
        streetId: b?.streetId ?? s.community.streetId, communityId: s.community.id, lat: b?.lat ?? null, lng: b?.lng ?? null, description: s.text.replaceAll('{b}', where),
        anonymous: s.anonymous, reporterUserId: s.user?.id ?? null, reporterName: s.anonymous ? null : (s.user?.displayName ?? this.name()), reporterPhoneEnc: phone?.enc ?? null,
        reporterPhoneMasked: phone?.masked ?? null, byVolunteer: s.byVolunteer, idempotencyKey: `demo-history-${trackingNo.slice(2)}${index ? `#${index + 1}` : ''}`,
        officeId: routing.officeId, cadreId: routing.cadreId, transferTo: routing.transferTo, receivedAt: s.at, origin: 'PUBLIC',
      },
      this.plan(kind, s.category, false, s.at),
    );
    await this.intake(c, routing, s.user ? s.user.id : null, s.user ? 'REPORTER' : 'ANONYMOUS');
    return c;
  }

  private async openSampling(b: BatchDraft, trackingNo: string): Promise<Case> {
    const community = this.world.communities.find((x) => x.id === b.business.communityId)!;
    const routing = this.routeFor('OTHER', b.business, community);
    const id = this.nextId('complaint');
    b.complaintId = id;
    const c = this.newCase(
      {
        id, trackingNo, kind: 'REPORT', linkedComplaintId: null, category: 'OTHER', businessId: b.business.id, businessName: b.business.name, businessAddress: b.business.address,
        streetId: b.business.streetId, communityId: b.business.communityId, lat: b.business.lat, lng: b.business.lng,
        description: `监督抽检不合格：${b.sampledOn} 抽检的「${b.product}」（${b.foodCategory}，抽样单编号 ${b.batchNo}），不合格项目：${b.failedItem}。请依法核查处置。`,
        anonymous: true, reporterUserId: null, reporterName: null, reporterPhoneEnc: null, reporterPhoneMasked: null, byVolunteer: false, idempotencyKey: `sampling-${b.batchNo}`,
        officeId: routing.officeId, cadreId: routing.cadreId, transferTo: routing.transferTo, receivedAt: b.recordedAt, origin: 'SAMPLING',
      },
      this.plan('REPORT', 'OTHER', true, b.recordedAt),
    );
    await this.intake(c, routing, b.recordedBy, 'OFFICE_STAFF');
    return c;
  }

  /** The intake's rows: the routing decision, the deadlines on receipt and the submit event. */
  private async intake(c: Case, routing: RoutingDecision, actorUserId: number | null, actorRole: string) {
    const planned = await planDeadlines(this.cal, DEADLINES_ON_RECEIPT[c.row.kind], shanghaiDate(c.row.receivedAt));
    c.addDeadlines(planned, () => null);
    this.rows.routings.push({ id: this.nextId('routing'), complaintId: c.row.id, officeId: routing.officeId, cadreId: routing.cadreId, transferTo: routing.transferTo, rule: routing.rule, reason: routing.reason, decidedAt: c.row.receivedAt });
    c.events.push({ id: 0, complaintId: c.row.id, at: c.row.receivedAt, actorUserId, actorRole, action: 'submit', fromStatus: null, toStatus: 'SUBMITTED', reason: null, payload: { routing: routing.rule, deadlines: planned.map((d) => ({ kind: d.kind, dueDate: d.dueDate })) } });
  }

  // ---- the workflow ----

  private staffOf(c: Case): number | null {
    const office = this.world.offices.find((o) => o.id === c.row.officeId);
    return office && office.staffUserIds.length ? this.rng.pick(office.staffUserIds) : null;
  }

  /** Step after step, each chosen among the table's actions for the state, until it is done or its next step is after now. */
  private async drive(c: Case): Promise<void> {
    for (let guard = 0; guard < 30; guard++) {
      const next = this.nextStep(c);
      if (!next) return;
      // The policy only ever picks among the table's actions for this state and actor.
      if (!availableActions(c.row.status, c.row.kind, next.actor, c.openKinds()).includes(next.action)) {
        throw new Error(`demo history: policy chose ${next.action} outside the table at ${c.row.status}`);
      }
      if (c.plan.stall && next.actor !== 'SYSTEM' && next.actor !== 'REPORTER') {
        const due = c.deadlines.filter((d) => d.state === 'OPEN').map((d) => d.dueDate).sort()[0];
        if (due) {
          const late = this.workAt(due, this.rng.int(2, 12), next.at);
          if (late > next.at) next.at = late;
        }
      }
      if (next.at >= this.now) return;
      await c.step(next.action, next.at, next.actor, next.actor === 'SYSTEM' ? null : next.actor === 'REPORTER' ? c.row.reporterUserId : (next.actor === 'ADMIN' ? this.world.adminUserId : this.staffOf(c)), next.req);
    }
    throw new Error(`demo history: ${c.row.trackingNo} did not settle`);
  }

  private nextStep(c: Case): null | { action: WorkflowAction; at: Date; actor: Actor; req: Parameters<Case['step']>[4] } {
    const r = this.rng;
    const p = c.plan;
    const row = c.row;
    const lastDay = shanghaiDate(c.last);
    const staff = (action: WorkflowAction, at: Date, req: Parameters<Case['step']>[4] = {}) => ({ action, at, actor: 'OFFICE_STAFF' as Actor, req });
    const fromStart = (kind: DeadlineKind, n: number) => c.workAtFrom(this, kind, n);
    switch (row.status) {
      case 'SUBMITTED': {
        const limitKind = row.kind === 'COMPLAINT' ? 'ACCEPT' : 'VERIFY';
        const at = fromStart(limitKind, row.kind === 'COMPLAINT' ? this.delay(0, 2, 7, 0.045) : this.delay(0, 1, 2, 0));
        if (!COMPLAINT_CATEGORIES[row.category].remit) return staff('transfer', at, { reply: T.TRANSFER_REPLY });
        if (p.reject) return staff('reject', at, { rejectReason: r.pick(['NO_CONSUMER_DISPUTE', 'MATERIALS_MISSING', 'HANDLED_ELSEWHERE', 'OTHER_LEGAL_GROUNDS'] as const), reply: T.REJECT_REPLY });
        return staff('accept', at);
      }
      case 'ACCEPTED':
        return staff(row.kind === 'COMPLAINT' ? 'startMediation' : 'startVerification', this.workAt(lastDay, r.int(0, 1), c.last));
      case 'VERIFYING': {
        const verify = c.open('VERIFY')!;
        if (p.extendVerify && !row.verifyExtended && !c.decision) return { action: 'extendVerification', at: fromStart('VERIFY', r.int(9, 13)), actor: 'ADMIN', req: { reason: T.EXTEND_VERIFY_REASON } };
        const limit = verify.workingDays;
        const at = fromStart('VERIFY', row.verifyExtended ? this.delay(16, 24, limit, 0.04) : this.delay(3, 11, limit, 0.05));
        if (p.fileCase && !c.decision && row.reopenCount === 0) return staff('fileCase', at);
        const outcome = row.reopenCount > 0 ? 'FIXED' : p.noCaseOutcome;
        const reason = { NO_VIOLATION: '经现场核查，未发现违法事实', FIXED: '违法行为轻微并已当场改正，不予立案', DUPLICATE: '与已受理的举报事项重复', NOT_OUR_REMIT: '经核查不属于本部门职责', NOT_FIXED: '' }[outcome];
        return staff('noCase', at, { reason });
      }
      case 'CASE_FILED': {
        if (c.open('NOTIFY_REPORTER')) return staff('notifyReporter', fromStart('NOTIFY_REPORTER', this.delay(1, 3, 5, 0.04)), { reply: r.pick(T.NOTIFY_REPLIES), noticeMethod: r.pick(['PHONE', 'SMS', 'LETTER'] as const) });
        const limit = c.open('CASE_DECISION')!;
        if (p.extendCase && !row.caseExtended) return { action: 'extendCase', at: this.onDayAfter(addCalendarDays(limit.startDate, r.int(70, 85)), c.last), actor: 'ADMIN', req: { reason: T.EXTEND_CASE_REASON } };
        const days = r.chance(0.03) ? limit.workingDays + r.int(1, 8) : row.caseExtended ? r.int(91, limit.workingDays - 2) : r.int(18, 80);
        const at = this.onDayAfter(addCalendarDays(limit.startDate, days), c.last);
        return staff('decideCase', at, { decision: this.decisionFor(c, shanghaiDate(at)) });
      }
      case 'CASE_DECIDED':
        return staff('resolve', this.workAt(lastDay, r.int(1, 4), c.last), { outcome: 'FIXED', reply: c.decision?.type === 'PENALTY' ? '经核查，举报情况属实，我局已依法作出行政处罚决定，并责令当事人改正。感谢您对食品安全工作的支持。' : r.pick(T.REPLIES.FIXED) });
      case 'NO_CASE': {
        if (p.notify && c.open('NOTIFY_REPORTER')) return staff('notifyReporter', fromStart('NOTIFY_REPORTER', this.delay(1, 3, 5, 0.04)), { reply: r.pick(T.NOTIFY_REPLIES), noticeMethod: r.pick(['PHONE', 'SMS'] as const) });
        const outcome = row.reopenCount > 0 ? 'FIXED' : p.noCaseOutcome;
        const at = c.open('NOTIFY_REPORTER') ? fromStart('NOTIFY_REPORTER', this.delay(1, 3, 5, 0.04)) : this.workAt(lastDay, r.int(0, 3), c.last);
        return staff('resolve', at, { outcome, reply: r.pick(T.REPLIES[outcome]) });
      }
      case 'MEDIATING': {
        const at = fromStart('MEDIATE', this.delay(4, 15, 45, 0.04));
        if (p.mediated || row.reopenCount > 0) return staff('mediated', at);
        return staff('mediationFailed', at, { reason: r.pick(T.MEDIATION_FAILED_REASONS) });
      }
      case 'MEDIATED': {
        const outcome = row.reopenCount > 0 ? 'FIXED' : p.mediatedOutcome;
        return staff('resolve', this.workAt(lastDay, r.int(0, 2), c.last), { outcome, reply: r.pick(T.REPLIES[outcome]) });
      }
      case 'MEDIATION_FAILED':
        return staff('notifyTermination', fromStart('TERMINATION_NOTICE', this.delay(1, 4, 7, 0.04)), { outcome: 'NOT_FIXED', reply: T.REPLIES.NOT_FIXED[0] });
      case 'RESOLVED': {
        if (p.reopen && row.reopenCount === 0) {
          return { action: 'reopen', at: new Date(row.resolvedAt!.getTime() + r.int(1, REOPEN_WINDOW_DAYS - 3) * DAY_MS + r.int(0, 600) * MIN_MS), actor: 'REPORTER', req: { reason: r.pick(T.REOPEN_REASONS) } };
        }
        return { action: 'close', at: new Date(row.resolvedAt!.getTime() + REOPEN_WINDOW_DAYS * DAY_MS + r.int(2, 60) * MIN_MS), actor: 'SYSTEM', req: { reason: `办结满 ${REOPEN_WINDOW_DAYS} 日未重新打开，自动归档` } };
      }
      case 'REOPENED':
        return staff('reprocess', this.workAt(lastDay, r.int(0, 2), c.last));
      case 'REJECTED':
      case 'TRANSFERRED':
        return staff('close', this.workAt(lastDay, r.int(1, 5), c.last));
      default:
        return null;
    }
  }

  /** A time on `day` (or the next working day) in office hours, after `after`. */
  onDayAfter(day: string, after: Date): Date {
    const d = this.isWorking(day) ? day : this.addWd(day, 1);
    return this.workAt(d, 0, after);
  }

  private decisionFor(c: Case, decisionDate: string): NonNullable<Parameters<Case['step']>[4]>['decision'] {
    const r = this.rng;
    const b = this.world.businesses.find((x) => x.id === c.row.businessId);
    const penalty = c.plan.penalty;
    const year = decisionDate.slice(0, 4);
    const key = `${penalty ? 'P' : 'N'}${year}`;
    const n = (this.decisionSeq.get(key) ?? 100) + 1;
    this.decisionSeq.set(key, n);
    const authority = `${this.world.districtName}市场监督管理局`;
    const person = !b || b.grade === 'D' ? this.name() : null;
    const base = { businessId: c.row.businessId, partyKind: person ? ('NATURAL_PERSON' as const) : ('ORGANISATION' as const), partyName: person ?? `${this.shortName}${(b?.name ?? '').replace(/（.*）$/, '')}有限公司`, partyCreditCode: person ? null : creditCode(n * 13 + Number(year)), authority, decisionDate };
    const v = VIOLATIONS[c.row.category] ?? VIOLATIONS.OTHER!;
    if (!penalty) {
      return { ...base, type: 'NO_PENALTY', decisionNo: `${this.shortName}市监不罚〔${year}〕${n}号`, violationType: v.violationType, legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款', penaltyContent: '违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚', penaltyKinds: [], fineAmount: '0.00', confiscationAmount: '0.00' };
    }
    const kinds = r.weighted([['warning', 14], ['fine', 40], ['warningFine', 26], ['fineConfiscate', 20]] as const);
    const fine = kinds === 'warning' ? 0 : r.int(4, 40) * 500;
    const gains = kinds === 'fineConfiscate' ? r.int(100, 3000) + r.int(0, 1) * 0.5 : 0;
    const penaltyKinds: PenaltyKind[] = kinds === 'warning' ? ['WARNING'] : kinds === 'fine' ? ['FINE'] : kinds === 'warningFine' ? ['WARNING', 'FINE'] : ['FINE', 'CONFISCATE_GAINS'];
    const content = kinds === 'warning' ? '警告' : kinds === 'fine' ? `罚款 ${fine} 元` : kinds === 'warningFine' ? `警告，并处罚款 ${fine} 元` : `没收违法所得 ${gains} 元，并处罚款 ${fine} 元`;
    return { ...base, type: 'PENALTY', decisionNo: `${this.shortName}市监罚〔${year}〕${n}号`, violationType: v.violationType, legalBasis: v.legalBasis, penaltyContent: content, penaltyKinds, fineAmount: fine.toFixed(2), confiscationAmount: gains.toFixed(2) };
  }

  /** 处罚信息公示 within 20 WD of the decision, mostly; a few late; recent ones may still be pending. */
  private disclose(c: Case) {
    const d = c.decision;
    const limit = c.open('DISCLOSE');
    if (!d || !limit) return;
    const n = this.rng.chance(0.05) ? this.rng.int(21, 28) : this.rng.chance(0.15) ? this.rng.int(11, 20) : this.rng.int(1, 10);
    const at = this.workAt(d.decisionDate, n, d.recordedAt);
    if (at >= this.now) return;
    const staff = this.staffOf(c);
    d.disclosedAt = at;
    d.disclosedBy = staff;
    limit.state = 'MET';
    limit.metAt = at;
    const status = c.statusAt(at);
    c.events.push({ id: 0, complaintId: c.row.id, at, actorUserId: staff, actorRole: 'OFFICE_STAFF', action: 'disclose', fromStatus: status, toStatus: status, reason: null, payload: { decisionNo: d.decisionNo, disclosedDate: shanghaiDate(at) } });
    if (at > c.row.updatedAt) c.row.updatedAt = at;
  }

  /** 跟进 by the 包保 cadre who signs in, on some of their complaints while they are handled. */
  private followUps(c: Case) {
    const cadreId = c.row.cadreId;
    const userId = cadreId === null ? undefined : this.world.cadreUsers.get(cadreId);
    if (!userId || !this.rng.chance(0.55)) return;
    const start = c.events[1]?.at ?? c.row.receivedAt;
    const end = c.row.firstResolvedAt ?? c.row.closedAt ?? this.now;
    for (let i = this.rng.int(1, 2); i > 0; i--) {
      const at = new Date(start.getTime() + this.rng.float() * Math.max(MIN_MS, end.getTime() - start.getTime()));
      if (at >= this.now) continue;
      const kind = this.rng.weighted([['VISITED', 4], ['URGED', 3], ['NOTE', 2]] as const);
      const note = this.rng.pick(T.FOLLOW_UP_NOTES[kind]);
      const id = this.nextId('followUp');
      this.rows.followUps.push({ id, complaintId: c.row.id, cadreId: cadreId!, userId, kind, note, createdAt: at });
      const status = c.statusAt(at);
      c.events.push({ id: 0, complaintId: c.row.id, at, actorUserId: userId, actorRole: 'CADRE', action: 'followUp', fromStatus: status, toStatus: status, reason: note, payload: { followUpId: id, kind } });
    }
  }

  /** 好差评 within 15 days of resolution; a round-1 差评 opens a rectification with its RECTIFY limit and callbacks. */
  private async rate(c: Case) {
    const row = c.row;
    if (!row.resolvedAt || row.origin === 'SAMPLING') return;
    const r = this.rng;
    if (!r.chance(row.anonymous ? 0.45 : row.reporterUserId ? 0.74 : 0.66)) return;
    const within = r.chance(0.6) ? r.float() * 3 : r.float() * (RATING_WINDOW_DAYS - 0.2);
    const at = new Date(row.resolvedAt.getTime() + within * DAY_MS);
    if (at >= this.now) return;
    const poorShift = (c.late ? 0.04 : 0) + (row.reopenCount ? 0.08 : 0);
    const level = r.weighted(levelWeights(row.outcome, poorShift));
    const rating = this.ratingRow(c, 1, level, at);
    if (!isPoorRating(level)) {
      this.trail(c, rating.createdAt, row.reporterUserId, 'REPORTER', 'rate', null, ratePayload(rating));
      return;
    }

    const start = shanghaiDate(at);
    const [planned] = await planDeadlines(this.cal, ['RECTIFY'], start);
    const deadline: DeadlineRow = { id: this.nextId('deadline'), complaintId: row.id, ...planned!, state: 'OPEN', metAt: null };
    c.deadlines.push(deadline);
    const rect: RectificationRow = { id: this.nextId('rectification'), complaintId: row.id, ratingId: rating.id, deadlineId: deadline.id, officeId: row.officeId, state: 'OPEN', openedAt: at, actionTaken: null, completedAt: null, completedBy: null };
    this.rows.rectifications.push(rect);
    this.trail(c, at, row.reporterUserId, 'REPORTER', 'rate', null, { ...ratePayload(rating), rectificationId: rect.id, rectifyDue: deadline.dueDate });
    const byStaff = this.staffOf(c);
    const staff = byStaff ?? this.world.adminUserId;
    const staffRole = byStaff ? 'OFFICE_STAFF' : 'ADMIN';
    let calledAt = this.workAt(start, r.int(0, 2), at);
    let reached = false;
    for (let call = 0; call < 3 && !reached && calledAt < this.now; call++) {
      reached = !row.anonymous && r.chance(call === 0 ? 0.85 : 0.9);
      const recorded = new Date(Math.min(calledAt.getTime() + r.int(5, 90) * MIN_MS, this.now.getTime() - MIN_MS));
      const callback: CallbackRow = { id: this.nextId('callback'), rectificationId: rect.id, calledAt, byUserId: staff, reached, reporterSaid: reached ? r.pick(T.CALLBACK_SAID) : null, createdAt: recorded };
      this.rows.callbacks.push(callback);
      this.trail(c, recorded, staff, staffRole, 'rectifyCallback', null, { rectificationId: rect.id, calledAt: calledAt.toISOString(), reached, callbackId: callback.id });
      if (row.anonymous) break;
      calledAt = this.workAt(shanghaiDate(calledAt), r.int(0, 1), calledAt);
    }
    const doneAt = this.workAt(start, this.delay(1, 4, 5, 0.06), calledAt);
    if (doneAt >= this.now || !this.rows.callbacks.some((cb) => cb.rectificationId === rect.id)) return;
    rect.state = 'DONE';
    rect.completedAt = doneAt;
    rect.completedBy = staff;
    rect.actionTaken = r.pick(T.ACTION_TAKEN);
    deadline.state = 'MET';
    deadline.metAt = doneAt;
    this.trail(c, doneAt, staff, staffRole, 'rectifyComplete', rect.actionTaken, { rectificationId: rect.id });
    // Some reporters rate once more after the rectification.
    if (r.chance(0.45)) {
      const again = new Date(doneAt.getTime() + r.float() * (RERATING_WINDOW_DAYS - 0.5) * DAY_MS);
      if (again < this.now) {
        const second = this.ratingRow(c, 2, r.weighted([[5, 25], [4, 35], [3, 25], [2, 10], [1, 5]]), again);
        this.trail(c, again, row.reporterUserId, 'REPORTER', 'rate', null, ratePayload(second));
      }
    }
  }

  /** A trail entry beside the workflow (rating, callback, completion): the status stays as it was then. */
  private trail(c: Case, at: Date, userId: number | null, role: string, action: string, reason: string | null, payload: Json) {
    const status = c.statusAt(at);
    c.events.push({ id: 0, complaintId: c.row.id, at, actorUserId: userId, actorRole: role, action, fromStatus: status, toStatus: status, reason, payload });
    if (at > c.row.updatedAt) c.row.updatedAt = at;
  }

  private ratingRow(c: Case, round: 1 | 2, level: number, at: Date): RatingRow {
    const r = this.rng;
    const poor = isPoorRating(level);
    const tags = level === 3 ? [] : r.some(poor ? T.NEGATIVE_TAGS : T.POSITIVE_TAGS, r.int(0, 2));
    const comment = r.chance(poor ? 0.7 : 0.3) ? r.pick(poor ? T.NEGATIVE_COMMENTS : T.POSITIVE_COMMENTS) : null;
    const row: RatingRow = { id: this.nextId('rating'), complaintId: c.row.id, round, level, tags, comment, userId: c.row.reporterUserId, byVolunteer: c.row.byVolunteer, createdAt: at };
    this.rows.ratings.push(row);
    return row;
  }

  // ---- sampling ----

  private drawBatches(): BatchDraft[] {
    const r = this.rng;
    const out: BatchDraft[] = [];
    const first = addCalendarDays(this.today, -365);
    const factors = [1.3, 1.1, 0.75, 1.2, 0.85, 1.05, 0.7, 1.25];
    let serial = 0;
    this.world.streets.forEach((street, i) => {
      const population = this.world.communities.filter((c) => c.streetId === street.id).reduce((a, c) => a + c.population, 0);
      const count = Math.round((population / 1000) * SAMPLING_PER_1000 * (factors[i % factors.length] ?? 1));
      const businesses = this.world.businesses.filter((b) => b.streetId === street.id);
      const office = this.world.offices.find((o) => o.id === street.officeId)!;
      for (let k = 0; k < count && businesses.length; k++) {
        let day = addCalendarDays(first, r.int(0, 360));
        if (!this.isWorking(day)) day = this.addWd(day, 1);
        const business = r.pick(businesses);
        const foodCategory = r.pick(TYPE_FOOD[business.typeCode] ?? ['餐饮食品']);
        if (!(FOOD_CATEGORIES as readonly string[]).includes(foodCategory)) throw new Error(`demo history: unknown food category ${foodCategory}`);
        const unqualified = r.chance(UNQUALIFIED_SHARE);
        const recordedAt = this.workAt(day, r.int(3, 8), atMinutes(day, 600));
        if (recordedAt >= this.now) continue;
        serial += 1;
        out.push({
          id: 0, batchNo: `DBJ${day.replaceAll('-', '').slice(2)}${street.id}${String(serial).padStart(4, '0')}`, sampledOn: day, business, product: r.pick(T.SAMPLED_PRODUCTS[foodCategory] ?? ['抽检样品']),
          foodCategory, result: unqualified ? 'UNQUALIFIED' : 'QUALIFIED', failedItem: unqualified ? r.pick(T.FAILED_ITEMS[foodCategory] ?? ['菌落总数']) : null, complaintId: null,
          recordedBy: office.staffUserIds.length ? r.pick(office.staffUserIds) : null, recordedAt,
        });
      }
    });
    out.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || (a.batchNo < b.batchNo ? -1 : 1));
    for (const b of out) b.id = this.nextId('batch');
    return out;
  }

  // ---- the survey ----

  private makeSurvey(): SurveyRows {
    const r = this.rng;
    const from = addCalendarDays(this.today, -80);
    const to = addCalendarDays(this.today, -50);
    const surveyId = this.nextId('survey');
    const q = (position: number, code: string, text: string, kind: 'LIKERT5' | 'YES_NO', weight: number, role: 'OVERALL' | 'AWARENESS' | 'SUPPORT' | null) => ({ id: this.nextId('question'), surveyId, position, code, text, kind, weight, role });
    const questions = [
      q(1, 'Q1', '您对本区食品安全状况的总体满意程度', 'LIKERT5', 2, 'OVERALL'),
      q(2, 'Q2', '您对餐饮服务场所卫生状况的满意程度', 'LIKERT5', 1.5, null),
      q(3, 'Q3', '您对超市、菜市场食品质量的满意程度', 'LIKERT5', 1.5, null),
      q(4, 'Q4', '您对校园及周边食品安全的满意程度', 'LIKERT5', 1, null),
      q(5, 'Q5', '您对食品安全投诉举报处理的满意程度', 'LIKERT5', 1, null),
      q(6, 'Q6', '您对食品安全宣传教育的满意程度', 'LIKERT5', 1, null),
      q(7, 'Q7', '您是否知道本区正在开展食品安全示范城市创建工作', 'YES_NO', 1, 'AWARENESS'),
      q(8, 'Q8', '您是否支持本区开展食品安全示范城市创建工作', 'YES_NO', 1, 'SUPPORT'),
    ];
    const importedAt = atMinutes(this.addWd(to, 3), 10 * 60 + 15);
    const surveyImport = { id: this.nextId('import'), surveyId, fileName: `${SURVEY_TITLE}入户调查结果.xlsx`, rows: SURVEY_RESPONSES, importedBy: this.world.adminUserId, importedAt };
    // Two streets were hardly reached by the interviewers: below the minimum sample of 30.
    const weights = [112, 96, 21, 104, 92, 88, 17, 70];
    const streets = this.world.streets;
    const shares = apportion(SURVEY_RESPONSES, streets.map((_, i) => weights[i % weights.length]!));
    const responses: SurveyRows['responses'] = [];
    const answers: SurveyRows['answers'] = [];
    streets.forEach((street, i) => {
      const communities = this.world.communities.filter((c) => c.streetId === street.id);
      const mood = [0.9, 0.6, 0.3, 0.75, 0.1, 0.55, 0.4, -0.2][i % 8]!;
      for (let k = 0; k < shares[i]!; k++) {
        const community = r.weighted(communities.map((c) => [c.id, c.population] as const));
        const ageBand = r.weighted([['18-29', 18], ['30-44', 30], ['45-59', 28], ['60+', 24]] as const);
        const id = this.nextId('response');
        responses.push({ id, surveyId, source: 'IMPORT', streetId: street.id, communityId: community, ageBand, importId: surveyImport.id, createdAt: importedAt });
        const person = mood + (r.float() - 0.5) * 1.2;
        for (const question of questions) {
          const value = question.kind === 'YES_NO' ? (r.chance(question.role === 'SUPPORT' ? 0.96 : 0.86 + mood * 0.05) ? 1 : 0) : likert(r, person + (r.float() - 0.5) * 0.8);
          answers.push({ responseId: id, questionId: question.id, value });
        }
      }
    });
    return {
      survey: { id: surveyId, title: SURVEY_TITLE, description: '委托第三方调查机构入户访问，覆盖全区各街道、社区和年龄段。', from, to, createdBy: this.world.adminUserId, createdAt: atMinutes(addCalendarDays(from, -12), 15 * 60) },
      questions,
      surveyImport,
      responses,
      answers,
    };
  }
}

type Submission = {
  at: Date;
  both: boolean;
  kind: ComplaintKind;
  category: ComplaintCategory;
  business: HistoryWorld['businesses'][number] | null;
  community: HistoryWorld['communities'][number];
  user: UserRow | null;
  byVolunteer: boolean;
  anonymous: boolean;
  placeName: string | null;
  text: string;
};
type BatchDraft = Omit<BatchRow, 'businessId'> & { business: HistoryWorld['businesses'][number] };

/** The rating's trail payload, as the ratings service writes it. */
function ratePayload(r: RatingRow): Json {
  return { round: r.round, level: r.level, ...(r.tags.length ? { tags: r.tags } : {}), ratingId: r.id };
}

/** Level weights: skewed to 满意, more 差评 when nothing was fixed or the handling was late. */
function levelWeights(outcome: ComplaintOutcome | null, poorShift: number): [number, number][] {
  const base: Record<string, number[]> = {
    FIXED: [61, 26, 10, 2, 1],
    NO_VIOLATION: [46, 31, 16, 5, 2],
    DUPLICATE: [46, 31, 16, 5, 2],
    NOT_OUR_REMIT: [36, 32, 22, 7, 3],
    NOT_FIXED: [14, 22, 32, 20, 12],
  };
  const w = base[outcome ?? 'NO_VIOLATION']!;
  const shift = poorShift * 100;
  return [[5, Math.max(1, w[0]! - shift)], [4, w[1]!], [3, w[2]!], [2, w[3]! + shift * 0.6], [1, w[4]! + shift * 0.4]];
}

function likert(r: Rng, x: number): number {
  // x around 0.5 is 满意; the cut points make about 85 % answer 基本满意 or better.
  const v = x + (r.float() - 0.5) * 0.6;
  return v > 0.95 ? 5 : v > 0.3 ? 4 : v > -0.25 ? 3 : v > -0.6 ? 2 : 1;
}

function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(n: number): string {
  let tail = '';
  for (let i = 0, x = n * 7919 + 104_729; i < 8; i++, x = Math.floor(x / CODE_CHARS.length) + i * 37) tail += CODE_CHARS[x % CODE_CHARS.length];
  return `91339901MA${tail}`;
}

/** The year of history for `world` as rows with their ids, ready to be written. */
export async function simulateHistory(world: HistoryWorld, holidays: HolidayCalendar, opts: HistoryOptions): Promise<HistoryRows> {
  return new Simulator(world, holidays, opts).run();
}
