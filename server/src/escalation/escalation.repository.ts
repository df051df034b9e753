import { Inject, Injectable } from '@nestjs/common';
import type { CadreTier } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { toDbDate } from '../complaints/deadlines';
import { OPEN_STATUSES } from '../complaints/workflow';
import type { CadreRef } from './escalation-rule';

const deadlineSelect = {
  id: true,
  kind: true,
  dueDate: true,
  complaint: {
    select: {
      id: true,
      trackingNo: true,
      kind: true,
      category: true,
      businessName: true,
      outcome: true,
      transferTo: true,
      officeId: true,
      streetId: true,
      business: { select: { name: true } },
      office: { select: { name: true } },
      cadre: { select: { id: true, name: true, tier: true, districtId: true, streetId: true, community: { select: { streetId: true } } } },
    },
  },
} as const satisfies P.DeadlineSelect;

export type DueDeadline = P.DeadlineGetPayload<{ select: typeof deadlineSelect }>;

// A deadline left open on a finished complaint has no one left to chase, except 处罚信息公示 and 差评整改, which
// outlive the case (a 差评 comes only after it is resolved).
const stillChased = { OR: [{ kind: { in: ['DISCLOSE', 'RECTIFY'] } }, { complaint: { status: { in: [...OPEN_STATUSES] } } }] } satisfies P.DeadlineWhereInput;

/** The sweep's queries. Each step is claimed with a conditional update, so only one instance performs it. */
@Injectable()
export class EscalationRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Open deadlines whose due date is before `today` (Shanghai) and not yet escalated, after id `afterId`. */
  overdue(today: string, afterId: number, take: number): Promise<DueDeadline[]> {
    return this.prisma.deadline.findMany({
      where: { state: 'OPEN', escalatedAt: null, dueDate: { lt: toDbDate(today) }, id: { gt: afterId }, ...stillChased },
      orderBy: { id: 'asc' },
      take,
      select: deadlineSelect,
    });
  }

  /** Open, not yet reminded deadlines due between `from` and `to` (inclusive). */
  dueBetween(from: string, to: string, afterId: number, take: number): Promise<DueDeadline[]> {
    return this.prisma.deadline.findMany({
      where: { state: 'OPEN', remindedAt: null, dueDate: { gte: toDbDate(from), lte: toDbDate(to) }, id: { gt: afterId }, ...stillChased },
      orderBy: { id: 'asc' },
      take,
      select: deadlineSelect,
    });
  }

  async districtOfStreet(streetId: number): Promise<number | null> {
    return (await this.prisma.street.findUnique({ where: { id: streetId }, select: { districtId: true } }))?.districtId ?? null;
  }

  /** Active cadres who may be escalated to: the street's leaders and the district's and city's. */
  cadresAbove(districtId: number, streetId: number | null): Promise<CadreRef[]> {
    const tiers: CadreTier[] = ['DISTRICT', 'CITY'];
    return this.prisma.cadre.findMany({
      where: {
        active: true,
        districtId,
        OR: [{ tier: { in: tiers } }, ...(streetId !== null ? [{ tier: 'STREET' as const, streetId }] : [])],
      },
      select: { id: true, name: true, tier: true, districtId: true, streetId: true },
      orderBy: { id: 'asc' },
    });
  }

  /**
   * Escalates the deadline if no one has: the conditional update takes the row (a second instance waits on
   * its lock, then finds `escalatedAt` set and updates nothing), and the 督办 record and the notices commit
   * with it. Returns the number of notices written, or null when someone else escalated it or it was met.
   */
  escalate(
    d: { id: number; complaintId: number },
    target: { id: number; tier: CadreTier } | null,
    at: Date,
    notify: (tx: P.TransactionClient) => Promise<number>,
  ): Promise<number | null> {
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        UPDATE "Deadline" SET "escalatedAt" = ${at}
        WHERE "id" = ${d.id} AND "escalatedAt" IS NULL AND "state" = 'OPEN'`;
      if (claimed !== 1) return null;
      await tx.escalation.create({ data: { deadlineId: d.id, complaintId: d.complaintId, toCadreId: target?.id ?? null, toTier: target?.tier ?? null, createdAt: at } });
      return notify(tx);
    });
  }

  inTransaction<T>(fn: (tx: P.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(fn);
  }

  /** Sets `remindedAt` once, with the reminders, the same way as `escalate`. */
  remind(deadlineId: number, at: Date, notify: (tx: P.TransactionClient) => Promise<number>): Promise<number | null> {
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        UPDATE "Deadline" SET "remindedAt" = ${at}
        WHERE "id" = ${deadlineId} AND "remindedAt" IS NULL AND "state" = 'OPEN'`;
      if (claimed !== 1) return null;
      return notify(tx);
    });
  }
}
