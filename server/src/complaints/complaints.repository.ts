import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintKind, ComplaintStatus, ContentFlag, DeadlineKind, DeadlineState, DeadlineUnit, Role } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { attachableUploads } from '../uploads/attachable';
import type { RoutingDecision } from '../routing/routing';
import type { PlannedDeadline } from './deadlines';

export const complaintInclude = {
  office: { select: { id: true, name: true, phone: true } },
  cadre: { select: { id: true, name: true, tier: true, title: true } },
  business: { select: { id: true, name: true, licenceNo: true, address: true, grade: true } },
  deadlines: { orderBy: { id: 'asc' } },
  events: { orderBy: { id: 'asc' } },
  routings: { orderBy: { id: 'asc' } },
  photos: { orderBy: { position: 'asc' }, select: { uploadId: true, upload: { select: { checkState: true } } } },
  penaltyDecision: true,
} as const satisfies P.ComplaintInclude;

export type ComplaintRecord = P.ComplaintGetPayload<{ include: typeof complaintInclude }>;

/** What a receipt and the first notices need: fewer relations than the full record, read on every submission. */
export const receiptInclude = {
  office: complaintInclude.office,
  business: complaintInclude.business,
  deadlines: complaintInclude.deadlines,
} as const satisfies P.ComplaintInclude;
export type ComplaintReceiptRecord = P.ComplaintGetPayload<{ include: typeof receiptInclude }>;

export type NewComplaint = {
  kind: ComplaintKind;
  category: string;
  businessId: number | null;
  businessName: string | null;
  businessAddress: string | null;
  streetId: number | null;
  communityId: number | null;
  lat: number | null;
  lng: number | null;
  description: string;
  anonymous: boolean;
  reporterUserId: number | null;
  reporterName: string | null;
  reporterPhoneEnc: string | null;
  reporterPhoneMasked: string | null;
  reporterAddressEnc: string | null;
  byVolunteer: boolean;
  idempotencyKey: string;
  /** keyed hash of the whole submission, which a replay under the same key must match */
  requestHash?: string | null;
  photoIds: string[];
  /** content-safety flag from the checks before saving */
  contentFlag: ContentFlag | null;
  routing: RoutingDecision;
  deadlines: PlannedDeadline[];
  /** the notice to the handling office's staff and the cadre, written with the complaint (none: nobody is told here) */
  notice?: { kind: string; title: string; body: string };
};

/**
 * A case opened by staff rather than by a resident (an unqualified 抽检 batch): its origin, who recorded it (the
 * submit event's actor), and further writes that belong in the same transaction.
 */
export type SubmissionOptions = {
  origin?: 'PUBLIC' | 'SAMPLING';
  actor?: { userId: number; role: Role };
  /** the Open311 partner that passed the report on (e.g. 12345热线): kept on the complaint and named in its trail */
  channel?: string;
  alsoInTransaction?: (tx: P.TransactionClient, ids: number[]) => Promise<void>;
};

/** The only place that queries complaints and their trail. */
@Injectable()
export class ComplaintsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  findById(id: number) {
    return this.prisma.complaint.findUnique({ where: { id }, include: complaintInclude });
  }

  findForReceipt(id: number) {
    return this.prisma.complaint.findUnique({ where: { id }, include: receiptInclude });
  }

  /** Only whether a key was used: the common case on submission is that it was not. */
  findIdByIdempotencyKey(key: string) {
    return this.prisma.complaint.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
  }

  findByTrackingNo(trackingNo: string) {
    return this.prisma.complaint.findUnique({ where: { trackingNo }, include: complaintInclude });
  }

  /** The business with the office of its street and its current 包保 cadre. */
  findBusinessForRouting(id: number) {
    return this.prisma.business.findUnique({
      where: { id },
      select: {
        id: true,
        name: true,
        address: true,
        streetId: true,
        communityId: true,
        lat: true,
        lng: true,
        street: { select: { id: true, name: true, office: { select: { id: true, name: true } } } },
        community: { select: { id: true, name: true } },
        assignments: { where: { endedAt: null }, select: { cadre: { select: { id: true, name: true, active: true } } }, take: 1 },
      },
    });
  }

  findStreetForRouting(streetId: number) {
    return this.prisma.street.findUnique({ where: { id: streetId }, select: { id: true, name: true, office: { select: { id: true, name: true } } } });
  }

  /** The community with its first active community-tier cadre. */
  findCommunityForRouting(communityId: number) {
    return this.prisma.community.findUnique({
      where: { id: communityId },
      select: {
        id: true,
        name: true,
        streetId: true,
        cadres: { where: { tier: 'COMMUNITY', active: true }, select: { id: true, name: true }, orderBy: { id: 'asc' }, take: 1 },
      },
    });
  }

  /** How many of these uploads the person may attach (see attachableUploads). */
  countAttachableUploads(ids: readonly string[], uploaderUserId: number | null | undefined) {
    return this.prisma.upload.count({ where: attachableUploads(ids, uploaderUserId) });
  }

  /**
   * Everything a submission needs to know before it is written, in one statement: a complaint already filed under
   * the idempotency key (with its linked half, as receipts), how many of the photos this person may attach (the rule
   * of attachableUploads, in SQL), the photos' content-check states, the user's openid, and the place to route to:
   * the registry business with its street's office and current 包保 cadre, or the street with its office and the
   * community with its first active community cadre.
   */
  async submissionContext(q: {
    idempotencyKey: string;
    photoIds: readonly string[];
    userId: number | null;
    businessId: number | null;
    streetId: number | null;
    communityId: number | null;
  }): Promise<SubmissionContext> {
    const rows = await this.prisma.$queryRawUnsafe<{ ctx: SubmissionContext | string }[]>(
      SUBMISSION_CONTEXT_SQL,
      q.idempotencyKey,
      JSON.stringify(q.photoIds),
      q.userId,
      q.businessId,
      q.streetId,
      q.communityId,
    );
    const ctx = rows[0]!.ctx;
    return typeof ctx === 'string' ? (JSON.parse(ctx) as SubmissionContext) : ctx;
  }

  /**
   * Writes one submission (two linked records for 投诉+举报) in a single statement, which is its own transaction:
   * the day's tracking numbers, the complaints, their routing, deadlines, photos, submit events and the notices to
   * the handling office's staff and the cadre. An acknowledged submission is whole and committed before the reply,
   * and costs one round trip. With `alsoInTransaction` (a case opened by staff) it runs in a transaction with them.
   */
  async fileSubmission(records: NewComplaint[], receivedAt: Date, receivedDay: string, opts: SubmissionOptions = {}): Promise<WrittenComplaint[]> {
    const write = (db: Pick<Prisma, '$queryRawUnsafe'>) =>
      db.$queryRawUnsafe<WrittenComplaint[]>(
        SUBMISSION_WRITE_SQL,
        JSON.stringify(records.map((r, idx) => submissionRow(r, idx, opts))),
        receivedDay,
        records.length,
        receivedAt.toISOString(),
        opts.origin ?? 'PUBLIC',
        opts.channel ?? null,
      );
    const alsoInTransaction = opts.alsoInTransaction;
    if (!alsoInTransaction) return write(this.prisma);
    return this.prisma.$transaction(async (tx) => {
      const written = await write(tx);
      await alsoInTransaction(
        tx,
        written.map((w) => w.id),
      );
      return written;
    });
  }

  /** As fileSubmission, answering the new complaints' ids in the order of `records`. */
  async createSubmission(records: NewComplaint[], receivedAt: Date, receivedDay: string, opts: SubmissionOptions = {}): Promise<number[]> {
    return (await this.fileSubmission(records, receivedAt, receivedDay, opts)).map((w) => w.id);
  }

  /** Open complaints about a business, or with coordinates within `metres`, received since `since`. */
  async findSimilar(args: { businessId?: number; lat?: number; lng?: number; metres: number; since: Date; openStatuses: readonly ComplaintStatus[] }) {
    const { businessId, lat, lng, metres, since, openStatuses } = args;
    const statuses = [...openStatuses];
    if (businessId !== undefined) {
      const rows = await this.prisma.complaint.findMany({
        where: { businessId, receivedAt: { gte: since }, status: { in: statuses } },
        orderBy: { receivedAt: 'desc' },
        take: 20,
        include: { business: { select: { name: true } } },
      });
      return rows.map((r) => ({ ...r, distanceMetres: null as number | null }));
    }
    // Bounding box first (index-friendly), then the exact great-circle distance.
    const dLat = metres / 111_320;
    const dLng = metres / (111_320 * Math.cos(((lat ?? 0) * Math.PI) / 180));
    const rows = await this.prisma.complaint.findMany({
      where: {
        receivedAt: { gte: since },
        status: { in: statuses },
        lat: { gte: lat! - dLat, lte: lat! + dLat },
        lng: { gte: lng! - dLng, lte: lng! + dLng },
      },
      orderBy: { receivedAt: 'desc' },
      take: 50,
      include: { business: { select: { name: true } } },
    });
    return rows
      .map((r) => ({ ...r, distanceMetres: Math.round(haversineMetres(lat!, lng!, r.lat!, r.lng!)) as number | null }))
      .filter((r) => r.distanceMetres! <= metres)
      .slice(0, 20);
  }

  /** 附议: one per user; counted on the complaint for priority. */
  async addSupport(complaintId: number, userId: number): Promise<number | null> {
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.complaintSupport.findUnique({ where: { complaintId_userId: { complaintId, userId } } });
      if (existing) return null;
      await tx.complaintSupport.create({ data: { complaintId, userId } });
      const updated = await tx.complaint.update({ where: { id: complaintId }, data: { supportCount: { increment: 1 } } });
      return updated.supportCount;
    });
  }

  /** 我的: the user's own reports and those they added 附议 to, newest first; `supports` holds only this user's. */
  listForReporter(userId: number, take: number, skip: number) {
    const where = { OR: [{ reporterUserId: userId }, { supports: { some: { userId } } }] };
    return this.prisma.$transaction([
      this.prisma.complaint.findMany({
        where,
        orderBy: { id: 'desc' },
        take,
        skip,
        include: { ...complaintInclude, supports: { where: { userId }, select: { createdAt: true } } },
      }),
      this.prisma.complaint.count({ where }),
    ]);
  }

  /** Which of `complaintIds` this user has added 附议 to. */
  async supportedBy(userId: number, complaintIds: number[]): Promise<Set<number>> {
    if (complaintIds.length === 0) return new Set();
    const rows = await this.prisma.complaintSupport.findMany({ where: { userId, complaintId: { in: complaintIds } }, select: { complaintId: true } });
    return new Set(rows.map((r) => r.complaintId));
  }

  /** Street and community names for the reporter's view (the complaint keeps only their ids). */
  async areaNames(streetIds: number[], communityIds: number[]) {
    const [streets, communities] = await Promise.all([
      streetIds.length ? this.prisma.street.findMany({ where: { id: { in: streetIds } }, select: { id: true, name: true } }) : [],
      communityIds.length ? this.prisma.community.findMany({ where: { id: { in: communityIds } }, select: { id: true, name: true } }) : [],
    ]);
    return { streets: new Map(streets.map((s) => [s.id, s.name])), communities: new Map(communities.map((c) => [c.id, c.name])) };
  }

  deadlinesFor(complaintId: number, kinds: DeadlineKind[]) {
    return this.prisma.deadline.findMany({ where: { complaintId, kind: { in: kinds } } });
  }
}

export function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(toRad(lat2 - lat1) / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(toRad(lng2 - lng1) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

/** In a notice's title or body: replaced by the complaint's tracking number, which is drawn in the write itself. */
export const TRACKING_NO_PLACEHOLDER = '{{trackingNo}}';

export type WrittenComplaint = { idx: number; id: number; trackingNo: string };

/** A receipt as the context statement returns it (dates as YYYY-MM-DD). */
export type StoredReceipt = {
  id: number;
  trackingNo: string;
  kind: ComplaintKind;
  status: ComplaintStatus;
  idempotencyKey: string | null;
  requestHash: string | null;
  reporterUserId: number | null;
  description: string;
  linkedComplaintId: number | null;
  office: { id: number; name: string } | null;
  /** what the receipt shows, and what tells whether each limit is provisional */
  deadlines: { kind: DeadlineKind; startDate: string; unit: DeadlineUnit; dueDate: string; state: DeadlineState }[];
};

type Named = { id: number; name: string };
export type SubmissionContext = {
  existing: { self: StoredReceipt; linked: StoredReceipt | null } | null;
  attachable: number;
  photos: { id: string; checkState: string | null }[];
  openid: string | null;
  business:
    | (Named & { address: string; streetId: number; communityId: number; lat: number | null; lng: number | null; street: Named; office: Named; cadre: (Named & { active: boolean }) | null })
    | null;
  street: (Named & { office: Named }) | null;
  community: (Named & { streetId: number; cadre: Named | null }) | null;
};

function submissionRow(r: NewComplaint, idx: number, opts: SubmissionOptions) {
  return {
    idx,
    kind: r.kind,
    category: r.category,
    businessId: r.businessId,
    businessName: r.businessName,
    businessAddress: r.businessAddress,
    streetId: r.streetId,
    communityId: r.communityId,
    lat: r.lat,
    lng: r.lng,
    description: r.description,
    contentFlag: r.contentFlag,
    anonymous: r.anonymous,
    reporterUserId: r.reporterUserId,
    reporterName: r.reporterName,
    reporterPhoneEnc: r.reporterPhoneEnc,
    reporterPhoneMasked: r.reporterPhoneMasked,
    reporterAddressEnc: r.reporterAddressEnc,
    byVolunteer: r.byVolunteer,
    idempotencyKey: idx === 0 ? r.idempotencyKey : `${r.idempotencyKey}#${idx + 1}`,
    requestHash: r.requestHash ?? null,
    officeId: r.routing.officeId,
    cadreId: r.routing.cadreId,
    transferTo: r.routing.transferTo,
    rule: r.routing.rule,
    reason: r.routing.reason,
    deadlines: r.deadlines.map((d) => ({ kind: d.kind, startDate: d.startDate, workingDays: d.workingDays, unit: d.unit, dueDate: d.dueDate })),
    photos: r.photoIds,
    actorUserId: opts.actor?.userId ?? r.reporterUserId,
    actorRole: opts.actor?.role ?? (opts.channel ? 'PARTNER' : r.reporterUserId ? 'REPORTER' : 'ANONYMOUS'),
    eventReason: opts.channel ? `经${opts.channel}转来（Open311 接口）` : null,
    eventPayload: {
      routing: r.routing.rule,
      deadlines: r.deadlines.map((d) => ({ kind: d.kind, dueDate: d.dueDate })),
      ...(opts.channel ? { channel: opts.channel } : {}),
    },
    noticeKind: r.notice?.kind ?? null,
    noticeTitle: r.notice?.title ?? null,
    noticeBody: r.notice?.body ?? null,
  };
}

const RECEIPT_JSON = (c: string) => `json_build_object(
  'id', ${c}.id, 'trackingNo', ${c}."trackingNo", 'kind', ${c}.kind, 'status', ${c}.status, 'idempotencyKey', ${c}."idempotencyKey",
  'requestHash', ${c}."requestHash", 'reporterUserId', ${c}."reporterUserId", 'description', ${c}.description,
  'linkedComplaintId', ${c}."linkedComplaintId",
  'office', (SELECT json_build_object('id', o.id, 'name', o.name) FROM "Office" o WHERE o.id = ${c}."officeId"),
  'deadlines', COALESCE((SELECT json_agg(json_build_object(
    'kind', d.kind, 'startDate', to_char(d."startDate", 'YYYY-MM-DD'), 'unit', d.unit, 'dueDate', to_char(d."dueDate", 'YYYY-MM-DD'), 'state', d.state
  ) ORDER BY d.id) FROM "Deadline" d WHERE d."complaintId" = ${c}.id), '[]'::json))`;

// $1 idempotency key, $2 photo ids (JSON array), $3 user id, $4 business id, $5 street id, $6 community id.
const SUBMISSION_CONTEXT_SQL = `
SELECT json_build_object(
  'existing', (SELECT json_build_object('self', ${RECEIPT_JSON('c')}, 'linked', (SELECT ${RECEIPT_JSON('l')} FROM "Complaint" l WHERE l.id = c."linkedComplaintId"))
               FROM "Complaint" c WHERE c."idempotencyKey" = $1),
  'attachable', (SELECT count(*) FROM "Upload" u
                 WHERE u.id IN (SELECT jsonb_array_elements_text($2::jsonb))
                   AND (u."uploaderUserId" IS NULL OR u."uploaderUserId" = $3::int)
                   AND NOT EXISTS (SELECT 1 FROM "ComplaintPhoto" p WHERE p."uploadId" = u.id)
                   AND NOT EXISTS (SELECT 1 FROM "FollowUpPhoto" p WHERE p."uploadId" = u.id)
                   AND NOT EXISTS (SELECT 1 FROM "ArticleImage" p WHERE p."uploadId" = u.id)),
  'photos', COALESCE((SELECT json_agg(json_build_object('id', u.id, 'checkState', u."checkState")) FROM "Upload" u
                      WHERE u.id IN (SELECT jsonb_array_elements_text($2::jsonb))), '[]'::json),
  'openid', (SELECT u.openid FROM "User" u WHERE u.id = $3::int),
  'business', (SELECT json_build_object(
                 'id', b.id, 'name', b.name, 'address', b.address, 'streetId', b."streetId", 'communityId', b."communityId", 'lat', b.lat, 'lng', b.lng,
                 'street', json_build_object('id', s.id, 'name', s.name), 'office', json_build_object('id', o.id, 'name', o.name),
                 'cadre', (SELECT json_build_object('id', cd.id, 'name', cd.name, 'active', cd.active) FROM "Assignment" a JOIN "Cadre" cd ON cd.id = a."cadreId"
                           WHERE a."businessId" = b.id AND a."endedAt" IS NULL ORDER BY a.id LIMIT 1))
               FROM "Business" b JOIN "Street" s ON s.id = b."streetId" JOIN "Office" o ON o.id = s."officeId" WHERE b.id = $4::int),
  'street', (SELECT json_build_object('id', s.id, 'name', s.name, 'office', json_build_object('id', o.id, 'name', o.name))
             FROM "Street" s JOIN "Office" o ON o.id = s."officeId" WHERE s.id = $5::int),
  'community', (SELECT json_build_object('id', m.id, 'name', m.name, 'streetId', m."streetId",
                  'cadre', (SELECT json_build_object('id', cd.id, 'name', cd.name) FROM "Cadre" cd
                            WHERE cd."communityId" = m.id AND cd.tier = 'COMMUNITY' AND cd.active ORDER BY cd.id LIMIT 1))
                FROM "Community" m WHERE m.id = $6::int)
) AS ctx`;

// $1 the records (JSON), $2 the Shanghai day, $3 how many records, $4 received at (ISO), $5 origin, $6 channel.
// Data-modifying CTEs all run once, in one snapshot; foreign keys are checked at the end of the statement, when the
// complaints they point to exist. Ids are drawn first so the two halves of a 投诉+举报 can name each other.
const SUBMISSION_WRITE_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
    idx int, kind text, category text, "businessId" int, "businessName" text, "businessAddress" text, "streetId" int, "communityId" int,
    lat float8, lng float8, description text, "contentFlag" text, anonymous boolean, "reporterUserId" int, "reporterName" text,
    "reporterPhoneEnc" text, "reporterPhoneMasked" text, "reporterAddressEnc" text, "byVolunteer" boolean, "idempotencyKey" text,
    "requestHash" text, "officeId" int, "cadreId" int, "transferTo" text, rule text, reason text, deadlines jsonb, photos jsonb,
    "actorUserId" int, "actorRole" text, "eventReason" text, "eventPayload" jsonb, "noticeKind" text, "noticeTitle" text, "noticeBody" text)
),
seq AS (
  INSERT INTO "TrackingSequence" (day, last) VALUES ($2, $3::int)
  ON CONFLICT (day) DO UPDATE SET last = "TrackingSequence".last + EXCLUDED.last
  RETURNING last
),
numbered AS MATERIALIZED (
  SELECT input.*, nextval(pg_get_serial_sequence('"Complaint"', 'id'))::int AS id,
         ((SELECT last FROM seq) - $3::int + 1 + idx)::text AS seqno
  FROM input
),
written AS MATERIALIZED (
  SELECT n.*, 'SA' || replace($2, '-', '') || '-' || CASE WHEN length(n.seqno) >= 6 THEN n.seqno ELSE lpad(n.seqno, 6, '0') END AS "trackingNo",
         (SELECT o.id FROM numbered o WHERE o.idx <> n.idx) AS "linkedComplaintId"
  FROM numbered n
),
complaints AS (
  INSERT INTO "Complaint" (id, "trackingNo", kind, category, "businessId", "businessName", "businessAddress", "streetId", "communityId", lat, lng,
                           description, "contentFlag", anonymous, "reporterUserId", "reporterName", "reporterPhoneEnc", "reporterPhoneMasked",
                           "reporterAddressEnc", "byVolunteer", "idempotencyKey", "requestHash", "officeId", "cadreId", "transferTo",
                           "linkedComplaintId", "receivedAt", origin, channel, "updatedAt")
  SELECT id, "trackingNo", kind::"ComplaintKind", category, "businessId", "businessName", "businessAddress", "streetId", "communityId", lat, lng,
         description, "contentFlag", anonymous, "reporterUserId", "reporterName", "reporterPhoneEnc", "reporterPhoneMasked",
         "reporterAddressEnc", "byVolunteer", "idempotencyKey", "requestHash", "officeId", "cadreId", "transferTo",
         "linkedComplaintId", $4::timestamptz AT TIME ZONE 'UTC', $5::"ComplaintOrigin", $6, $4::timestamptz AT TIME ZONE 'UTC'
  FROM written
),
routings AS (
  INSERT INTO "RoutingDecision" ("complaintId", "officeId", "cadreId", "transferTo", rule, reason)
  SELECT id, "officeId", "cadreId", "transferTo", rule, reason FROM written
),
deadlines AS (
  INSERT INTO "Deadline" ("complaintId", kind, "startDate", "workingDays", unit, "dueDate")
  SELECT w.id, (d.v->>'kind')::"DeadlineKind", (d.v->>'startDate')::date, (d.v->>'workingDays')::int, (d.v->>'unit')::"DeadlineUnit", (d.v->>'dueDate')::date
  FROM written w, jsonb_array_elements(w.deadlines) WITH ORDINALITY AS d(v, ord)
  ORDER BY w.idx, d.ord
),
photos AS (
  INSERT INTO "ComplaintPhoto" ("complaintId", "uploadId", position)
  SELECT w.id, p.upload, (p.ord - 1)::int FROM written w, jsonb_array_elements_text(w.photos) WITH ORDINALITY AS p(upload, ord)
),
events AS (
  INSERT INTO "ComplaintEvent" ("complaintId", at, "actorUserId", "actorRole", action, "toStatus", reason, payload)
  SELECT id, $4::timestamptz AT TIME ZONE 'UTC', "actorUserId", "actorRole", 'submit', 'SUBMITTED', "eventReason", "eventPayload" FROM written ORDER BY idx
),
notices AS (
  INSERT INTO "Notification" ("userId", kind, title, body, "complaintId", "dedupeKey")
  SELECT u.id, w."noticeKind", replace(w."noticeTitle", '${TRACKING_NO_PLACEHOLDER}', w."trackingNo"), replace(w."noticeBody", '${TRACKING_NO_PLACEHOLDER}', w."trackingNo"),
         w.id, 'complaint:' || w.id || ':received:user:' || u.id
  FROM written w JOIN "User" u ON NOT u.disabled
    AND ((w."cadreId" IS NOT NULL AND u."cadreId" = w."cadreId") OR (w."officeId" IS NOT NULL AND u."officeId" = w."officeId" AND u.role = 'OFFICE_STAFF'))
  WHERE w."noticeKind" IS NOT NULL
  ON CONFLICT DO NOTHING
)
SELECT idx, id, "trackingNo" FROM written ORDER BY idx`;
