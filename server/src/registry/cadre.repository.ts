import { Inject, Injectable } from '@nestjs/common';
import type { CadreTier } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { endAssignments, type Ending } from './assignment.repository';
import { businessSummarySelect, cadreAreaSelect, cadreRuleSelect } from './registry.selects';

export type CadreFilter = { tier?: CadreTier; q?: string; active?: boolean; streetId?: number };

export type CadreData = {
  name: string;
  tier: CadreTier;
  title: string;
  phone: string;
  districtId: number;
  streetId: number | null;
  communityId: number | null;
  active: boolean;
};

/** The only place that queries and writes 包保干部. */
@Injectable()
export class CadreRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async list(filter: CadreFilter, page: { limit: number; offset: number }) {
    const where = {
      ...(filter.tier ? { tier: filter.tier } : {}),
      ...(filter.active !== undefined ? { active: filter.active } : {}),
      ...(filter.streetId !== undefined ? { streetId: filter.streetId } : {}),
      ...(filter.q ? { OR: [{ name: { contains: filter.q } }, { title: { contains: filter.q } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.cadre.findMany({
        where,
        // Enum order in PostgreSQL is declaration order: CITY, DISTRICT, STREET, COMMUNITY.
        orderBy: [{ tier: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        take: page.limit,
        skip: page.offset,
        select: { ...cadreAreaSelect, _count: { select: { assignments: { where: { endedAt: null } } } } },
      }),
      this.prisma.cadre.count({ where }),
    ]);
    return { items: rows, total };
  }

  findDetail(id: number) {
    return this.prisma.cadre.findUnique({
      where: { id },
      select: {
        ...cadreAreaSelect,
        assignments: { where: { endedAt: null }, orderBy: { business: { name: 'asc' } }, select: { business: { select: businessSummarySelect } } },
      },
    });
  }

  findForTierRule(id: number) {
    return this.prisma.cadre.findUnique({ where: { id }, select: cadreRuleSelect });
  }

  /** The cadre with every business they currently answer for, as the tier rule sees them. */
  findWithScope(id: number) {
    return this.prisma.cadre.findUnique({
      where: { id },
      select: {
        ...cadreRuleSelect,
        assignments: {
          where: { endedAt: null },
          select: {
            id: true,
            business: { select: { id: true, grade: true, streetId: true, communityId: true, street: { select: { districtId: true } } } },
          },
        },
      },
    });
  }

  create(data: CadreData) {
    return this.prisma.cadre.create({ data, select: { id: true } });
  }

  /** Updates the cadre and, in the same transaction, ends the assignments the change broke. */
  update(id: number, data: Partial<CadreData>, endings: Ending[]) {
    return this.prisma.$transaction(async (tx) => {
      await tx.cadre.update({ where: { id }, data, select: { id: true } });
      await endAssignments(tx, endings, new Date());
    });
  }
}
