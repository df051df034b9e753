import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintStatus } from '@sa/contracts';
import { PRISMA, type Prisma as PrismaClient } from '../database/database';
import { businessSummarySelect, cadreSummarySelect, refSelect } from '../registry/registry.selects';
import type { DeadlineTally } from './on-time-rate';

const modelStreetSelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  address: true,
  street: refSelect,
  _count: { select: { businesses: true } },
} as const;

/** The only place the public pages' queries live: model streets, a business's public facts, the public figures. */
@Injectable()
export class PublicRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  modelStreets() {
    return this.prisma.modelStreet.findMany({ select: modelStreetSelect, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  }

  modelStreet(id: number) {
    return this.prisma.modelStreet.findUnique({
      where: { id },
      select: { ...modelStreetSelect, businesses: { select: businessSummarySelect, orderBy: [{ name: 'asc' }, { id: 'asc' }] } },
    });
  }

  /** Registry facts and the current 包保 cadre's name and tier: the phone is never selected, so it cannot leak. */
  business(id: number) {
    return this.prisma.business.findUnique({
      where: { id },
      select: {
        ...businessSummarySelect,
        modelStreet: refSelect,
        assignments: {
          where: { endedAt: null },
          orderBy: { startedAt: 'desc' },
          take: 1,
          select: { cadre: { select: { name: cadreSummarySelect.name, tier: cadreSummarySelect.tier } } },
        },
      },
    });
  }

  /** Complaints of both kinds about the business in one of `statuses`. */
  countComplaints(businessId: number, statuses: readonly ComplaintStatus[]): Promise<number> {
    return this.prisma.complaint.count({ where: { businessId, status: { in: [...statuses] } } });
  }

  countReceivedBetween(from: Date, until: Date): Promise<number> {
    return this.prisma.complaint.count({ where: { receivedAt: { gte: from, lt: until } } });
  }

  /**
   * 受理 and 核查 deadlines that started from firstDay to lastDay (YYYY-MM-DD), grouped by state, due date and the Shanghai day
   * they were met on (China keeps +08:00 all year; metAt is stored in UTC).
   */
  async acceptVerifyTallies(firstDay: string, lastDay: string): Promise<DeadlineTally[]> {
    const rows = await this.prisma.$queryRaw<{ state: DeadlineTally['state']; dueDate: string; metOn: string | null; count: number }[]>`
      SELECT state::text AS state, to_char("dueDate", 'YYYY-MM-DD') AS "dueDate",
             to_char(("metAt" + interval '8 hours')::date, 'YYYY-MM-DD') AS "metOn", count(*)::int AS count
      FROM "Deadline"
      WHERE kind IN ('ACCEPT', 'VERIFY') AND "startDate" BETWEEN ${firstDay}::date AND ${lastDay}::date
      GROUP BY 1, 2, 3`;
    return rows.map((r) => ({ state: r.state, dueDate: r.dueDate, metOn: r.state === 'MET' ? r.metOn : null, count: r.count }));
  }
}
