import { Inject, Injectable } from '@nestjs/common';
import type { CadreTier, ComplaintCategory, ComplaintKind, ComplaintStatus, DeadlineKind, DeadlineUnit } from '@sa/contracts';
import { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import type { ComplaintScope } from '../access/access.policy';
import type { ComplaintSubject } from '../access/access-rules';
import type { Db } from '../notifications/notifications.repository';
import type { DeadlineRow, DetailExtras, QueueRow } from './complaint-views';
import { toDbDate } from './deadlines';

/** The caller's data scope, from AccessPolicy.scopeFilter. */
export type Scope = ComplaintScope;

/** The queue's filters, already turned into database values by the service. */
export type QueueFilter = {
  scope: Scope;
  status?: ComplaintStatus;
  kind?: ComplaintKind;
  category?: ComplaintCategory;
  streetId?: number;
  cadreId?: number;
  /** receivedAt >= this instant */
  receivedFrom?: Date;
  /** receivedAt < this instant */
  receivedBefore?: Date;
  volunteerOnly?: boolean;
  /** true: only overdue; false: only not overdue */
  overdue?: boolean;
  /** part of the tracking number, upper case, only [A-Z0-9-] */
  trackingNo?: string;
};

export type QueuePage = {
  /** the page's rows in queue order, each with its street's name and, of its deadlines, the nearest open one */
  rows: (QueueRow & { streetName: string | null })[];
  total: number;
  overdue: number;
  dueSoon: number;
  byStatus: Partial<Record<ComplaintStatus, number>>;
};

/** One row of the page statement: the complaint, the names it shows and its nearest open deadline, flat. */
type PageRow = {
  id: number;
  trackingNo: string;
  kind: ComplaintKind;
  category: string;
  status: ComplaintStatus;
  businessName: string | null;
  receivedAt: Date;
  byVolunteer: boolean;
  supportCount: number;
  contentFlag: string | null;
  registeredName: string | null;
  streetName: string | null;
  officeId: number | null;
  officeName: string | null;
  cadreId: number | null;
  cadreName: string | null;
  cadreTier: CadreTier | null;
  cadreTitle: string | null;
  deadlineKind: DeadlineKind | null;
  startDate: string | null;
  workingDays: number | null;
  unit: DeadlineUnit | null;
  dueDate: string | null;
  metAt: Date | null;
  escalatedAt: Date | null;
};

function queueRow(r: PageRow): QueueRow & { streetName: string | null } {
  const next: DeadlineRow | null =
    r.deadlineKind === null
      ? null
      : {
          kind: r.deadlineKind,
          startDate: toDbDate(r.startDate!),
          workingDays: r.workingDays!,
          unit: r.unit!,
          dueDate: toDbDate(r.dueDate!),
          state: 'OPEN',
          metAt: r.metAt,
          escalatedAt: r.escalatedAt,
        };
  return {
    id: r.id,
    trackingNo: r.trackingNo,
    kind: r.kind,
    category: r.category,
    status: r.status,
    businessName: r.businessName,
    receivedAt: r.receivedAt,
    byVolunteer: r.byVolunteer,
    supportCount: r.supportCount,
    contentFlag: r.contentFlag,
    business: r.registeredName === null ? null : { name: r.registeredName },
    office: r.officeId === null ? null : { id: r.officeId, name: r.officeName! },
    cadre: r.cadreId === null ? null : { id: r.cadreId, name: r.cadreName!, tier: r.cadreTier!, title: r.cadreTitle! },
    deadlines: next ? [next] : [],
    streetName: r.streetName,
  };
}

function scopeSql(scope: Scope): P.Sql {
  if (scope.officeId !== undefined) return P.sql`c."officeId" = ${scope.officeId}`;
  if (scope.cadreId !== undefined) return P.sql`c."cadreId" = ${scope.cadreId}`;
  if (scope.reporterUserId !== undefined) return P.sql`c."reporterUserId" = ${scope.reporterUserId}`;
  return P.sql`TRUE`;
}

/** Scope and every filter that does not depend on the deadlines or the status. */
function baseConditions(f: QueueFilter): P.Sql[] {
  const where: P.Sql[] = [scopeSql(f.scope)];
  if (f.kind) where.push(P.sql`c."kind" = ${f.kind}::"ComplaintKind"`);
  if (f.category) where.push(P.sql`c."category" = ${f.category}`);
  if (f.streetId !== undefined) where.push(P.sql`c."streetId" = ${f.streetId}`);
  if (f.cadreId !== undefined) where.push(P.sql`c."cadreId" = ${f.cadreId}`);
  if (f.receivedFrom) where.push(P.sql`c."receivedAt" >= ${f.receivedFrom}`);
  if (f.receivedBefore) where.push(P.sql`c."receivedAt" < ${f.receivedBefore}`);
  if (f.volunteerOnly) where.push(P.sql`c."byVolunteer" = TRUE`);
  // The contract allows only letters, digits and '-', so the pattern holds no LIKE wildcards of its own.
  if (f.trackingNo) where.push(P.sql`upper(c."trackingNo") LIKE ${`%${f.trackingNo}%`}`);
  return where;
}

/** Queue and detail queries for the workbench: a fixed number of queries whatever the page length. */
@Injectable()
export class WorkbenchRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * One page (overdue first, then the nearest open deadline, then most 附议) with everything its rows show, and
   * the counts: two statements whatever the page length.
   */
  async queue(f: QueueFilter, at: { today: Date; dueSoonBefore: Date; limit: number; offset: number }): Promise<QueuePage> {
    const where = baseConditions(f);
    const byStatusWhere = P.join(where, ' AND ');
    where.push(f.status ? P.sql`c."status" = ${f.status}::"ComplaintStatus"` : P.sql`c."status" <> 'CLOSED'`);
    const overdue = P.sql`(nd."dueDate" IS NOT NULL AND nd."dueDate" < ${at.today}::date)`;
    if (f.overdue === true) where.push(overdue);
    if (f.overdue === false) where.push(P.sql`NOT ${overdue}`);
    // Each complaint's nearest open deadline: what the queue is ordered and counted by, and what its row shows.
    const listed = P.sql`
      FROM "Complaint" c
      LEFT JOIN LATERAL (
        SELECT d."kind", d."startDate", d."workingDays", d."unit", d."dueDate", d."metAt", d."escalatedAt"
        FROM "Deadline" d WHERE d."complaintId" = c.id AND d."state" = 'OPEN'
        ORDER BY d."dueDate", d.id LIMIT 1
      ) nd ON TRUE`;
    const [rows, [counts]] = await Promise.all([
      this.prisma.$queryRaw<PageRow[]>`
        SELECT c.id, c."trackingNo", c."kind"::text AS kind, c."category", c."status"::text AS status, c."businessName",
               c."receivedAt", c."byVolunteer", c."supportCount", c."contentFlag",
               b."name" AS "registeredName", s."name" AS "streetName",
               o.id AS "officeId", o."name" AS "officeName",
               k.id AS "cadreId", k."name" AS "cadreName", k."tier"::text AS "cadreTier", k."title" AS "cadreTitle",
               nd."kind"::text AS "deadlineKind", to_char(nd."startDate", 'YYYY-MM-DD') AS "startDate", nd."workingDays",
               nd."unit"::text AS unit, to_char(nd."dueDate", 'YYYY-MM-DD') AS "dueDate", nd."metAt", nd."escalatedAt"
        ${listed}
        LEFT JOIN "Business" b ON b.id = c."businessId"
        LEFT JOIN "Street" s ON s.id = c."streetId"
        LEFT JOIN "Office" o ON o.id = c."officeId"
        LEFT JOIN "Cadre" k ON k.id = c."cadreId"
        WHERE ${P.join(where, ' AND ')}
        ORDER BY ${overdue} DESC, nd."dueDate" ASC NULLS LAST, c."supportCount" DESC, c.id ASC
        LIMIT ${at.limit} OFFSET ${at.offset}`,
      // The status tabs count every status within scope and the other filters, so a tab shows what choosing it lists.
      this.prisma.$queryRaw<{ total: number; overdue: number; dueSoon: number; byStatus: Partial<Record<ComplaintStatus, number>> }[]>`
        SELECT l.total, l.overdue, l."dueSoon",
               (SELECT COALESCE(json_object_agg(t.status, t.n), '{}'::json)
                FROM (SELECT c."status"::text AS status, COUNT(*)::int AS n FROM "Complaint" c WHERE ${byStatusWhere} GROUP BY c."status") t) AS "byStatus"
        FROM (
          SELECT COUNT(*)::int AS total,
                 (COUNT(*) FILTER (WHERE ${overdue}))::int AS overdue,
                 (COUNT(*) FILTER (WHERE nd."dueDate" >= ${at.today}::date AND nd."dueDate" < ${at.dueSoonBefore}::date))::int AS "dueSoon"
          ${listed}
          WHERE ${P.join(where, ' AND ')}
        ) l`,
    ]);
    return {
      rows: rows.map(queueRow),
      total: counts?.total ?? 0,
      overdue: counts?.overdue ?? 0,
      dueSoon: counts?.dueSoon ?? 0,
      byStatus: counts?.byStatus ?? {},
    };
  }

  /** Names, the linked half, follow-ups and the penalty decision of one complaint. */
  async detailExtras(c: {
    id: number;
    streetId: number | null;
    communityId: number | null;
    linkedComplaintId: number | null;
    events: { actorUserId: number | null }[];
  }): Promise<Omit<DetailExtras, 'linked'> & { linked: (NonNullable<DetailExtras['linked']> & ComplaintSubject) | null }> {
    const actorIds = [...new Set(c.events.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId])))];
    const [street, community, linked, followUps, penaltyDecision, actors] = await Promise.all([
      c.streetId === null ? null : this.prisma.street.findUnique({ where: { id: c.streetId }, select: { id: true, name: true } }),
      c.communityId === null ? null : this.prisma.community.findUnique({ where: { id: c.communityId }, select: { id: true, name: true } }),
      c.linkedComplaintId === null
        ? null
        : this.prisma.complaint.findUnique({
            where: { id: c.linkedComplaintId },
            select: { id: true, trackingNo: true, kind: true, status: true, officeId: true, cadreId: true, reporterUserId: true },
          }),
      this.prisma.followUp.findMany({
        where: { complaintId: c.id },
        orderBy: { id: 'asc' },
        select: { id: true, kind: true, note: true, createdAt: true, cadreId: true, contentFlag: true, photos: { orderBy: { position: 'asc' }, select: { uploadId: true } } },
      }),
      this.prisma.penaltyDecision.findUnique({
        where: { complaintId: c.id },
        select: {
          id: true,
          type: true,
          decisionNo: true,
          partyKind: true,
          partyName: true,
          partyCreditCode: true,
          partyIdNoEnc: true,
          violationType: true,
          legalBasis: true,
          penaltyContent: true,
          penaltyKinds: true,
          fineAmount: true,
          confiscationAmount: true,
          authority: true,
          decisionDate: true,
          recordedAt: true,
        },
      }),
      actorIds.length > 0 ? this.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : [],
    ]);
    const cadreIds = [...new Set(followUps.map((f) => f.cadreId))];
    const cadres = cadreIds.length > 0 ? await this.prisma.cadre.findMany({ where: { id: { in: cadreIds } }, select: { id: true, name: true, tier: true, title: true } }) : [];
    const cadreById = new Map(cadres.map((k) => [k.id, k]));
    return {
      street,
      community,
      linked,
      followUps: followUps.flatMap((f) => {
        const cadre = cadreById.get(f.cadreId);
        return cadre ? [{ ...f, cadre }] : [];
      }),
      penaltyDecision,
      actorNames: new Map(actors.map((a) => [a.id, a.displayName])),
    };
  }

  /**
   * Re-routes in one transaction with its routing decision and audit entry; `notify` writes the inbox notices
   * of the new office and cadre in the same transaction, keyed by the audit entry.
   */
  reroute(
    complaintId: number,
    args: { officeId: number; cadreId: number | null; reason: string; userId: number; actorRole: string; status: ComplaintStatus },
    notify: (tx: Db, eventId: number) => Promise<unknown>,
  ) {
    return this.prisma.$transaction(async (tx) => {
      await tx.complaint.update({ where: { id: complaintId }, data: { officeId: args.officeId, cadreId: args.cadreId } });
      await tx.routingDecision.create({
        data: { complaintId, officeId: args.officeId, cadreId: args.cadreId, rule: 'MANUAL', reason: args.reason, decidedBy: args.userId },
      });
      const event = await tx.complaintEvent.create({
        data: {
          complaintId,
          actorUserId: args.userId,
          actorRole: args.actorRole,
          action: 'reroute',
          fromStatus: args.status,
          toStatus: args.status,
          reason: args.reason,
          payload: { officeId: args.officeId, cadreId: args.cadreId },
        },
        select: { id: true },
      });
      await notify(tx, event.id);
    });
  }

  findOffice(id: number) {
    return this.prisma.office.findUnique({ where: { id }, select: { id: true, name: true } });
  }

  findCadre(id: number) {
    return this.prisma.cadre.findUnique({ where: { id }, select: { id: true, active: true } });
  }

  logContactViewed(complaintId: number, userId: number, status: ComplaintStatus) {
    return this.prisma.complaintEvent.create({
      data: { complaintId, actorUserId: userId, actorRole: 'OFFICE_STAFF', action: 'viewContact', fromStatus: status, toStatus: status, reason: '回访联系举报人' },
    });
  }

  listTemplates() {
    return this.prisma.replyTemplate.findMany({ orderBy: { outcome: 'asc' } });
  }

  upsertTemplate(outcome: P.ReplyTemplateCreateInput['outcome'], body: string, userId: number) {
    return this.prisma.replyTemplate.upsert({ where: { outcome }, create: { outcome, body, updatedBy: userId }, update: { body, updatedBy: userId } });
  }
}
