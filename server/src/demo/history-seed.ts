// Writes the demo's year of history once, after the registry demo: the simulator computes every row in memory, then
// a handful of multi-row INSERTs in one transaction write them (all of it or none of it), fast enough for first start.
import { DEMO_DISTRICT_CODE, type Prisma, type PrismaClient } from '@sa/db';
import { holidayCalendar, dbDateToDay } from '../calendar/working-days';
import { simulateHistory, SURVEY_TITLE, type HistoryRows, type HistoryWorld, type IdTable } from './history-simulator';

/** The history's own seed, apart from the registry's: the same district and day give the same year. */
export const DEMO_HISTORY_SEED = 20261202;

export type HistoryCounts = {
  complaints: number;
  events: number;
  deadlines: number;
  penaltyDecisions: number;
  followUps: number;
  ratings: number;
  rectifications: number;
  callbacks: number;
  surveyResponses: number;
  samplingBatches: number;
  users: number;
};
export type HistorySummary = { skipped: true } | ({ skipped: false } & HistoryCounts);

export type HistorySeedOptions = {
  /** "today" for the history: the Clock's now (the last 12 months end here) */
  now?: Date;
  seed?: number;
  /** the server's phone cipher, so staff can call real-name reporters back; without it the numbers are only masked */
  encryptPhone?: (phone: string) => string;
  /** filled with the milliseconds of each phase (load, simulate, write), for the start-up log */
  timings?: Record<string, number>;
};

type Tx = Prisma.TransactionClient;
const BATCH = 5_000;
const TRANSACTION_TIMEOUT_MS = 120_000;

/** Seeds the history unless its survey campaign is there already (then `{ skipped: true }`); needs the demo district. */
export async function seedDemoHistory(prisma: PrismaClient, opts: HistorySeedOptions = {}): Promise<HistorySummary> {
  if (await historyExists(prisma)) return { skipped: true };
  return prisma.$transaction(
    async (tx) => {
      if (await historyExists(tx)) return { skipped: true };
      let mark = Date.now();
      const lap = (phase: string) => {
        if (opts.timings) opts.timings[phase] = Date.now() - mark;
        mark = Date.now();
      };
      const world = await loadWorld(tx);
      const days = await tx.calendarDay.findMany({ select: { date: true, kind: true, name: true } });
      const holidays = holidayCalendar(days.map((d) => ({ date: dbDateToDay(d.date), kind: d.kind, name: d.name })));
      lap('load');
      const rows = await simulateHistory(world, holidays, { now: opts.now ?? new Date(), seed: opts.seed ?? DEMO_HISTORY_SEED, encryptPhone: opts.encryptPhone });
      lap('simulate');
      await writeRows(tx, rows, opts.timings);
      lap('write');
      return { skipped: false, ...countsOf(rows) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

async function historyExists(db: PrismaClient | Tx): Promise<boolean> {
  return (await db.survey.count({ where: { title: SURVEY_TITLE } })) > 0;
}

export function countsOf(rows: HistoryRows): HistoryCounts {
  return {
    complaints: rows.complaints.length,
    events: rows.events.length,
    deadlines: rows.deadlines.length,
    penaltyDecisions: rows.decisions.length,
    followUps: rows.followUps.length,
    ratings: rows.ratings.length,
    rectifications: rows.rectifications.length,
    callbacks: rows.callbacks.length,
    surveyResponses: rows.survey.responses.length,
    samplingBatches: rows.batches.length,
    users: rows.users.length,
  };
}

const TABLES: Record<IdTable, string> = {
  user: 'User', complaint: 'Complaint', event: 'ComplaintEvent', deadline: 'Deadline', routing: 'RoutingDecision', decision: 'PenaltyDecision', followUp: 'FollowUp', rating: 'Rating',
  rectification: 'Rectification', callback: 'RectificationCallback', survey: 'Survey', question: 'SurveyQuestion', import: 'SurveyImport', response: 'SurveyResponse', batch: 'SamplingBatch',
};

/** The registry as the simulator needs it, and where each table's ids continue. */
export async function loadWorld(tx: Tx): Promise<HistoryWorld> {
  const district = await tx.district.findUnique({ where: { code: DEMO_DISTRICT_CODE }, select: { id: true, name: true } });
  if (!district) throw new Error('demo history: the demo district is not seeded');
  const [offices, admin, streets, communities, businesses, cadreUsers, volunteers, sequences] = await Promise.all([
    tx.office.findMany({ where: { districtId: district.id }, orderBy: { id: 'asc' }, select: { id: true, name: true, staff: { where: { role: 'OFFICE_STAFF', disabled: false }, orderBy: { id: 'asc' }, select: { id: true } } } }),
    tx.user.findFirstOrThrow({ where: { role: 'ADMIN' }, orderBy: { id: 'asc' }, select: { id: true } }),
    tx.street.findMany({ where: { districtId: district.id }, orderBy: { id: 'asc' }, select: { id: true, name: true, officeId: true } }),
    tx.community.findMany({
      where: { street: { districtId: district.id } },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, streetId: true, population: true, cadres: { where: { tier: 'COMMUNITY', active: true }, orderBy: { id: 'asc' }, take: 1, select: { id: true, name: true } } },
    }),
    tx.business.findMany({
      where: { street: { districtId: district.id } },
      orderBy: { id: 'asc' },
      select: {
        id: true, name: true, address: true, streetId: true, communityId: true, lat: true, lng: true, grade: true, businessType: { select: { code: true } },
        assignments: { where: { endedAt: null }, take: 1, select: { cadre: { select: { id: true, name: true, active: true } } } },
      },
    }),
    tx.user.findMany({ where: { cadreId: { not: null } }, orderBy: { id: 'asc' }, select: { id: true, cadreId: true } }),
    tx.volunteer.findMany({ where: { userId: null, active: true }, orderBy: { id: 'asc' }, select: { id: true, name: true } }),
    tx.trackingSequence.findMany(),
  ]);
  const firstIds = {} as Record<IdTable, number>;
  for (const [key, table] of Object.entries(TABLES) as [IdTable, string][]) {
    const [row] = await tx.$queryRawUnsafe<{ max: number | null }[]>(`SELECT MAX(id)::int AS max FROM "${table}"`);
    firstIds[key] = (row?.max ?? 0) + 1;
  }
  return {
    districtName: district.name,
    adminUserId: admin.id,
    offices: offices.map((o) => ({ id: o.id, name: o.name, staffUserIds: o.staff.map((s) => s.id) })),
    streets,
    communities: communities.map((c) => ({ id: c.id, name: c.name, streetId: c.streetId, population: c.population, cadre: c.cadres[0] ?? null })),
    businesses: businesses.map((b) => {
      const cadre = b.assignments[0]?.cadre;
      return { id: b.id, name: b.name, address: b.address, streetId: b.streetId, communityId: b.communityId, lat: b.lat, lng: b.lng, grade: b.grade, typeCode: b.businessType.code, cadre: cadre && cadre.active ? { id: cadre.id, name: cadre.name } : null };
    }),
    cadreUsers: new Map(cadreUsers.map((u) => [u.cadreId!, u.id])),
    freeVolunteers: volunteers,
    trackingLast: new Map(sequences.map((s) => [s.day, s.last])),
    firstIds,
  };
}

/**
 * One multi-row INSERT per table and 5,000 rows: the rows travel as a single JSON parameter and
 * json_populate_recordset types them by the table's own columns (enums, dates, arrays, jsonb), so the database
 * parses one value instead of binding tens of thousands of parameters. Columns left out take their defaults.
 */
async function insertRows(tx: Tx, table: string, rows: readonly object[], timings?: Record<string, number>): Promise<void> {
  if (rows.length === 0) return;
  const started = Date.now();
  const columns = Object.keys(rows[0]!).map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, JSON.stringify(rows.slice(i, i + BATCH)));
  }
  if (timings && process.env.SA_DEMO_HISTORY_TIMINGS) timings[`write ${table}`] = Date.now() - started;
}

async function writeRows(tx: Tx, rows: HistoryRows, timings?: Record<string, number>): Promise<void> {
  const insert = (table: string, list: readonly object[]) => insertRows(tx, table, list, timings);
  await insert('User', rows.users);
  if (rows.volunteerBindings.length) {
    await tx.$executeRawUnsafe(
      `UPDATE "Volunteer" v SET "userId" = x."userId", "boundAt" = x."boundAt" FROM json_to_recordset($1::json) AS x("volunteerId" int, "userId" int, "boundAt" timestamp(3)) WHERE v.id = x."volunteerId"`,
      JSON.stringify(rows.volunteerBindings),
    );
  }
  await insert('Complaint', rows.complaints);
  await insert('RoutingDecision', rows.routings);
  await insert('Deadline', rows.deadlines);
  await insert('ComplaintEvent', rows.events);
  await insert('PenaltyDecision', rows.decisions.map((r) => ({ ...r, updatedAt: r.disclosedAt ?? r.recordedAt })));
  await insert('FollowUp', rows.followUps);
  await insert('Rating', rows.ratings);
  await insert('Rectification', rows.rectifications);
  await insert('RectificationCallback', rows.callbacks);
  const s = rows.survey;
  await insert('Survey', [{ ...s.survey, updatedAt: s.survey.createdAt }]);
  await insert('SurveyQuestion', s.questions);
  await insert('SurveyImport', [s.surveyImport]);
  await insert('SurveyResponse', s.responses);
  await insert('SurveyAnswer', s.answers);
  await insert('SamplingBatch', rows.batches);
  if (rows.trackingSequences.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "TrackingSequence" ("day", "last") SELECT x.day, x.last FROM json_to_recordset($1::json) AS x(day text, last int)
       ON CONFLICT ("day") DO UPDATE SET "last" = GREATEST("TrackingSequence"."last", EXCLUDED."last")`,
      JSON.stringify(rows.trackingSequences),
    );
  }
  // Explicit ids: move each table's sequence past them, so the next live row gets a fresh one.
  for (const table of Object.values(TABLES)) {
    await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM "${table}"), 1))`);
  }
}
