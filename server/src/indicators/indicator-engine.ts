import {
  INDICATOR_CODES,
  type IndicatorCode,
  type IndicatorGroup,
  type IndicatorRecord,
  type IndicatorRecords,
  type IndicatorRecordsQuery,
  type IndicatorReport,
  type IndicatorRow,
  type IndicatorsQuery,
  type IndicatorValue,
} from '@sa/contracts';
import { Prisma as P, type PrismaClient } from '@sa/db';
import { shanghaiDate } from '../calendar/working-days';
import { DomainException } from '../common/domain-exception';
import { INDICATOR_DEFINITIONS, indicatorStatus } from './indicator-definitions';

/** Whose records a report covers: the admin all, office staff their office's, a cadre the businesses they answer for. */
export type IndicatorScope = { kind: 'all' } | { kind: 'office'; officeId: number } | { kind: 'cadre'; cadreId: number };
/**
 * `now` decides what is overdue and where snapshots stop (default: the real time). `only` computes just these codes
 * (e.g. the home page's satisfaction rate); the others then come back as NO_DATA.
 */
export type IndicatorOptions = { now?: Date; only?: readonly IndicatorCode[] };

/*
 * How it works. Each family of indicators is one SQL fragment that yields one row per record (a complaint, a rating,
 * a case, a penalty decision, a sampling batch, a business, a 包保 relation) with its unit key and a pair of booleans
 * per indicator: `<x>_den` (counts in the denominator) and `<x>_num` (counts in the numerator). The report groups
 * each fragment by the key with count(*) FILTER (…); the drill-down lists the same fragment's rows for one key. So the
 * figure and the records behind it cannot disagree.
 *
 * Times: timestamps are stored in UTC without a zone; `+ 8 hours` gives the Asia/Shanghai wall clock (China keeps
 * +08:00 all year). A deadline is met on time when it was met on or before its due day (it ends at 24:00 Shanghai)
 * and overdue when still open after its due day.
 */

type Ctx = {
  from: string;
  to: string;
  group: IndicatorGroup;
  scope: IndicatorScope;
  /** the period in UTC wall-clock text: [startTs, endTs) */
  startTs: string;
  endTs: string;
  today: string;
  nowTs: string;
  now: Date;
};

type Family = 'received' | 'repeat' | 'resolved' | 'ratings' | 'cases' | 'penalties' | 'sampling' | 'coverage' | 'commitment';

/**
 * Where each code's records come from and which of its columns count. `againstIsNum`: for the "at most" rates
 * (reopened, repeat) the numerator is what counts against the figure; elsewhere it is the records outside it.
 */
const CODE_SOURCES: Record<IndicatorCode, { family: Family; den: string; num: string; kind: IndicatorRecord['kind']; note: string; againstIsNum?: boolean }> = {
  ON_TIME_ACCEPTANCE: { family: 'received', den: 'acc_den', num: 'acc_num', kind: 'COMPLAINT', note: 'acc_note' },
  ON_TIME_COMPLETION: { family: 'received', den: 'comp_den', num: 'comp_num', kind: 'COMPLAINT', note: 'comp_note' },
  VERIFICATION_COMPLETION: { family: 'received', den: 'ver_den', num: 'ver_num', kind: 'COMPLAINT', note: 'ver_note' },
  CASE_HANDLING: { family: 'cases', den: 'case_den', num: 'case_num', kind: 'COMPLAINT', note: 'note' },
  PENALTY_DISCLOSURE: { family: 'penalties', den: 'disc_den', num: 'disc_num', kind: 'PENALTY', note: 'note' },
  RATING_SATISFACTION: { family: 'ratings', den: 'sat_den', num: 'sat_num', kind: 'RATING', note: 'note' },
  RATING_TOP2: { family: 'ratings', den: 'sat_den', num: 'top2_num', kind: 'RATING', note: 'note' },
  CALLBACK: { family: 'ratings', den: 'cb_den', num: 'cb_num', kind: 'RATING', note: 'cb_note' },
  RECTIFICATION_ON_TIME: { family: 'ratings', den: 'rect_den', num: 'rect_num', kind: 'RECTIFICATION', note: 'rect_note' },
  REOPEN: { family: 'resolved', den: 'res_den', num: 'reopen_num', kind: 'COMPLAINT', note: 'reopen_note', againstIsNum: true },
  REPEAT_COMPLAINT: { family: 'repeat', den: 'rep_den', num: 'rep_num', kind: 'COMPLAINT', note: 'note', againstIsNum: true },
  MEDIAN_HANDLING_WD: { family: 'resolved', den: 'res_den', num: 'wd_ok', kind: 'COMPLAINT', note: 'wd_note' },
  SAMPLING_PER_1000: { family: 'sampling', den: 'smp_den', num: 'smp_den', kind: 'SAMPLING', note: 'note' },
  BAOBAO_COVERAGE: { family: 'coverage', den: 'cov_den', num: 'cov_num', kind: 'BUSINESS', note: 'note' },
  COMMITMENT_SIGNED: { family: 'commitment', den: 'com_den', num: 'com_num', kind: 'BUSINESS', note: 'note' },
};

const FAMILY_COLUMNS: Record<Family, string[]> = {
  received: ['acc_den', 'acc_num', 'comp_den', 'comp_num', 'ver_den', 'ver_num'],
  repeat: ['rep_den', 'rep_num'],
  resolved: ['res_den', 'reopen_num', 'wd_ok'],
  ratings: ['sat_den', 'sat_num', 'top2_num', 'cb_den', 'cb_num', 'rect_den', 'rect_num'],
  cases: ['case_den', 'case_num'],
  penalties: ['disc_den', 'disc_num'],
  sampling: ['smp_den'],
  coverage: ['cov_den', 'cov_num'],
  commitment: ['com_den', 'com_num'],
};

const DAY_MS = 86_400_000;
const HANDLING_KINDS = `('ACCEPT','VERIFY','MEDIATE','TERMINATION_NOTICE','CASE_DECISION','NOTIFY_REPORTER')`;

// ---------------------------------------------------------------------------------------------------------------
// Public entry points

export async function computeIndicatorReport(prisma: PrismaClient, query: IndicatorsQuery, scope: IndicatorScope, options: IndicatorOptions = {}): Promise<IndicatorReport> {
  const ctx = context(query.from, query.to, query.groupBy, scope, options);
  const wanted = options.only ? new Set(options.only.map((code) => CODE_SOURCES[code].family)) : null;
  const families = (['received', 'repeat', 'resolved', 'ratings', 'cases', 'penalties', 'sampling', 'coverage', 'commitment'] as const).filter((f) => !wanted || wanted.has(f));
  const [units, population, ...counts] = await Promise.all([
    unitList(prisma, ctx),
    samplingApplies(ctx) && (!wanted || wanted.has('sampling')) ? populationByKey(prisma, ctx) : Promise.resolve(new Map<string, number>()),
    ...families.map((f) => familyCounts(prisma, ctx, f)),
  ]);
  const byFamily = new Map<Family, Map<string, Record<string, number>>>(families.map((f, i) => [f, counts[i]!] as const));

  // Units in scope first (in their order), then any key the data has that the list does not (e.g. a complaint
  // routed by hand to another office's street), labelled from the registry.
  const keys = new Set(units.map((u) => u.key));
  const extraKeys = [...new Set([...byFamily.values()].flatMap((m) => [...m.keys()]))].filter((k) => !keys.has(k));
  const extras = extraKeys.length > 0 ? await labelsFor(prisma, ctx.group, extraKeys) : [];
  const allUnits = [...units, ...extras];

  const rows: IndicatorRow[] = allUnits.map((u) => {
    const indicators = {} as Record<IndicatorCode, IndicatorValue>;
    for (const code of INDICATOR_CODES) {
      indicators[code] = !options.only || options.only.includes(code) ? figure(ctx, code, u.key, byFamily, population) : noData(code);
    }
    return { key: u.key, label: u.label, indicators };
  });
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows };
}

export async function computeIndicatorRecords(prisma: PrismaClient, query: IndicatorRecordsQuery, scope: IndicatorScope, options: IndicatorOptions = {}): Promise<IndicatorRecords> {
  const ctx = context(query.from, query.to, query.groupBy, scope, options);
  checkKey(ctx.group, query.key);
  const src = CODE_SOURCES[query.code];
  if (!applies(ctx, query.code)) return { code: query.code, items: [], total: 0 };
  const frag = fragment(ctx, src.family);
  const den = P.raw(`f.${src.den}`);
  const num = P.raw(`f.${src.num}`);
  const where: P.Sql[] = [den];
  if (ctx.group !== 'district') where.push(P.sql`f.key = ${query.key}`);
  if (query.failing) where.push(src.againstIsNum ? num : P.sql`NOT ${num}`);
  const cond = P.join(where, ' AND ');
  const [rows, total] = await Promise.all([
    prisma.$queryRaw<{ id: number; complaintId: number | null; trackingNo: string | null; title: string; date: string; counted: boolean; note: string | null }[]>`
      SELECT f.id, f."complaintId", f."trackingNo", f.title, f.date, ${num} AS counted, ${P.raw(`f.${src.note}`)} AS note
      FROM (${frag}) f WHERE ${cond}
      ORDER BY f.date DESC, f.id DESC LIMIT ${query.limit} OFFSET ${query.offset}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${frag}) f WHERE ${cond}`,
  ]);
  const items: IndicatorRecord[] = rows.map((r) => ({
    kind: src.kind,
    id: r.id,
    complaintId: r.complaintId,
    trackingNo: r.trackingNo,
    title: r.title,
    date: r.date,
    counted: r.counted,
    note: r.note ?? '',
  }));
  return { code: query.code, items, total: total[0]?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

function noData(code: IndicatorCode): IndicatorValue {
  return { value: null, numerator: 0, denominator: 0, target: INDICATOR_DEFINITIONS[code].target, status: 'NO_DATA' };
}

function figure(ctx: Ctx, code: IndicatorCode, key: string, byFamily: Map<Family, Map<string, Record<string, number>>>, population: Map<string, number>): IndicatorValue {
  const def = INDICATOR_DEFINITIONS[code];
  const empty = noData(code);
  if (!applies(ctx, code)) return empty;
  const src = CODE_SOURCES[code];
  const counts = byFamily.get(src.family)?.get(key);
  if (code === 'SAMPLING_PER_1000') {
    const residents = ctx.group === 'month' ? (population.get('all') ?? 0) : (population.get(key) ?? 0);
    const years = periodYears(ctx, key);
    const denominator = round((residents / 1000) * years, 4);
    const batches = counts?.smp_den ?? 0;
    if (denominator <= 0) return { ...empty, numerator: batches };
    const value = round(batches / denominator, 2);
    return { value, numerator: batches, denominator, target: def.target, status: indicatorStatus(def, value, denominator) };
  }
  if (code === 'MEDIAN_HANDLING_WD') {
    const n = counts?.res_den ?? 0;
    if (n === 0) return empty;
    const median = round(counts?.median ?? 0, 1);
    return { value: median, numerator: median, denominator: n, target: def.target, status: indicatorStatus(def, median, n) };
  }
  const numerator = counts?.[src.num] ?? 0;
  const denominator = counts?.[src.den] ?? 0;
  if (denominator === 0) return empty;
  const value = round(numerator / denominator, 4);
  return { value, numerator, denominator, target: def.target, status: indicatorStatus(def, value, denominator) };
}

/** Where a code has no meaning for the grouping or the caller. */
function applies(ctx: Ctx, code: IndicatorCode): boolean {
  if (code === 'SAMPLING_PER_1000') return samplingApplies(ctx);
  if (code === 'BAOBAO_COVERAGE') return ctx.group !== 'cadre';
  return true;
}

function samplingApplies(ctx: Ctx): boolean {
  return ctx.group !== 'cadre' && ctx.group !== 'businessType' && ctx.scope.kind !== 'cadre';
}

/** Elapsed part of the period (or of the month) in years of 365 days, counted up to today. */
function periodYears(ctx: Ctx, key: string): number {
  let first = ctx.from;
  let last = ctx.to < ctx.today ? ctx.to : ctx.today;
  if (ctx.group === 'month') {
    const monthFirst = `${key}-01`;
    const monthLast = lastDayOfMonth(key);
    if (monthFirst > first) first = monthFirst;
    if (monthLast < last) last = monthLast;
  }
  const days = (Date.parse(last) - Date.parse(first)) / DAY_MS + 1;
  return days > 0 ? days / 365 : 0;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------------------------
// Context, keys, units

function context(from: string, to: string, group: IndicatorGroup, scope: IndicatorScope, options: IndicatorOptions): Ctx {
  if (to < from) throw new DomainException('VALIDATION_FAILED', '结束日期不能早于开始日期');
  const now = options.now ?? new Date();
  return {
    from,
    to,
    group,
    scope,
    startTs: utcText(new Date(Date.parse(`${from}T00:00:00+08:00`))),
    endTs: utcText(new Date(Date.parse(`${to}T00:00:00+08:00`) + DAY_MS)),
    today: shanghaiDate(now),
    nowTs: utcText(now),
    now,
  };
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, compared with the stored timestamps (which carry no zone). */
function utcText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const monthLabel = (key: string) => `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;

function checkKey(group: IndicatorGroup, key: string): void {
  if (group === 'district') return;
  if (group === 'month' ? !/^\d{4}-(0[1-9]|1[0-2])$/.test(key) : !/^[1-9]\d{0,9}$/.test(key)) {
    throw new DomainException('VALIDATION_FAILED', group === 'month' ? '按月份查看时，key 应为 YYYY-MM 形式的月份' : '统计单位编号应为正整数');
  }
}

type Unit = { key: string; label: string };

/** The streets a cadre's records lie in: their area and the businesses they answer for now. */
const cadreStreets = (cadreId: number) => P.sql`(
  SELECT b."streetId" FROM "Assignment" a JOIN "Business" b ON b.id = a."businessId" WHERE a."cadreId" = ${cadreId} AND a."endedAt" IS NULL
  UNION SELECT "streetId" FROM "Cadre" WHERE id = ${cadreId} AND "streetId" IS NOT NULL)`;
const cadreCommunities = (cadreId: number) => P.sql`(
  SELECT b."communityId" FROM "Assignment" a JOIN "Business" b ON b.id = a."businessId" WHERE a."cadreId" = ${cadreId} AND a."endedAt" IS NULL
  UNION SELECT "communityId" FROM "Cadre" WHERE id = ${cadreId} AND "communityId" IS NOT NULL)`;

/** Every unit in the caller's scope, even those without records (they show 暂无数据). */
async function unitList(prisma: PrismaClient, ctx: Ctx): Promise<Unit[]> {
  const s = ctx.scope;
  switch (ctx.group) {
    case 'district':
      return [{ key: 'all', label: '全区' }];
    case 'month':
      return monthsOf(ctx.from, ctx.to).map((key) => ({ key, label: monthLabel(key) }));
    case 'office': {
      const where = s.kind === 'all' ? P.sql`TRUE` : s.kind === 'office' ? P.sql`o.id = ${s.officeId}` : P.sql`o.id IN (SELECT "officeId" FROM "Street" WHERE id IN ${cadreStreets(s.cadreId)})`;
      return prisma.$queryRaw<Unit[]>`SELECT o.id::text AS key, o.name AS label FROM "Office" o WHERE ${where} ORDER BY o.id`;
    }
    case 'street': {
      const where = s.kind === 'all' ? P.sql`TRUE` : s.kind === 'office' ? P.sql`st."officeId" = ${s.officeId}` : P.sql`st.id IN ${cadreStreets(s.cadreId)}`;
      return prisma.$queryRaw<Unit[]>`SELECT st.id::text AS key, st.name AS label FROM "Street" st WHERE ${where} ORDER BY st.id`;
    }
    case 'community': {
      const where =
        s.kind === 'all' ? P.sql`TRUE` : s.kind === 'office' ? P.sql`st."officeId" = ${s.officeId}` : P.sql`cm.id IN ${cadreCommunities(s.cadreId)}`;
      return prisma.$queryRaw<Unit[]>`
        SELECT cm.id::text AS key, cm.name AS label FROM "Community" cm JOIN "Street" st ON st.id = cm."streetId" WHERE ${where} ORDER BY cm.id`;
    }
    case 'cadre': {
      const where =
        s.kind === 'all'
          ? P.sql`cd.active`
          : s.kind === 'cadre'
            ? P.sql`cd.id = ${s.cadreId}`
            : P.sql`cd.active AND (cd."streetId" IN (SELECT id FROM "Street" WHERE "officeId" = ${s.officeId}) OR cd.id IN (
                SELECT a."cadreId" FROM "Assignment" a JOIN "Business" b ON b.id = a."businessId" JOIN "Street" st ON st.id = b."streetId"
                WHERE a."endedAt" IS NULL AND st."officeId" = ${s.officeId}))`;
      return prisma.$queryRaw<Unit[]>`SELECT cd.id::text AS key, cd.name || '（' || cd.title || '）' AS label FROM "Cadre" cd WHERE ${where} ORDER BY cd.id`;
    }
    case 'businessType':
      return prisma.$queryRaw<Unit[]>`SELECT t.id::text AS key, t.name AS label FROM "BusinessType" t ORDER BY t.id`;
  }
}

async function labelsFor(prisma: PrismaClient, group: IndicatorGroup, keys: string[]): Promise<Unit[]> {
  const table = { office: 'Office', street: 'Street', community: 'Community', cadre: 'Cadre', businessType: 'BusinessType' }[group as 'office'];
  if (!table) return keys.map((key) => ({ key, label: key }));
  const ids = keys.map(Number).filter((n) => Number.isInteger(n));
  const label = group === 'cadre' ? P.raw(`t.name || '（' || t.title || '）'`) : P.raw('t.name');
  const found = ids.length
    ? await prisma.$queryRaw<Unit[]>`SELECT t.id::text AS key, ${label} AS label FROM ${P.raw(`"${table}"`)} t WHERE t.id IN (${P.join(ids)}) ORDER BY t.id`
    : [];
  const byKey = new Map(found.map((u) => [u.key, u.label]));
  return keys.sort((a, b) => Number(a) - Number(b)).map((key) => ({ key, label: byKey.get(key) ?? key }));
}

// ---------------------------------------------------------------------------------------------------------------
// SQL fragments

type UnitColumns = { office: string; street: string; community: string; cadre: string; businessType: string };
const COMPLAINT_UNITS: UnitColumns = { office: 'c."officeId"', street: 'c."streetId"', community: 'c."communityId"', cadre: 'c."cadreId"', businessType: 'b."businessTypeId"' };
const BUSINESS_UNITS: UnitColumns = { office: 's."officeId"', street: 'b."streetId"', community: 'b."communityId"', cadre: 'NULL', businessType: 'b."businessTypeId"' };

/** The unit key of a row: `at` is the Shanghai wall-clock time (or date) the record falls in, for months. */
function keyExpr(ctx: Ctx, cols: UnitColumns, at: string): P.Sql {
  if (ctx.group === 'district') return P.raw(`'all'`);
  if (ctx.group === 'month') return P.raw(`to_char(${at}, 'YYYY-MM')`);
  return P.raw(`(${cols[ctx.group]})::text`);
}

function complaintScope(ctx: Ctx): P.Sql {
  const s = ctx.scope;
  if (s.kind === 'office') return P.sql`c."officeId" = ${s.officeId}`;
  if (s.kind === 'cadre') return P.sql`c."cadreId" = ${s.cadreId}`;
  return P.sql`TRUE`;
}

/** 不予受理, 转办 (also once archived), 重复举报, 非本部门职责: not judged on handling. */
const EXCLUDED = P.raw(
  `(c."transferTo" IS NOT NULL OR c.status = 'REJECTED' OR (c.status = 'CLOSED' AND c."firstResolvedAt" IS NULL) OR (c.outcome IS NOT NULL AND c.outcome IN ('DUPLICATE', 'NOT_OUR_REMIT')))`,
);
const TITLE = P.raw(`(CASE WHEN c.kind = 'COMPLAINT' THEN '投诉' ELSE '举报' END || '：' || coalesce(b.name, c."businessName", '未关联经营主体'))`);
const shanghai = (col: string) => `(${col} + interval '8 hours')`;
/** A deadline row `dl`: met on or before its due day; counted (decided, or open past its due day). */
const onTime = (dl: string) => `(${dl}.state = 'MET' AND ${shanghai(`${dl}."metAt"`)}::date <= ${dl}."dueDate")`;
const counted = (dl: string, today: string) => `(${dl}.state = 'MET' OR (${dl}.state = 'OPEN' AND ${dl}."dueDate" < '${today}'::date))`;
const day = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

function fragment(ctx: Ctx, family: Family, detail = true): P.Sql {
  switch (family) {
    case 'received':
      return receivedFragment(ctx, detail);
    case 'repeat':
      return repeatFragment(ctx);
    case 'resolved':
      return resolvedFragment(ctx);
    case 'ratings':
      return ratingsFragment(ctx);
    case 'cases':
      return casesFragment(ctx);
    case 'penalties':
      return penaltiesFragment(ctx);
    case 'sampling':
      return samplingFragment(ctx);
    case 'coverage':
      return coverageFragment(ctx);
    case 'commitment':
      return commitmentFragment(ctx);
  }
}

/** Complaints received in the period: acceptance, completion and verification, from their deadlines. */
/** `detail`: the dates the drill-down's notes show (left out of the report, which only counts). */
function receivedFragment(ctx: Ctx, detail: boolean): P.Sql {
  const t = ctx.today;
  // One bit_or per complaint instead of a bool_or per flag: each deadline row yields 1 counted (decided, or open past
  // its due day) + 2 on time + 4 late, shifted by its kind (ACCEPT × 1, VERIFY × 8, the other handling kinds × 64).
  const flags = `CASE WHEN dl.state = 'MET' THEN 1 + CASE WHEN ${shanghai('dl."metAt"')}::date <= dl."dueDate" THEN 2 WHEN ${shanghai('dl."metAt"')}::date > dl."dueDate" THEN 4 ELSE 0 END
        WHEN dl.state = 'OPEN' AND dl."dueDate" < '${t}'::date THEN 5 ELSE 0 END`;
  const shift = `CASE WHEN dl.kind = 'ACCEPT' THEN 1 WHEN dl.kind = 'VERIFY' THEN 8 WHEN dl.kind IN ${HANDLING_KINDS} THEN 64 ELSE 0 END`;
  const d = P.raw(`(
    SELECT dl."complaintId",
      bit_or((${flags}) * (${shift})) AS m,
      ${detail ? `max(CASE WHEN dl.kind = 'ACCEPT' THEN ${day('dl."dueDate"')} END)` : 'NULL::text'} AS acc_due,
      ${detail ? `max(CASE WHEN dl.kind = 'ACCEPT' AND dl.state = 'MET' THEN ${day(shanghai('dl."metAt"'))} END)` : 'NULL::text'} AS acc_met,
      ${detail ? `max(CASE WHEN dl.kind = 'VERIFY' THEN ${day('dl."dueDate"')} END)` : 'NULL::text'} AS ver_due
    FROM "Deadline" dl JOIN "Complaint" c ON c.id = dl."complaintId"
    WHERE dl.state <> 'CANCELLED' AND c."receivedAt" >= '${ctx.startTs}'::timestamp AND c."receivedAt" < '${ctx.endTs}'::timestamp
    GROUP BY dl."complaintId")`);
  return P.sql`
    SELECT ${keyExpr(ctx, COMPLAINT_UNITS, shanghai('c."receivedAt"'))} AS key, c.id, c.id AS "complaintId", c."trackingNo", ${TITLE} AS title,
      ${P.raw(day(shanghai('c."receivedAt"')))} AS date,
      (c.kind = 'COMPLAINT' AND coalesce(d.m & 1 <> 0, false)) AS acc_den,
      (c.kind = 'COMPLAINT' AND coalesce(d.m & 2 <> 0, false)) AS acc_num,
      (NOT ${EXCLUDED} AND (c."firstResolvedAt" IS NOT NULL OR coalesce(d.m & 292 <> 0, false))) AS comp_den,
      (NOT ${EXCLUDED} AND c."firstResolvedAt" IS NOT NULL AND NOT coalesce(d.m & 292 <> 0, false)) AS comp_num,
      (c.kind = 'REPORT' AND NOT ${EXCLUDED} AND coalesce(d.m & 8 <> 0, false)) AS ver_den,
      (c.kind = 'REPORT' AND NOT ${EXCLUDED} AND coalesce(d.m & 8 <> 0, false) AND NOT coalesce(d.m & 32 <> 0, false)) AS ver_num,
      ('受理期限 ' || coalesce(d.acc_due, '—') || CASE WHEN d.acc_met IS NULL THEN '，尚未作出受理决定' ELSE '，' || d.acc_met || ' 作出决定' END) AS acc_note,
      (CASE WHEN c."firstResolvedAt" IS NULL THEN '尚未办结' ELSE ${P.raw(day(shanghai('c."firstResolvedAt"')))} || ' 首次办结' END
        || CASE WHEN coalesce(d.m & 292 <> 0, false) THEN '，有办理期限超期' ELSE '，各办理期限均未超期' END) AS comp_note,
      ('核查期限 ' || coalesce(d.ver_due, '—') || CASE WHEN coalesce(d.m & 32 <> 0, false) THEN '，超期' ELSE '，按期' END) AS ver_note
    FROM "Complaint" c
    LEFT JOIN "Business" b ON b.id = c."businessId"
    LEFT JOIN ${d} d ON d."complaintId" = c.id
    WHERE c."receivedAt" >= ${ctx.startTs}::timestamp AND c."receivedAt" < ${ctx.endTs}::timestamp AND ${complaintScope(ctx)}`;
}

/** Complaints about a registry business received in the period, and whether one about it came within the 90 days before. */
function repeatFragment(ctx: Ctx): P.Sql {
  return P.sql`
    SELECT ${keyExpr(ctx, COMPLAINT_UNITS, shanghai('c."receivedAt"'))} AS key, c.id, c.id AS "complaintId", c."trackingNo", ${TITLE} AS title,
      ${P.raw(day(shanghai('c."receivedAt"')))} AS date,
      TRUE AS rep_den,
      (c.prev IS NOT NULL AND c.prev >= c."receivedAt" - interval '90 days') AS rep_num,
      CASE WHEN c.prev IS NOT NULL AND c.prev >= c."receivedAt" - interval '90 days'
        THEN '此前 90 日内已有针对该主体的件（' || ${P.raw(day(shanghai('c.prev')))} || '）' ELSE '此前 90 日内无针对该主体的件' END AS note
    FROM (
      SELECT x.*, lag(x."receivedAt") OVER (PARTITION BY x."businessId" ORDER BY x."receivedAt", x.id) AS prev
      FROM "Complaint" x
      WHERE x."businessId" IS NOT NULL AND x.origin = 'PUBLIC' AND x.outcome IS DISTINCT FROM 'DUPLICATE'
        AND x."receivedAt" >= ${ctx.startTs}::timestamp - interval '90 days' AND x."receivedAt" < ${ctx.endTs}::timestamp
    ) c
    LEFT JOIN "Business" b ON b.id = c."businessId"
    WHERE c."receivedAt" >= ${ctx.startTs}::timestamp AND ${complaintScope(ctx)}`;
}

/**
 * Complaints first resolved in the period: reopened since, and the working days from receipt to first resolution
 * on the CalendarDay calendar (weekends off, holidays off, make-up days on): idx(resolved) − idx(received).
 */
function resolvedFragment(ctx: Ctx): P.Sql {
  const inPeriod = `c."firstResolvedAt" >= '${ctx.startTs}'::timestamp AND c."firstResolvedAt" < '${ctx.endTs}'::timestamp`;
  // The running count of working days from `lo` (the first complaint ever received) to the period end, as an array
  // indexed by day − lo + 1. Both are uncorrelated scalar subqueries: evaluated once, and not carried in every row.
  // min() of the bare column (an index end, not a scan of every complaint); + 8 hours after it is the same day.
  const lo = `(SELECT coalesce(${shanghai('min("receivedAt")')}::date, '${ctx.from}'::date) FROM "Complaint")`;
  const arr = `(SELECT array_agg(g.idx ORDER BY g.day) FROM (
      SELECT d.day, sum(CASE WHEN cd.kind = 'HOLIDAY' THEN 0 WHEN cd.kind = 'MAKEUP_WORKDAY' THEN 1 WHEN extract(isodow FROM d.day) < 6 THEN 1 ELSE 0 END)
          OVER (ORDER BY d.day)::int AS idx
      FROM (SELECT gs::date AS day FROM generate_series(${lo}, '${ctx.to}'::date, interval '1 day') gs) d
      LEFT JOIN "CalendarDay" cd ON cd.date = d.day) g)`;
  const at = (col: string) => `${arr}[(${shanghai(col)}::date - ${lo}) + 1]`;
  const days = `(${at('c."firstResolvedAt"')} - ${at('c."receivedAt"')})`;
  const target = INDICATOR_DEFINITIONS.MEDIAN_HANDLING_WD.target;
  return P.sql`
    SELECT ${keyExpr(ctx, COMPLAINT_UNITS, shanghai('c."firstResolvedAt"'))} AS key, c.id, c.id AS "complaintId", c."trackingNo", ${TITLE} AS title,
      ${P.raw(day(shanghai('c."firstResolvedAt"')))} AS date,
      TRUE AS res_den,
      (c."reopenCount" > 0) AS reopen_num,
      ${P.raw(`${days}::float8`)} AS wd,
      ${P.raw(`(${days} <= ${target})`)} AS wd_ok,
      CASE WHEN c."reopenCount" > 0 THEN '办结后被重新打开 ' || c."reopenCount" || ' 次' ELSE '办结后未被重新打开' END AS reopen_note,
      ${P.raw(`'收到至首次办结 ' || ${days} || ' 个工作日'`)} AS wd_note
    FROM "Complaint" c
    LEFT JOIN "Business" b ON b.id = c."businessId"
    WHERE ${P.raw(inPeriod)} AND NOT ${EXCLUDED} AND ${complaintScope(ctx)}`;
}

/** First ratings (round 1) given in the period; for 差评 their callbacks and the RECTIFY deadline. */
function ratingsFragment(ctx: Ctx): P.Sql {
  const t = ctx.today;
  return P.sql`
    SELECT ${keyExpr(ctx, COMPLAINT_UNITS, shanghai('r."createdAt"'))} AS key, r.id, c.id AS "complaintId", c."trackingNo", ${TITLE} AS title,
      ${P.raw(day(shanghai('r."createdAt"')))} AS date,
      TRUE AS sat_den,
      (r.level >= 3) AS sat_num,
      (r.level >= 4) AS top2_num,
      (r.level <= 2) AS cb_den,
      (r.level <= 2 AND EXISTS (SELECT 1 FROM "RectificationCallback" cb WHERE cb."rectificationId" = x.id)) AS cb_num,
      (r.level <= 2 AND dl.id IS NOT NULL AND ${P.raw(counted('dl', t))}) AS rect_den,
      (r.level <= 2 AND dl.id IS NOT NULL AND ${P.raw(onTime('dl'))}) AS rect_num,
      (ARRAY['非常不满意', '不满意', '基本满意', '满意', '非常满意'])[r.level] AS note,
      CASE WHEN EXISTS (SELECT 1 FROM "RectificationCallback" cb WHERE cb."rectificationId" = x.id) THEN '已回访' ELSE '尚无回访记录' END AS cb_note,
      ('整改期限 ' || coalesce(${P.raw(day('dl."dueDate"'))}, '—')
        || CASE WHEN dl.state = 'MET' THEN '，' || ${P.raw(day(shanghai('dl."metAt"')))} || ' 完成整改' ELSE '，尚未完成整改' END) AS rect_note
    FROM "Rating" r
    JOIN "Complaint" c ON c.id = r."complaintId"
    LEFT JOIN "Business" b ON b.id = c."businessId"
    LEFT JOIN "Rectification" x ON x."ratingId" = r.id
    LEFT JOIN "Deadline" dl ON dl.id = x."deadlineId" AND dl.state <> 'CANCELLED'
    WHERE r.round = 1 AND r."createdAt" >= ${ctx.startTs}::timestamp AND r."createdAt" < ${ctx.endTs}::timestamp AND ${complaintScope(ctx)}`;
}

/** Cases filed (立案) in the period: the CASE_DECISION deadline that started on the filing day. */
function casesFragment(ctx: Ctx): P.Sql {
  const t = ctx.today;
  return P.sql`
    SELECT ${keyExpr(ctx, COMPLAINT_UNITS, 'dl."startDate"')} AS key, dl.id, c.id AS "complaintId", c."trackingNo", ${TITLE} AS title,
      ${P.raw(day('dl."startDate"'))} AS date,
      ${P.raw(counted('dl', t))} AS case_den,
      ${P.raw(onTime('dl'))} AS case_num,
      ('办案期限 ' || ${P.raw(day('dl."dueDate"'))} || CASE WHEN dl.state = 'MET' THEN '，' || ${P.raw(day(shanghai('dl."metAt"')))} || ' 作出处理决定' ELSE '，尚未作出处理决定' END) AS note
    FROM "Deadline" dl
    JOIN "Complaint" c ON c.id = dl."complaintId"
    LEFT JOIN "Business" b ON b.id = c."businessId"
    WHERE dl.kind = 'CASE_DECISION' AND dl.state <> 'CANCELLED' AND dl."startDate" BETWEEN ${ctx.from}::date AND ${ctx.to}::date AND ${complaintScope(ctx)}`;
}

/** Penalty decisions of the period that must be published: their DISCLOSE deadline (20 WD after the decision). */
function penaltiesFragment(ctx: Ctx): P.Sql {
  const t = ctx.today;
  return P.sql`
    SELECT ${keyExpr(ctx, COMPLAINT_UNITS, 'pd."decisionDate"')} AS key, pd.id, c.id AS "complaintId", c."trackingNo", (pd."decisionNo" || ' ' || pd."partyName") AS title,
      ${P.raw(day('pd."decisionDate"'))} AS date,
      ${P.raw(counted('dl', t))} AS disc_den,
      ${P.raw(onTime('dl'))} AS disc_num,
      ('公示期限 ' || ${P.raw(day('dl."dueDate"'))} || CASE WHEN dl.state = 'MET' THEN '，' || ${P.raw(day(shanghai('dl."metAt"')))} || ' 公示' ELSE '，尚未公示' END) AS note
    FROM "PenaltyDecision" pd
    JOIN "Complaint" c ON c.id = pd."complaintId"
    LEFT JOIN "Business" b ON b.id = c."businessId"
    JOIN "Deadline" dl ON dl."complaintId" = pd."complaintId" AND dl.kind = 'DISCLOSE' AND dl.state <> 'CANCELLED'
    WHERE pd."decisionDate" BETWEEN ${ctx.from}::date AND ${ctx.to}::date AND ${complaintScope(ctx)}`;
}

function businessScope(ctx: Ctx, at: string): P.Sql {
  const s = ctx.scope;
  if (s.kind === 'office') return P.sql`s."officeId" = ${s.officeId}`;
  if (s.kind === 'cadre')
    return P.sql`EXISTS (SELECT 1 FROM "Assignment" ca WHERE ca."businessId" = b.id AND ca."cadreId" = ${s.cadreId}
      AND ca."startedAt" < ${P.raw(at)} AND (ca."endedAt" IS NULL OR ca."endedAt" >= ${P.raw(at)}))`;
  return P.sql`TRUE`;
}

/** Sampling batches taken in the period, by the sampled business's place. */
function samplingFragment(ctx: Ctx): P.Sql {
  return P.sql`
    SELECT ${keyExpr(ctx, BUSINESS_UNITS, 'sb."sampledOn"')} AS key, sb.id, sb."complaintId", c."trackingNo", (sb."batchNo" || ' ' || sb.product || '（' || b.name || '）') AS title,
      ${P.raw(day('sb."sampledOn"'))} AS date,
      TRUE AS smp_den,
      CASE WHEN sb.result = 'QUALIFIED' THEN '合格' ELSE '不合格' || coalesce('：' || sb."failedItem", '') END AS note
    FROM "SamplingBatch" sb
    JOIN "Business" b ON b.id = sb."businessId"
    JOIN "Street" s ON s.id = b."streetId"
    LEFT JOIN "Complaint" c ON c.id = sb."complaintId"
    WHERE sb."sampledOn" BETWEEN ${ctx.from}::date AND ${ctx.to}::date AND ${businessScope(ctx, `'${ctx.endTs}'::timestamp`)}`;
}

/**
 * The instants the snapshots are taken at: the period end (months: each month end), never later than now; a month
 * that has not begun yet has none.
 */
function snapshots(ctx: Ctx): P.Sql {
  const points: { key: string; at: string }[] = [];
  const nowMs = ctx.now.getTime();
  if (ctx.group === 'month') {
    for (const key of monthsOf(ctx.from, ctx.to)) {
      const first = key + '-01' > ctx.from ? `${key}-01` : ctx.from;
      const last = lastDayOfMonth(key) < ctx.to ? lastDayOfMonth(key) : ctx.to;
      const startMs = Date.parse(`${first}T00:00:00+08:00`);
      if (startMs > nowMs) continue;
      points.push({ key, at: utcText(new Date(Math.min(Date.parse(`${last}T00:00:00+08:00`) + DAY_MS, nowMs))) });
    }
  } else if (Date.parse(`${ctx.from}T00:00:00+08:00`) <= nowMs) {
    points.push({ key: 'all', at: utcText(new Date(Math.min(Date.parse(`${ctx.endTs.replace(' ', 'T')}Z`), nowMs))) });
  }
  if (points.length === 0) return P.sql`(SELECT NULL::text AS key, NULL::timestamp AS at WHERE FALSE)`;
  return P.sql`(VALUES ${P.join(points.map((p) => P.sql`(${p.key}::text, ${p.at}::timestamp)`))})`;
}

/** Businesses registered by the snapshot, and whether a 包保 cadre answered for them then. */
function coverageFragment(ctx: Ctx): P.Sql {
  const key = ctx.group === 'month' ? P.raw('snap.key') : keyExpr(ctx, BUSINESS_UNITS, 'snap.at');
  const active = (a: string) => `${a}."businessId" = b.id AND ${a}."startedAt" < snap.at AND (${a}."endedAt" IS NULL OR ${a}."endedAt" >= snap.at)`;
  return P.sql`
    SELECT ${key} AS key, b.id, NULL::int AS "complaintId", NULL::text AS "trackingNo", b.name AS title,
      ${P.raw(day(shanghai('snap.at')))} AS date,
      TRUE AS cov_den,
      EXISTS (SELECT 1 FROM "Assignment" a WHERE ${P.raw(active('a'))}) AS cov_num,
      CASE WHEN EXISTS (SELECT 1 FROM "Assignment" a WHERE ${P.raw(active('a'))}) THEN '有包保干部' ELSE '无包保干部' END AS note
    FROM "Business" b
    JOIN "Street" s ON s.id = b."streetId"
    CROSS JOIN ${snapshots(ctx)} AS snap(key, at)
    WHERE b."createdAt" < snap.at AND ${businessScope(ctx, 'snap.at')}`;
}

/** 包保 relations in force at the snapshot, and whether their commitment letter was signed and still current then. */
function commitmentFragment(ctx: Ctx): P.Sql {
  const key = ctx.group === 'month' ? P.raw('snap.key') : keyExpr(ctx, { ...BUSINESS_UNITS, cadre: 'a."cadreId"' }, 'snap.at');
  const signed = `EXISTS (SELECT 1 FROM "CommitmentLetter" l WHERE l."assignmentId" = a.id AND l."signedAt" < snap.at AND (l."supersededAt" IS NULL OR l."supersededAt" >= snap.at))`;
  const s = ctx.scope;
  const scope = s.kind === 'office' ? P.sql`s."officeId" = ${s.officeId}` : s.kind === 'cadre' ? P.sql`a."cadreId" = ${s.cadreId}` : P.sql`TRUE`;
  return P.sql`
    SELECT ${key} AS key, a.id, NULL::int AS "complaintId", NULL::text AS "trackingNo", (b.name || ' — ' || cd.name) AS title,
      ${P.raw(day(shanghai('snap.at')))} AS date,
      TRUE AS com_den,
      ${P.raw(signed)} AS com_num,
      CASE WHEN ${P.raw(signed)} THEN '已签订承诺书' ELSE '未签订现行承诺书' END AS note
    FROM "Assignment" a
    JOIN "Business" b ON b.id = a."businessId"
    JOIN "Street" s ON s.id = b."streetId"
    JOIN "Cadre" cd ON cd.id = a."cadreId"
    CROSS JOIN ${snapshots(ctx)} AS snap(key, at)
    WHERE a."startedAt" < snap.at AND (a."endedAt" IS NULL OR a."endedAt" >= snap.at) AND b."createdAt" < snap.at AND ${scope}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Aggregation

async function familyCounts(prisma: PrismaClient, ctx: Ctx, family: Family): Promise<Map<string, Record<string, number>>> {
  if (family === 'sampling' && !samplingApplies(ctx)) return new Map();
  if (family === 'coverage' && !applies(ctx, 'BAOBAO_COVERAGE')) return new Map();
  const cols = FAMILY_COLUMNS[family].map((c) => P.raw(`count(*) FILTER (WHERE f.${c})::int AS ${c}`));
  if (family === 'resolved') cols.push(P.raw('(percentile_cont(0.5) WITHIN GROUP (ORDER BY f.wd))::float8 AS median'));
  const query = prisma.$queryRaw<({ key: string | null } & Record<string, number>)[]>`
    SELECT f.key, ${P.join(cols)} FROM (${fragment(ctx, family, false)}) f GROUP BY f.key`;
  // Each family in a transaction of its own (its own pool connection, the families still run side by side) that
  // turns parallel workers off for it: the families already share the cores, and a parallel merge join would
  // aggregate the deadlines once in every worker. On PGlite (one session, no workers) the setting changes nothing.
  // No shorter limits than a plain query has: the families queue for the pool's connections, and a large period of
  // a large district takes seconds (Prisma's defaults, 2 s to start and 5 s to finish, would fail it).
  const [, rows] = await prisma.$transaction([prisma.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`, query], {
    maxWait: 600_000,
    timeout: 600_000,
  });
  const out = new Map<string, Record<string, number>>();
  for (const { key, ...counts } of rows) if (key !== null) out.set(key, counts as Record<string, number>);
  return out;
}

/** Residents per unit from the communities' populations ('all' for the whole scope, used by months). */
async function populationByKey(prisma: PrismaClient, ctx: Ctx): Promise<Map<string, number>> {
  const cols: UnitColumns = { office: 's."officeId"', street: 'cm."streetId"', community: 'cm.id', cadre: 'NULL', businessType: 'NULL' };
  const key = ctx.group === 'month' ? P.raw(`'all'`) : keyExpr(ctx, cols, 'NULL');
  const where = ctx.scope.kind === 'office' ? P.sql`s."officeId" = ${ctx.scope.officeId}` : P.sql`TRUE`;
  const rows = await prisma.$queryRaw<{ key: string | null; residents: number }[]>`
    SELECT ${key} AS key, sum(cm.population)::float8 AS residents FROM "Community" cm JOIN "Street" s ON s.id = cm."streetId" WHERE ${where} GROUP BY 1`;
  return new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r.residents]));
}
