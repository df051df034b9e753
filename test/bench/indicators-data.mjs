// The data of the indicator benchmark: a district's registry and a year (2025) of complaints with their events,
// deadlines, penalty decisions, ratings, rectifications, callbacks and sampling batches, written with set-based
// INSERT … SELECT over generate_series (one statement per table, no rows through JavaScript). Deterministic: the
// random columns come from setseed(); the working-day arithmetic uses the CalendarDay table the server seeded.

/** "Today" for the generated data: anything due after it is still open. */
export const NOW = '2026-01-10';
export const YEAR = { from: '2025-01-01', to: '2025-12-31' };

const STREETS = ['东湖', '西河', '南港', '北岭', '柳岸', '青石', '梧桐', '金桥', '望江', '云台', '松林', '白鹭'];
const COMMUNITY_WORDS = ['幸福', '和平', '新村', '花园', '春晖', '锦绣', '安居', '滨江'];
const OFFICES = ['城东', '城西', '城南', '城北'];
const PLACE = (day) => `(${day})::date`;

/** The statements, in order, each with a label for the progress line. */
export function dataStatements({ complaints, businesses }) {
  const N = complaints;
  const NB = businesses;
  const arr = (xs) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
  /** working day `n` after day expression `day` (the day itself not counted) */
  const addWd = (day, n) => `(SELECT w.d FROM wdi w WHERE w.idx = (SELECT x.idx FROM wdx x WHERE x.d = ${PLACE(day)}) + (${n}))`;
  /** a Shanghai day and an hour offset → the UTC timestamp Prisma stores */
  const at = (day, hours) => `((${day})::timestamp + make_interval(secs => (${hours}) * 3600) - interval '8 hours')`;

  return [
    ['registry: district, offices, streets, communities', `
      -- Consistent by construction: foreign-key triggers are left out while loading (the role is reset at the end).
      SET session_replication_role = replica;
      -- Compiling these one-off statements would cost more than running them.
      SET jit = off;
      INSERT INTO "District"(id, code, name) VALUES (1, 'BENCH', '青岚区');
      INSERT INTO "Office"(id, "districtId", code, name, address, phone)
        SELECT o, 1, 'BO' || o, (${arr(OFFICES)})[o] || '市场监管所', (${arr(OFFICES)})[o] || '大道 ' || o || ' 号', '025-8400000' || o FROM generate_series(1, 4) o;
      INSERT INTO "Street"(id, "districtId", "officeId", code, name)
        SELECT s, 1, 1 + (s - 1) / 3, 'BS' || s, (${arr(STREETS)})[s] || '街道' FROM generate_series(1, 12) s;
      INSERT INTO "Community"(id, "streetId", code, name, population)
        SELECT c, 1 + (c - 1) / 8, 'BC' || c, (${arr(STREETS)})[1 + (c - 1) / 8] || (${arr(COMMUNITY_WORDS)})[1 + (c - 1) % 8] || '社区', 6000 + (c * 7919) % 9000
        FROM generate_series(1, 96) c;
      INSERT INTO "BusinessType"(id, code, name) VALUES (1, 'B_CATERING', '餐饮服务'), (2, 'B_RETAIL', '食品销售'), (3, 'B_PRODUCTION', '食品生产'), (4, 'B_CANTEEN', '单位食堂'), (5, 'B_WORKSHOP', '小作坊');`],
    [`registry: ${NB} businesses, cadres, assignments, commitment letters`, `
      INSERT INTO "Business"(id, name, "licenceNo", "businessTypeId", grade, address, "streetId", "communityId", lat, lng, "createdAt", "updatedAt")
        SELECT b, (${arr(['老街', '好味', '福满', '鲜达', '金穗', '百味', '和记', '家乐'])})[1 + b % 8] || (${arr(['面馆', '超市', '食品厂', '食堂', '小吃店', '烘焙坊', '便利店', '酒楼'])})[1 + (b / 8) % 8] || b,
               'JY' || lpad(b::text, 12, '0'), 1 + b % 5, (ARRAY['A','B','C','D'])[1 + (b * 31) % 4]::"Grade",
               (${arr(STREETS)})[1 + ((1 + b % 96) - 1) / 8] || '路 ' || (b % 300) || ' 号', 1 + ((1 + b % 96) - 1) / 8, 1 + b % 96,
               32.0 + (b % 1000) / 10000.0, 118.7 + (b % 997) / 10000.0, timestamp '2024-01-01', now()
        FROM generate_series(1, ${NB}) b;
      INSERT INTO "Cadre"(id, name, tier, title, phone, "districtId", "streetId", "communityId", "createdAt")
        SELECT c, (${arr(['陈', '王', '李', '张', '刘', '杨', '赵', '黄'])})[1 + c % 8] || (${arr(['秀兰', '建军', '海燕', '志强', '丽华', '国平'])})[1 + c % 6],
               'COMMUNITY', '社区包保干部', '1390000' || lpad(c::text, 4, '0'), 1, 1 + (c - 1) / 8, c, timestamp '2024-01-01'
        FROM generate_series(1, 96) c;
      INSERT INTO "Cadre"(id, name, tier, title, phone, "districtId", "streetId")
        SELECT 96 + s, '街道干部' || s, 'STREET', '街道办事处副主任', '1391000' || lpad(s::text, 4, '0'), 1, s FROM generate_series(1, 12) s;
      -- Most businesses answered for by their community's cadre since mid-2024; one in 40 handed to the street cadre
      -- in July 2025 (the old assignment ended); one in 25 has none.
      INSERT INTO "Assignment"(id, "businessId", "cadreId", "startedAt", "endedAt", "endReason")
        SELECT b, b, 1 + b % 96, timestamp '2024-06-01', CASE WHEN b % 40 = 1 THEN timestamp '2025-06-30 08:00' END, CASE WHEN b % 40 = 1 THEN '包保干部调整' END
        FROM generate_series(1, ${NB}) b WHERE b % 25 <> 0;
      INSERT INTO "Assignment"(id, "businessId", "cadreId", "startedAt")
        SELECT ${NB} + b, b, 96 + 1 + ((1 + b % 96) - 1) / 8, timestamp '2025-07-01' FROM generate_series(1, ${NB}) b WHERE b % 40 = 1 AND b % 25 <> 0;
      -- Letters signed for nine in ten assignments; re-signed after the hand-over for most.
      INSERT INTO "CommitmentLetter"("assignmentId", "businessId", "cadreId", version, "signedAt", "supersededAt", "supersededReason")
        SELECT a.id, a."businessId", a."cadreId", CASE WHEN a.id > ${NB} THEN 2 ELSE 1 END, a."startedAt" + interval '10 days',
               CASE WHEN a."endedAt" IS NOT NULL THEN a."endedAt" END, CASE WHEN a."endedAt" IS NOT NULL THEN '包保干部调整' END
        FROM "Assignment" a WHERE (a."businessId" * 7) % 10 <> 3 AND (a.id <= ${NB} OR a."businessId" % 3 <> 0);`],
    ['working-day tables', `
      CREATE TEMP TABLE wdx AS
        SELECT day::date AS d, w AS working, (count(*) FILTER (WHERE w) OVER (ORDER BY day))::int AS idx
        FROM (SELECT day, CASE WHEN cd.kind = 'HOLIDAY' THEN false WHEN cd.kind = 'MAKEUP_WORKDAY' THEN true ELSE extract(isodow FROM day) < 6 END AS w
              FROM generate_series(timestamp '2024-12-01', timestamp '2027-06-30', interval '1 day') day
              LEFT JOIN "CalendarDay" cd ON cd.date = day::date) s;
      CREATE UNIQUE INDEX ON wdx(d);
      CREATE TEMP TABLE wdi AS SELECT idx, d FROM wdx WHERE working;
      CREATE UNIQUE INDEX ON wdi(idx);
      ANALYZE wdx; ANALYZE wdi;`],
    [`random columns for ${N} complaints`, `
      SELECT setseed(0.4242);
      CREATE TEMP TABLE g AS
        SELECT i AS id, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8,
               random() r9, random() r10, random() r11, random() r12, random() r13, random() r14, random() r15, random() r16
        FROM generate_series(1, ${N}) i;`],
    ['complaint timelines', `
      CREATE TEMP TABLE t AS
      WITH base AS (
        SELECT g.*,
          -- busier in summer: days drawn from a bump over the year
          (date '2025-01-01' + least(364, greatest(0, floor(365 * (g.r1 + 0.06 * sin(2 * pi() * g.r1)))))::int) AS rd,
          CASE WHEN g.r3 < 0.6 THEN 'COMPLAINT' ELSE 'REPORT' END AS kind,
          CASE WHEN g.r5 < 0.95 THEN 1 + floor(g.r4 * g.r4 * ${NB})::int END AS business_id,
          CASE WHEN g.r3 < 0.6 THEN
            CASE WHEN g.r6 < 0.04 THEN 'REJ' WHEN g.r6 < 0.07 THEN 'TRF' WHEN g.r6 < 0.10 THEN 'DUP' WHEN g.r6 < 0.18 THEN 'MF' ELSE 'OK' END
          ELSE
            CASE WHEN g.r6 < 0.03 THEN 'REJ' WHEN g.r6 < 0.06 THEN 'TRF' WHEN g.r6 < 0.10 THEN 'DUP' WHEN g.r6 < 0.30 THEN 'CASE' ELSE 'NOC' END
          END AS path
        FROM g
      ), d1 AS (
        SELECT b.*,
          -- the first decision (受理/不予受理/转办, or 核查 concluded), mostly within the limit, some late
          CASE WHEN b.kind = 'COMPLAINT' THEN CASE WHEN b.r8 < 0.95 THEN 1 + floor(b.r9 * 7) ELSE 8 + floor(b.r9 * 5) END
               ELSE CASE WHEN b.r8 < 0.94 THEN 2 + floor(b.r9 * 14) ELSE 16 + floor(b.r9 * 8) END END::int AS dec_wd,
          -- the second stage: mediation (of 45 WD) or the case (90 days), handling after it
          CASE WHEN b.r10 < 0.96 THEN 3 + floor(b.r11 * 40) ELSE 46 + floor(b.r11 * 10) END::int AS stage_wd,
          1 + floor(b.r12 * 3)::int AS resolve_wd,
          b.kind = 'REPORT' AND b.r13 < 0.3 AS anonymous
        FROM base b
      )
      SELECT d1.*, ${addWd('d1.rd', 'd1.dec_wd')} AS dd FROM d1;
      CREATE UNIQUE INDEX ON t(id);
      ANALYZE t;`],
    ['complaint steps', `
      CREATE TEMP TABLE s AS
      WITH a AS (
        SELECT t.*, ${addWd('t.dd', 't.stage_wd')} AS sd FROM t
      ), b AS (
        SELECT a.*, ${addWd('a.sd', 'a.resolve_wd')} AS res_d,
          -- 立案 cases: the decision after 20–100 days (the 90-day limit), the notice to a real-name reporter in 1–6 WD
          CASE WHEN a.path = 'CASE' THEN a.dd + (20 + floor(a.r14 * (CASE WHEN a.r10 < 0.96 THEN 70 ELSE 80 END)))::int END AS case_d,
          CASE WHEN a.path = 'CASE' AND NOT a.anonymous THEN ${addWd('a.dd', '1 + floor(a.r15 * 6)::int')} END AS notify_d
        FROM a
      )
      SELECT q.*,
        CASE WHEN q.stage_d IS NOT NULL THEN ${at('q.stage_d', '10 + 6 * q.r12')} END AS stage_at,
        CASE WHEN q.res_d IS NOT NULL THEN ${at('q.res_d', '10 + 6 * q.r13')} END AS res_at,
        q.path IN ('OK', 'NOC') AND q.r16 < 0.04 AS reopened,
        CASE WHEN q.path IN ('OK', 'NOC') AND q.r16 < 0.04 THEN ${at('q.res_d', '10 + 6 * q.r13')} + interval '12 days' END AS res2_at
      FROM (
        SELECT b.id, b.kind, b.path, b.business_id, b.anonymous, b.rd, b.dd,
          ${at('b.rd', '8 + 12 * b.r2')} AS received_at,
          ${at('b.dd', '9 + 8 * b.r7')} AS decided_at,
          CASE WHEN b.path IN ('REJ', 'TRF') THEN NULL WHEN b.path = 'CASE' THEN b.case_d ELSE b.sd END AS stage_d,
          CASE WHEN b.path IN ('REJ', 'TRF') THEN NULL WHEN b.path = 'CASE' THEN ${addWd('b.case_d', 'b.resolve_wd')} ELSE b.res_d END AS res_d,
          b.notify_d,
          b.r2, b.r7, b.r12, b.r13, b.r14, b.r15, b.r16
        FROM b
      ) q;
      CREATE UNIQUE INDEX ON s(id);
      ANALYZE s;`],
    [`${N} complaints`, `
      INSERT INTO "Complaint"(id, "trackingNo", kind, category, "businessId", "businessName", "streetId", "communityId", description, anonymous,
                              "reporterName", "reporterPhoneMasked", status, outcome, "officeId", "cadreId", "transferTo", "receivedAt",
                              "resolvedAt", "closedAt", "firstResolvedAt", "reopenCount", origin, "updatedAt", "idempotencyKey")
      SELECT s.id, 'SA' || to_char(s.rd, 'YYYYMMDD') || '-' || lpad(s.id::text, 7, '0'), s.kind::"ComplaintKind",
        (ARRAY['EXPIRED_FOOD','POOR_HYGIENE','UNLICENSED','ILLEGAL_ADDITIVES','DIRTY_TABLEWARE','FALSE_ADVERTISING','OTHER','PRICE'])[1 + floor(s.r14 * 8)::int],
        s.business_id, b.name, coalesce(b."streetId", 1 + (s.id % 96 - 0) / 8 % 12), coalesce(b."communityId", 1 + s.id % 96),
        '基准测试生成的投诉举报内容', s.anonymous, CASE WHEN NOT s.anonymous THEN '居民' || (s.id % 1000) END, CASE WHEN NOT s.anonymous THEN '138****' || lpad((s.id % 10000)::text, 4, '0') END,
        (CASE
          WHEN s.decided_at > timestamp '${NOW}' THEN 'SUBMITTED'
          WHEN s.path = 'REJ' THEN 'REJECTED'
          WHEN s.path = 'TRF' THEN 'TRANSFERRED'
          WHEN s.res_at > timestamp '${NOW}' OR (s.reopened AND s.res2_at > timestamp '${NOW}') THEN CASE WHEN s.kind = 'COMPLAINT' THEN 'MEDIATING' ELSE 'VERIFYING' END
          WHEN coalesce(s.res2_at, s.res_at) < timestamp '${NOW}' - interval '15 days' THEN 'CLOSED'
          ELSE 'RESOLVED' END)::"ComplaintStatus",
        (CASE WHEN s.path IN ('REJ', 'TRF') OR s.decided_at > timestamp '${NOW}' OR s.res_at > timestamp '${NOW}' OR (s.reopened AND s.res2_at > timestamp '${NOW}') THEN NULL
              WHEN s.path = 'DUP' THEN 'DUPLICATE' WHEN s.path = 'MF' THEN 'NOT_FIXED' WHEN s.path = 'NOC' AND s.r15 < 0.6 THEN 'NO_VIOLATION' ELSE 'FIXED' END)::"ComplaintOutcome",
        st."officeId", a."cadreId", CASE WHEN s.path = 'TRF' THEN '有关主管部门' END, s.received_at,
        CASE WHEN s.decided_at <= timestamp '${NOW}' AND s.res_at <= timestamp '${NOW}' AND NOT (s.reopened AND s.res2_at > timestamp '${NOW}') THEN coalesce(s.res2_at, s.res_at) END,
        CASE WHEN coalesce(s.res2_at, s.res_at) < timestamp '${NOW}' - interval '15 days' THEN coalesce(s.res2_at, s.res_at) + interval '15 days' END,
        CASE WHEN s.decided_at <= timestamp '${NOW}' AND s.res_at <= timestamp '${NOW}' THEN s.res_at END,
        CASE WHEN s.reopened AND s.res_at + interval '5 days' <= timestamp '${NOW}' THEN 1 ELSE 0 END,
        'PUBLIC', now(), 'bench-' || s.id
      FROM s
      LEFT JOIN "Business" b ON b.id = s.business_id
      LEFT JOIN "Street" st ON st.id = coalesce(b."streetId", 1 + (s.id % 96 - 0) / 8 % 12)
      LEFT JOIN "Assignment" a ON a."businessId" = s.business_id AND a."endedAt" IS NULL;`],
    ['complaint events', `
      INSERT INTO "ComplaintEvent"("complaintId", at, "actorUserId", "actorRole", action, "fromStatus", "toStatus", reason, payload)
      SELECT e.cid, e.at, NULL, e.role, e.action, e.fr::"ComplaintStatus", e.tos::"ComplaintStatus", NULL, NULL FROM (
        SELECT s.id cid, s.received_at at, 'REPORTER' role, 'submit' action, NULL fr, 'SUBMITTED' tos, 1 ord FROM s
        UNION ALL SELECT s.id, s.decided_at, 'OFFICE_STAFF', CASE s.path WHEN 'REJ' THEN 'reject' WHEN 'TRF' THEN 'transfer' ELSE 'accept' END, 'SUBMITTED',
                         CASE s.path WHEN 'REJ' THEN 'REJECTED' WHEN 'TRF' THEN 'TRANSFERRED' ELSE 'ACCEPTED' END, 2 FROM s WHERE s.decided_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, s.decided_at + interval '1 minute', 'OFFICE_STAFF', CASE WHEN s.kind = 'COMPLAINT' THEN 'startMediation' ELSE 'startVerification' END, 'ACCEPTED',
                         CASE WHEN s.kind = 'COMPLAINT' THEN 'MEDIATING' ELSE 'VERIFYING' END, 3 FROM s WHERE s.path NOT IN ('REJ', 'TRF') AND s.decided_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, s.decided_at + interval '2 minutes', 'OFFICE_STAFF', CASE s.path WHEN 'CASE' THEN 'fileCase' ELSE 'noCase' END, 'VERIFYING',
                         CASE s.path WHEN 'CASE' THEN 'CASE_FILED' ELSE 'NO_CASE' END, 4 FROM s WHERE s.kind = 'REPORT' AND s.path NOT IN ('REJ', 'TRF') AND s.decided_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, s.stage_at, 'OFFICE_STAFF', CASE WHEN s.kind = 'REPORT' THEN 'decideCase' WHEN s.path = 'MF' THEN 'mediationFailed' ELSE 'mediated' END,
                         CASE WHEN s.kind = 'REPORT' THEN 'CASE_FILED' ELSE 'MEDIATING' END,
                         CASE WHEN s.kind = 'REPORT' THEN 'CASE_DECIDED' WHEN s.path = 'MF' THEN 'MEDIATION_FAILED' ELSE 'MEDIATED' END, 5
                  FROM s WHERE s.stage_at <= timestamp '${NOW}' AND (s.kind = 'COMPLAINT' OR s.path = 'CASE')
        UNION ALL SELECT s.id, s.res_at, 'OFFICE_STAFF', CASE WHEN s.path = 'MF' THEN 'notifyTermination' ELSE 'resolve' END,
                         CASE WHEN s.path = 'MF' THEN 'MEDIATION_FAILED' WHEN s.kind = 'COMPLAINT' THEN 'MEDIATED' WHEN s.path = 'CASE' THEN 'CASE_DECIDED' ELSE 'NO_CASE' END, 'RESOLVED', 6
                  FROM s WHERE s.res_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, s.res_at + interval '5 days', 'REPORTER', 'reopen', 'RESOLVED', 'REOPENED', 7 FROM s WHERE s.reopened AND s.res_at + interval '5 days' <= timestamp '${NOW}'
        UNION ALL SELECT s.id, s.res_at + interval '6 days', 'OFFICE_STAFF', 'reprocess', 'REOPENED', CASE WHEN s.kind = 'COMPLAINT' THEN 'MEDIATING' ELSE 'VERIFYING' END, 8
                  FROM s WHERE s.reopened AND s.res_at + interval '6 days' <= timestamp '${NOW}'
        UNION ALL SELECT s.id, s.res2_at, 'OFFICE_STAFF', 'resolve', CASE WHEN s.kind = 'COMPLAINT' THEN 'MEDIATED' ELSE 'NO_CASE' END, 'RESOLVED', 9 FROM s WHERE s.reopened AND s.res2_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, coalesce(s.res2_at, s.res_at) + interval '15 days', 'SYSTEM', 'close', 'RESOLVED', 'CLOSED', 10 FROM s WHERE coalesce(s.res2_at, s.res_at) < timestamp '${NOW}' - interval '15 days'
      ) e;`],
    ['deadlines', `
      INSERT INTO "Deadline"("complaintId", kind, "startDate", "workingDays", unit, "dueDate", state, "metAt")
      SELECT d.cid, d.kind::"DeadlineKind", d.start, d.n, d.unit::"DeadlineUnit", d.due, (CASE WHEN d.met IS NOT NULL AND d.met <= timestamp '${NOW}' THEN 'MET' ELSE 'OPEN' END)::"DeadlineState",
             CASE WHEN d.met <= timestamp '${NOW}' THEN d.met END
      FROM (
        SELECT s.id cid, CASE WHEN s.kind = 'COMPLAINT' THEN 'ACCEPT' ELSE 'VERIFY' END kind, s.rd start, CASE WHEN s.kind = 'COMPLAINT' THEN 7 ELSE 15 END n, 'WORKING_DAYS' unit,
               ${addWd('s.rd', "CASE WHEN s.kind = 'COMPLAINT' THEN 7 ELSE 15 END")} due, s.decided_at + CASE WHEN s.kind = 'REPORT' AND s.path NOT IN ('REJ', 'TRF') THEN interval '2 minutes' ELSE interval '0' END met FROM s
        UNION ALL SELECT s.id, 'MEDIATE', s.dd, 45, 'WORKING_DAYS', ${addWd('s.dd', '45')}, s.stage_at FROM s WHERE s.kind = 'COMPLAINT' AND s.path NOT IN ('REJ', 'TRF') AND s.decided_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, 'TERMINATION_NOTICE', s.stage_d, 7, 'WORKING_DAYS', ${addWd('s.stage_d', '7')}, s.res_at FROM s WHERE s.path = 'MF' AND s.stage_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, 'CASE_DECISION', s.dd, 90, 'CALENDAR_DAYS', s.dd + 90, s.stage_at FROM s WHERE s.path = 'CASE' AND s.decided_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, 'NOTIFY_REPORTER', s.dd, 5, 'WORKING_DAYS', ${addWd('s.dd', '5')}, ${at('s.notify_d', '11')} FROM s WHERE s.path = 'CASE' AND s.notify_d IS NOT NULL AND s.decided_at <= timestamp '${NOW}'
        UNION ALL SELECT s.id, 'VERIFY', (s.res_at + interval '6 days' + interval '8 hours')::date, 15, 'WORKING_DAYS', ${addWd("(s.res_at + interval '6 days' + interval '8 hours')::date", '15')},
                         s.res2_at - interval '1 day' FROM s WHERE s.reopened AND s.kind = 'REPORT' AND s.res_at + interval '6 days' <= timestamp '${NOW}'
        UNION ALL SELECT s.id, 'MEDIATE', (s.res_at + interval '6 days' + interval '8 hours')::date, 45, 'WORKING_DAYS', ${addWd("(s.res_at + interval '6 days' + interval '8 hours')::date", '45')},
                         s.res2_at - interval '1 day' FROM s WHERE s.reopened AND s.kind = 'COMPLAINT' AND s.res_at + interval '6 days' <= timestamp '${NOW}'
      ) d;`],
    ['penalty decisions and their disclosure deadlines', `
      INSERT INTO "PenaltyDecision"("complaintId", "businessId", type, "decisionNo", "partyKind", "partyName", "violationType", "legalBasis", "penaltyContent",
                                    "penaltyKinds", "fineAmount", authority, "decisionDate", "recordedAt", "updatedAt", "disclosedAt")
      SELECT s.id, s.business_id, (CASE WHEN s.r13 < 0.8 THEN 'PENALTY' ELSE 'NO_PENALTY' END)::"PenaltyDecisionType", '青岚市监罚〔2025〕' || s.id || '号', 'ORGANISATION',
             coalesce(b.name, '当事人' || s.id), '销售超过保质期的食品', '《中华人民共和国食品安全法》第一百二十四条', '罚款 5000 元',
             CASE WHEN s.r13 < 0.8 THEN ARRAY['FINE'] ELSE ARRAY[]::text[] END, CASE WHEN s.r13 < 0.8 THEN 5000 ELSE 0 END, '青岚区市场监督管理局', s.stage_d, s.stage_at, now(),
             CASE WHEN s.r13 < 0.8 THEN ${at(addWd('s.stage_d', 'CASE WHEN s.r15 < 0.96 THEN 1 + floor(s.r15 * 19)::int ELSE 21 + floor(s.r16 * 5)::int END'), '15')} END
      FROM s LEFT JOIN "Business" b ON b.id = s.business_id
      WHERE s.path = 'CASE' AND s.stage_at <= timestamp '${NOW}';
      UPDATE "PenaltyDecision" SET "disclosedAt" = NULL WHERE "disclosedAt" > timestamp '${NOW}';
      INSERT INTO "Deadline"("complaintId", kind, "startDate", "workingDays", unit, "dueDate", state, "metAt")
      SELECT p."complaintId", 'DISCLOSE', p."decisionDate", 20, 'WORKING_DAYS', ${addWd('p."decisionDate"', '20')},
             (CASE WHEN p."disclosedAt" IS NOT NULL THEN 'MET' ELSE 'OPEN' END)::"DeadlineState", p."disclosedAt"
      FROM "PenaltyDecision" p WHERE p.type = 'PENALTY';`],
    ['ratings (round 1)', `
      INSERT INTO "Rating"("complaintId", round, level, tags, comment, "userId", "byVolunteer", "createdAt")
      SELECT s.id, 1, lv.level, CASE WHEN lv.level >= 4 THEN ARRAY['响应快'] WHEN lv.level <= 2 THEN ARRAY['未解决'] ELSE ARRAY[]::text[] END, NULL, NULL, s.id % 20 = 0,
             s.res_at + make_interval(secs => floor(s.r7 * 14 * 86400)::int)
      FROM s CROSS JOIN LATERAL (SELECT CASE WHEN s.r14 < 0.45 THEN 5 WHEN s.r14 < 0.75 THEN 4 WHEN s.r14 < 0.91 THEN 3 WHEN s.r14 < 0.96 THEN 2 ELSE 1 END AS level) lv
      WHERE NOT s.anonymous AND s.path NOT IN ('REJ', 'TRF') AND s.res_at + make_interval(secs => floor(s.r7 * 14 * 86400)::int) <= timestamp '${NOW}' AND s.r12 < 0.65;`],
    ['rectifications, RECTIFY deadlines, callbacks, round-2 ratings', `
      CREATE TEMP TABLE bad AS
        SELECT r.id rating_id, r."complaintId" cid, r."createdAt" opened, (r."createdAt" + interval '8 hours')::date AS od, c."officeId" office_id, g.r3, g.r5, g.r9, g.r10
        FROM "Rating" r JOIN "Complaint" c ON c.id = r."complaintId" JOIN g ON g.id = r."complaintId" WHERE r.round = 1 AND r.level <= 2;
      ALTER TABLE bad ADD COLUMN done_at timestamp, ADD COLUMN deadline_id int;
      UPDATE bad SET done_at = ${at(addWd('bad.od', 'CASE WHEN bad.r9 < 0.93 THEN 1 + floor(bad.r10 * 5)::int ELSE 6 + floor(bad.r10 * 4)::int END'), '16')};
      UPDATE bad SET done_at = NULL WHERE done_at > timestamp '${NOW}';
      INSERT INTO "Deadline"("complaintId", kind, "startDate", "workingDays", unit, "dueDate", state, "metAt")
        SELECT cid, 'RECTIFY', od, 5, 'WORKING_DAYS', ${addWd('bad.od', '5')}, (CASE WHEN done_at IS NULL THEN 'OPEN' ELSE 'MET' END)::"DeadlineState", done_at FROM bad;
      UPDATE bad SET deadline_id = d.id FROM "Deadline" d WHERE d."complaintId" = bad.cid AND d.kind = 'RECTIFY';
      INSERT INTO "Rectification"("complaintId", "ratingId", "deadlineId", "officeId", state, "openedAt", "actionTaken", "completedAt")
        SELECT cid, rating_id, deadline_id, office_id, (CASE WHEN done_at IS NULL THEN 'OPEN' ELSE 'DONE' END)::"RectificationState", opened,
               CASE WHEN done_at IS NOT NULL THEN '已约谈经营者并复查整改' END, done_at FROM bad;
      -- 回访: one call before completion for 95 %, a second unreached one first for some
      INSERT INTO "RectificationCallback"("rectificationId", "calledAt", "byUserId", reached, "reporterSaid")
        SELECT x.id, coalesce(b.done_at, b.opened + interval '2 days') - interval '3 hours', 1, true, '已回访，表示认可整改结果'
        FROM bad b JOIN "Rectification" x ON x."ratingId" = b.rating_id WHERE b.r3 < 0.95 AND coalesce(b.done_at, b.opened + interval '2 days') <= timestamp '${NOW}';
      INSERT INTO "RectificationCallback"("rectificationId", "calledAt", "byUserId", reached, "reporterSaid")
        SELECT x.id, b.opened + interval '1 day', 1, false, NULL FROM bad b JOIN "Rectification" x ON x."ratingId" = b.rating_id WHERE b.r5 < 0.2 AND b.opened + interval '1 day' <= timestamp '${NOW}';
      INSERT INTO "Rating"("complaintId", round, level, tags, comment, "userId", "byVolunteer", "createdAt")
        SELECT b.cid, 2, CASE WHEN b.r10 < 0.5 THEN 4 WHEN b.r10 < 0.8 THEN 3 ELSE 2 END, ARRAY[]::text[], NULL, NULL, false, b.done_at + interval '2 days'
        FROM bad b WHERE b.done_at IS NOT NULL AND b.r5 < 0.5 AND b.done_at + interval '2 days' <= timestamp '${NOW}';`],
    ['sampling batches', `
      -- About 4 per 1000 residents a year overall, from 2 to 6 by street, 3 % unqualified.
      INSERT INTO "SamplingBatch"("batchNo", "sampledOn", "businessId", product, "foodCategory", result, "failedItem", "recordedAt")
      SELECT 'NCP2025' || lpad(k::text, 7, '0'), (date '2025-01-02' + ((k * 37) % 360)::int),
             -- one of the community's businesses (business b lies in community 1 + b % 96)
             (q.cid - 1) + 96 * (1 + (q.n * 7) % ${Math.max(1, Math.floor(NB / 96) - 1)}),
             (ARRAY['散装豆腐','鲜切面','卤牛肉','酸奶','桶装水','月饼','凉拌菜','大米'])[1 + k % 8],
             (ARRAY['豆制品','粮食加工品','肉制品','乳制品','饮料','糕点','餐饮食品','粮食加工品'])[1 + k % 8],
             (CASE WHEN k % 33 = 0 THEN 'UNQUALIFIED' ELSE 'QUALIFIED' END)::"SamplingResult", CASE WHEN k % 33 = 0 THEN '菌落总数超标' END,
             timestamp '2025-01-02' + ((k * 37) % 360)::int * interval '1 day'
      FROM (
        SELECT c.id cid, row_number() OVER (ORDER BY c.id, n) AS k, n
        FROM "Community" c CROSS JOIN LATERAL generate_series(1, (c.population * (2 + (c."streetId" * 3) % 5) / 1000)::int) n
      ) q;`],
    ['sequences and statistics', `
      ${['District', 'Office', 'Street', 'Community', 'BusinessType', 'Business', 'Cadre', 'Assignment', 'Complaint']
        .map((t) => `SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM "${t}"), false);`)
        .join('\n      ')}
      DROP TABLE g; DROP TABLE t; DROP TABLE s; DROP TABLE bad;
      SET session_replication_role = DEFAULT;
      RESET jit;`],
  ];
}

/** Tables the load writes in bulk: their secondary indexes are dropped first and built once afterwards (much faster). */
const BULK_TABLES = ['Complaint', 'ComplaintEvent', 'Deadline', 'Rating', 'Rectification', 'RectificationCallback', 'PenaltyDecision', 'SamplingBatch', 'Business', 'Assignment', 'CommitmentLetter'];

/** Drops the bulk tables' secondary indexes (primary keys stay); the returned function re-creates them as the migrations define them. */
export async function deferIndexes(db) {
  const list = BULK_TABLES.map((t) => `'${t}'`).join(', ');
  const indexes = await db.sql.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN (${list}) AND indexname NOT LIKE '%_pkey'`);
  for (const i of indexes) await db.sql.exec(`DROP INDEX "${i.indexname}"`);
  return async () => {
    for (const i of indexes) await db.sql.exec(i.indexdef);
    await db.sql.exec('ANALYZE');
    return indexes.length;
  };
}
