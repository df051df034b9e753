import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintKind, ComplaintStatus, ContentFlag, DeadlineKind, Role } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { attachableUploads } from '../uploads/attachable';
import type { RoutingDecision } from '../routing/routing';
import { toDbDate, type PlannedDeadline } from './deadlines';
import { formatTrackingNo } from './tracking';

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
   * Creates the records of one submission (two for 投诉+举报) in one transaction, so an acknowledged
   * submission is whole and committed before the reply.
   */
  async createSubmission(records: NewComplaint[], receivedAt: Date, receivedDay: string, opts: SubmissionOptions = {}): Promise<number[]> {
    // Numbers are drawn before the transaction: the day's counter row is then locked for one statement,
    // not for the whole insert, so concurrent submissions do not queue behind each other. A failed insert
    // leaves a gap in the day's numbers, which is harmless.
    const trackingNos: string[] = [];
    for (let i = 0; i < records.length; i++) {
      const seq = await this.prisma.trackingSequence.upsert({
        where: { day: receivedDay },
        create: { day: receivedDay, last: 1 },
        update: { last: { increment: 1 } },
      });
      trackingNos.push(formatTrackingNo(receivedDay, seq.last));
    }
    return this.prisma.$transaction(async (tx) => {
      const ids: number[] = [];
      for (const [index, r] of records.entries()) {
        const trackingNo = trackingNos[index]!;
        const created = await tx.complaint.create({
          data: {
            trackingNo,
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
            idempotencyKey: index === 0 ? r.idempotencyKey : `${r.idempotencyKey}#${index + 1}`,
            requestHash: r.requestHash ?? null,
            officeId: r.routing.officeId,
            cadreId: r.routing.cadreId,
            transferTo: r.routing.transferTo,
            linkedComplaintId: ids[0] ?? null,
            receivedAt,
            origin: opts.origin ?? 'PUBLIC',
            channel: opts.channel ?? null,
          },
        });
        ids.push(created.id);
        await tx.routingDecision.create({
          data: {
            complaintId: created.id,
            officeId: r.routing.officeId,
            cadreId: r.routing.cadreId,
            transferTo: r.routing.transferTo,
            rule: r.routing.rule,
            reason: r.routing.reason,
          },
        });
        if (r.deadlines.length > 0) {
          await tx.deadline.createMany({
            data: r.deadlines.map((d) => ({
              complaintId: created.id,
              kind: d.kind,
              startDate: toDbDate(d.startDate),
              workingDays: d.workingDays,
              dueDate: toDbDate(d.dueDate),
            })),
          });
        }
        if (r.photoIds.length > 0) {
          await tx.complaintPhoto.createMany({ data: r.photoIds.map((uploadId, position) => ({ complaintId: created.id, uploadId, position })) });
        }
        await tx.complaintEvent.create({
          data: {
            complaintId: created.id,
            at: receivedAt,
            actorUserId: opts.actor?.userId ?? r.reporterUserId,
            actorRole: opts.actor?.role ?? (opts.channel ? 'PARTNER' : r.reporterUserId ? 'REPORTER' : 'ANONYMOUS'),
            action: 'submit',
            toStatus: 'SUBMITTED',
            reason: opts.channel ? `经${opts.channel}转来（Open311 接口）` : null,
            payload: {
              routing: r.routing.rule,
              deadlines: r.deadlines.map((d) => ({ kind: d.kind, dueDate: d.dueDate })),
              ...(opts.channel ? { channel: opts.channel } : {}),
            },
          },
        });
      }
      if (ids.length === 2) await tx.complaint.update({ where: { id: ids[0]! }, data: { linkedComplaintId: ids[1]! } });
      if (opts.alsoInTransaction) await opts.alsoInTransaction(tx, ids);
      return ids;
    });
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
