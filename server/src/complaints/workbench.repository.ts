import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintStatus } from '@sa/contracts';
import { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';

export type Scope = { officeId: number } | { cadreId: number } | { all: true };

function scopeSql(scope: Scope): P.Sql {
  if ('officeId' in scope) return P.sql`c."officeId" = ${scope.officeId}`;
  if ('cadreId' in scope) return P.sql`c."cadreId" = ${scope.cadreId}`;
  return P.sql`TRUE`;
}

/** Queue queries for the workbench: overdue first, then the nearest open deadline, then most supported. */
@Injectable()
export class WorkbenchRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async queue(args: { scope: Scope; status?: ComplaintStatus; overdueOnly?: boolean; today: Date; limit: number; offset: number }) {
    const { scope, status, overdueOnly, today, limit, offset } = args;
    const filters: P.Sql[] = [scopeSql(scope)];
    if (status) filters.push(P.sql`c."status" = ${status}::"ComplaintStatus"`);
    else filters.push(P.sql`c."status" NOT IN ('CLOSED')`);
    const base = P.sql`
      FROM "Complaint" c
      LEFT JOIN LATERAL (
        SELECT MIN(d."dueDate") AS "nextDue" FROM "Deadline" d WHERE d."complaintId" = c.id AND d."state" = 'OPEN'
      ) nd ON TRUE
      WHERE ${P.join(filters, ' AND ')} ${overdueOnly ? P.sql`AND nd."nextDue" < ${today}::date` : P.empty}`;
    const rows = await this.prisma.$queryRaw<{ id: number }[]>`
      SELECT c.id ${base}
      ORDER BY (nd."nextDue" IS NOT NULL AND nd."nextDue" < ${today}::date) DESC, nd."nextDue" ASC NULLS LAST, c."supportCount" DESC, c.id ASC
      LIMIT ${limit} OFFSET ${offset}`;
    const counts = await this.prisma.$queryRaw<{ total: bigint; overdue: bigint }[]>`
      SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE nd."nextDue" < ${today}::date) AS overdue ${base}`;
    const byStatus = await this.prisma.$queryRaw<{ status: ComplaintStatus; n: bigint }[]>`
      SELECT c."status" AS status, COUNT(*) AS n FROM "Complaint" c WHERE ${scopeSql(scope)} GROUP BY c."status"`;
    return {
      ids: rows.map((r) => Number(r.id)),
      total: Number(counts[0]?.total ?? 0),
      overdue: Number(counts[0]?.overdue ?? 0),
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])) as Partial<Record<ComplaintStatus, number>>,
    };
  }

  reroute(complaintId: number, args: { officeId: number; cadreId: number | null; reason: string; userId: number; actorRole: string; status: ComplaintStatus }) {
    return this.prisma.$transaction(async (tx) => {
      await tx.complaint.update({ where: { id: complaintId }, data: { officeId: args.officeId, cadreId: args.cadreId } });
      await tx.routingDecision.create({
        data: { complaintId, officeId: args.officeId, cadreId: args.cadreId, rule: 'MANUAL', reason: args.reason, decidedBy: args.userId },
      });
      await tx.complaintEvent.create({
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
      });
    });
  }

  findOffice(id: number) {
    return this.prisma.office.findUnique({ where: { id }, select: { id: true } });
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
