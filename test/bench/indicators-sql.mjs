// The benchmark's reference: the whole indicator set for one period grouped by street as ONE hand-written SQL
// statement (a CTE per record family, each a single grouped pass), following the written definitions of
// docs/indicators.md / server/src/indicators/indicator-definitions.ts. The figures (rounding, status against the
// target and minimum sample) are assembled the way the definitions say, with the registry's targets.

const DAY_MS = 86_400_000;
const utcText = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
const shanghaiDate = (d) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** The statement for [from, to] (Shanghai days) as seen at `now`. */
export function indicatorSql({ from, to }, now) {
  const startTs = utcText(new Date(Date.parse(`${from}T00:00:00+08:00`)));
  const endTs = utcText(new Date(Date.parse(`${to}T00:00:00+08:00`) + DAY_MS));
  const today = shanghaiDate(now);
  const snapMs = Math.min(Date.parse(`${to}T00:00:00+08:00`) + DAY_MS, now.getTime());
  const hasSnapshot = Date.parse(`${from}T00:00:00+08:00`) <= now.getTime();
  const S = `${lit(startTs)}::timestamp`;
  const E = `${lit(endTs)}::timestamp`;
  const DF = `${lit(from)}::date`;
  const DT = `${lit(to)}::date`;
  const TODAY = `${lit(today)}::date`;
  const SNAP = `${lit(utcText(new Date(snapMs)))}::timestamp`;
  // a deadline d: decided (or open past its due day); met on time; late
  const counted = (d) => `(${d}.state = 'MET' OR (${d}.state = 'OPEN' AND ${d}."dueDate" < ${TODAY}))`;
  const onTime = (d) => `(${d}.state = 'MET' AND (${d}."metAt" + interval '8 hours')::date <= ${d}."dueDate")`;
  const late = (d) => `((${d}.state = 'MET' AND (${d}."metAt" + interval '8 hours')::date > ${d}."dueDate") OR (${d}.state = 'OPEN' AND ${d}."dueDate" < ${TODAY}))`;
  const excluded = `(c."transferTo" IS NOT NULL OR c.status = 'REJECTED' OR (c.status = 'CLOSED' AND c."firstResolvedAt" IS NULL) OR coalesce(c.outcome IN ('DUPLICATE', 'NOT_OUR_REMIT'), false))`;
  const HANDLING = `('ACCEPT', 'VERIFY', 'MEDIATE', 'TERMINATION_NOTICE', 'CASE_DECISION', 'NOTIFY_REPORTER')`;

  return `
WITH
rc AS MATERIALIZED (
  SELECT c.id, c.kind, c."streetId", c."firstResolvedAt" IS NOT NULL AS resolved, ${excluded} AS excl
  FROM "Complaint" c WHERE c."receivedAt" >= ${S} AND c."receivedAt" < ${E}
),
rdl AS (
  SELECT d."complaintId" AS id,
    bool_or(d.kind = 'ACCEPT' AND ${counted('d')}) AS acc_counted,
    bool_or(d.kind = 'ACCEPT' AND ${onTime('d')}) AS acc_ok,
    bool_or(${late('d')}) AS late_any,
    bool_or(d.kind = 'VERIFY' AND ${counted('d')}) AS ver_counted,
    bool_or(d.kind = 'VERIFY' AND ${late('d')}) AS ver_late
  FROM "Deadline" d JOIN rc ON rc.id = d."complaintId"
  WHERE d.state <> 'CANCELLED' AND d.kind IN ${HANDLING}
  GROUP BY d."complaintId"
),
received AS (
  SELECT rc."streetId" AS k,
    count(*) FILTER (WHERE rc.kind = 'COMPLAINT' AND x.acc_counted) AS acc_den,
    count(*) FILTER (WHERE rc.kind = 'COMPLAINT' AND x.acc_ok) AS acc_num,
    count(*) FILTER (WHERE NOT rc.excl AND (rc.resolved OR x.late_any)) AS comp_den,
    count(*) FILTER (WHERE NOT rc.excl AND rc.resolved AND x.late_any IS NOT TRUE) AS comp_num,
    count(*) FILTER (WHERE rc.kind = 'REPORT' AND NOT rc.excl AND x.ver_counted) AS ver_den,
    count(*) FILTER (WHERE rc.kind = 'REPORT' AND NOT rc.excl AND x.ver_counted AND x.ver_late IS NOT TRUE) AS ver_num
  FROM rc LEFT JOIN rdl x ON x.id = rc.id
  GROUP BY rc."streetId"
),
rp AS (
  SELECT x."streetId", x."receivedAt", lag(x."receivedAt") OVER (PARTITION BY x."businessId" ORDER BY x."receivedAt", x.id) AS prev
  FROM "Complaint" x
  WHERE x."businessId" IS NOT NULL AND x.origin = 'PUBLIC' AND x.outcome IS DISTINCT FROM 'DUPLICATE'
    AND x."receivedAt" >= ${S} - interval '90 days' AND x."receivedAt" < ${E}
),
repeat AS (
  SELECT rp."streetId" AS k, count(*) AS rep_den, count(*) FILTER (WHERE rp.prev >= rp."receivedAt" - interval '90 days') AS rep_num
  FROM rp WHERE rp."receivedAt" >= ${S} GROUP BY rp."streetId"
),
rs AS MATERIALIZED (
  SELECT c."streetId", c."reopenCount", (c."receivedAt" + interval '8 hours')::date AS rday, (c."firstResolvedAt" + interval '8 hours')::date AS fday
  FROM "Complaint" c
  WHERE c."firstResolvedAt" >= ${S} AND c."firstResolvedAt" < ${E} AND NOT ${excluded}
),
wd AS MATERIALIZED (
  SELECT g.day, sum(CASE WHEN cd.kind = 'HOLIDAY' THEN 0 WHEN cd.kind = 'MAKEUP_WORKDAY' THEN 1 WHEN extract(isodow FROM g.day) < 6 THEN 1 ELSE 0 END) OVER (ORDER BY g.day) AS idx
  FROM (SELECT gs::date AS day FROM generate_series(coalesce((SELECT min(rday) FROM rs), ${DF}), ${DT}, interval '1 day') gs) g
  LEFT JOIN "CalendarDay" cd ON cd.date = g.day
),
resolved AS (
  SELECT rs."streetId" AS k, count(*) AS res_den, count(*) FILTER (WHERE rs."reopenCount" > 0) AS reopen_num,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY (wr.idx - wc.idx)::float8) AS median
  FROM rs JOIN wd wc ON wc.day = rs.rday JOIN wd wr ON wr.day = rs.fday
  GROUP BY rs."streetId"
),
ratings AS (
  SELECT c."streetId" AS k, count(*) AS sat_den,
    count(*) FILTER (WHERE r.level >= 3) AS sat_num,
    count(*) FILTER (WHERE r.level >= 4) AS top2_num,
    count(*) FILTER (WHERE r.level <= 2) AS cb_den,
    count(*) FILTER (WHERE r.level <= 2 AND cb."rectificationId" IS NOT NULL) AS cb_num,
    count(*) FILTER (WHERE r.level <= 2 AND d.id IS NOT NULL AND ${counted('d')}) AS rect_den,
    count(*) FILTER (WHERE r.level <= 2 AND d.id IS NOT NULL AND ${onTime('d')}) AS rect_num
  FROM "Rating" r
  JOIN "Complaint" c ON c.id = r."complaintId"
  LEFT JOIN "Rectification" x ON x."ratingId" = r.id
  LEFT JOIN (SELECT DISTINCT "rectificationId" FROM "RectificationCallback") cb ON cb."rectificationId" = x.id
  LEFT JOIN "Deadline" d ON d.id = x."deadlineId" AND d.state <> 'CANCELLED'
  WHERE r.round = 1 AND r."createdAt" >= ${S} AND r."createdAt" < ${E}
  GROUP BY c."streetId"
),
cases AS (
  SELECT c."streetId" AS k, count(*) FILTER (WHERE ${counted('d')}) AS case_den, count(*) FILTER (WHERE ${onTime('d')}) AS case_num
  FROM "Deadline" d JOIN "Complaint" c ON c.id = d."complaintId"
  WHERE d.kind = 'CASE_DECISION' AND d.state <> 'CANCELLED' AND d."startDate" BETWEEN ${DF} AND ${DT}
  GROUP BY c."streetId"
),
penalties AS (
  SELECT c."streetId" AS k, count(*) FILTER (WHERE ${counted('d')}) AS disc_den, count(*) FILTER (WHERE ${onTime('d')}) AS disc_num
  FROM "PenaltyDecision" pd
  JOIN "Complaint" c ON c.id = pd."complaintId"
  JOIN "Deadline" d ON d."complaintId" = pd."complaintId" AND d.kind = 'DISCLOSE' AND d.state <> 'CANCELLED'
  WHERE pd."decisionDate" BETWEEN ${DF} AND ${DT}
  GROUP BY c."streetId"
),
sampling AS (
  SELECT b."streetId" AS k, count(*) AS batches
  FROM "SamplingBatch" sb JOIN "Business" b ON b.id = sb."businessId"
  WHERE sb."sampledOn" BETWEEN ${DF} AND ${DT}
  GROUP BY b."streetId"
),
population AS (SELECT cm."streetId" AS k, sum(cm.population)::float8 AS residents FROM "Community" cm GROUP BY cm."streetId"),
active AS MATERIALIZED (
  SELECT a.id, a."businessId" FROM "Assignment" a WHERE ${hasSnapshot} AND a."startedAt" < ${SNAP} AND (a."endedAt" IS NULL OR a."endedAt" >= ${SNAP})
),
covered AS (SELECT DISTINCT a."businessId" FROM active a),
coverage AS (
  SELECT b."streetId" AS k, count(*) AS cov_den, count(cv."businessId") AS cov_num
  FROM "Business" b LEFT JOIN covered cv ON cv."businessId" = b.id
  WHERE ${hasSnapshot} AND b."createdAt" < ${SNAP}
  GROUP BY b."streetId"
),
signed AS (
  SELECT DISTINCT l."assignmentId" FROM "CommitmentLetter" l WHERE l."signedAt" < ${SNAP} AND (l."supersededAt" IS NULL OR l."supersededAt" >= ${SNAP})
),
commitment AS (
  SELECT b."streetId" AS k, count(*) AS com_den, count(sg."assignmentId") AS com_num
  FROM active a JOIN "Business" b ON b.id = a."businessId" LEFT JOIN signed sg ON sg."assignmentId" = a.id
  WHERE b."createdAt" < ${SNAP}
  GROUP BY b."streetId"
)
SELECT st.id::text AS key, st.name AS label,
  coalesce(rv.acc_den, 0)::int AS acc_den, coalesce(rv.acc_num, 0)::int AS acc_num, coalesce(rv.comp_den, 0)::int AS comp_den, coalesce(rv.comp_num, 0)::int AS comp_num,
  coalesce(rv.ver_den, 0)::int AS ver_den, coalesce(rv.ver_num, 0)::int AS ver_num,
  coalesce(rpt.rep_den, 0)::int AS rep_den, coalesce(rpt.rep_num, 0)::int AS rep_num,
  coalesce(rsv.res_den, 0)::int AS res_den, coalesce(rsv.reopen_num, 0)::int AS reopen_num, rsv.median::float8 AS median,
  coalesce(rt.sat_den, 0)::int AS sat_den, coalesce(rt.sat_num, 0)::int AS sat_num, coalesce(rt.top2_num, 0)::int AS top2_num,
  coalesce(rt.cb_den, 0)::int AS cb_den, coalesce(rt.cb_num, 0)::int AS cb_num, coalesce(rt.rect_den, 0)::int AS rect_den, coalesce(rt.rect_num, 0)::int AS rect_num,
  coalesce(cs.case_den, 0)::int AS case_den, coalesce(cs.case_num, 0)::int AS case_num,
  coalesce(pn.disc_den, 0)::int AS disc_den, coalesce(pn.disc_num, 0)::int AS disc_num,
  coalesce(sm.batches, 0)::int AS batches, coalesce(pop.residents, 0)::float8 AS residents,
  coalesce(cv.cov_den, 0)::int AS cov_den, coalesce(cv.cov_num, 0)::int AS cov_num,
  coalesce(cm.com_den, 0)::int AS com_den, coalesce(cm.com_num, 0)::int AS com_num
FROM "Street" st
LEFT JOIN received rv ON rv.k = st.id
LEFT JOIN repeat rpt ON rpt.k = st.id
LEFT JOIN resolved rsv ON rsv.k = st.id
LEFT JOIN ratings rt ON rt.k = st.id
LEFT JOIN cases cs ON cs.k = st.id
LEFT JOIN penalties pn ON pn.k = st.id
LEFT JOIN sampling sm ON sm.k = st.id
LEFT JOIN population pop ON pop.k = st.id
LEFT JOIN coverage cv ON cv.k = st.id
LEFT JOIN commitment cm ON cm.k = st.id
ORDER BY st.id`;
}

/** Numerator and denominator columns of each ratio code. */
const RATIOS = {
  ON_TIME_ACCEPTANCE: ['acc_num', 'acc_den'],
  ON_TIME_COMPLETION: ['comp_num', 'comp_den'],
  VERIFICATION_COMPLETION: ['ver_num', 'ver_den'],
  CASE_HANDLING: ['case_num', 'case_den'],
  PENALTY_DISCLOSURE: ['disc_num', 'disc_den'],
  RATING_SATISFACTION: ['sat_num', 'sat_den'],
  RATING_TOP2: ['top2_num', 'sat_den'],
  CALLBACK: ['cb_num', 'cb_den'],
  RECTIFICATION_ON_TIME: ['rect_num', 'rect_den'],
  REOPEN: ['reopen_num', 'res_den'],
  REPEAT_COMPLAINT: ['rep_num', 'rep_den'],
  BAOBAO_COVERAGE: ['cov_num', 'cov_den'],
  COMMITMENT_SIGNED: ['com_num', 'com_den'],
};

/**
 * The report for one period by street: the statement above through Prisma's raw query (the same driver path the
 * engine uses), the figures from its counts. `definitions` is the server's registry (targets, minimum samples).
 */
export async function handWrittenIndicators(prisma, query, now, definitions, indicatorStatus) {
  const rows = await prisma.$queryRawUnsafe(indicatorSql(query, now));
  const last = query.to < shanghaiDate(now) ? query.to : shanghaiDate(now);
  const elapsedDays = (Date.parse(last) - Date.parse(query.from)) / DAY_MS + 1;
  const years = elapsedDays > 0 ? elapsedDays / 365 : 0;
  return {
    from: query.from,
    to: query.to,
    groupBy: 'street',
    rows: rows.map((r) => {
      const indicators = {};
      for (const [code, def] of Object.entries(definitions)) {
        const empty = { value: null, numerator: 0, denominator: 0, target: def.target, status: 'NO_DATA' };
        if (code === 'SAMPLING_PER_1000') {
          const denominator = round((r.residents / 1000) * years, 4);
          if (denominator <= 0) indicators[code] = { ...empty, numerator: r.batches };
          else {
            const value = round(r.batches / denominator, 2);
            indicators[code] = { value, numerator: r.batches, denominator, target: def.target, status: indicatorStatus(def, value, denominator) };
          }
        } else if (code === 'MEDIAN_HANDLING_WD') {
          if (r.res_den === 0) indicators[code] = empty;
          else {
            const median = round(r.median, 1);
            indicators[code] = { value: median, numerator: median, denominator: r.res_den, target: def.target, status: indicatorStatus(def, median, r.res_den) };
          }
        } else {
          const [num, den] = RATIOS[code];
          const value = r[den] === 0 ? null : round(r[num] / r[den], 4);
          indicators[code] = value === null ? empty : { value, numerator: r[num], denominator: r[den], target: def.target, status: indicatorStatus(def, value, r[den]) };
        }
      }
      return { key: r.key, label: r.label, indicators };
    }),
  };
}
