import { Inject, Injectable } from '@nestjs/common';
import type { CadreTier } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { endAssignments, lockCadre, type Ending } from './assignment.repository';
import { toTierRuleBusiness } from './registry.mapper';
import { businessRuleSelect, businessSummarySelect, cadreAreaSelect, cadreRuleSelect } from './registry.selects';
import type { TierRuleBusiness } from './tier-rule';

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

  create(data: CadreData) {
    return this.prisma.cadre.create({ data, select: { id: true } });
  }

  /**
   * Updates the cadre under their lock; `endingsFor` decides, from the businesses they answer for then, which
   * assignments the change breaks, and those end in the same transaction. `signOut` revokes the sessions of
   * the cadre's login in it too.
   */
  update(
    id: number,
    data: Partial<CadreData>,
    endingsFor: (current: { id: number; business: TierRuleBusiness }[]) => Ending[],
    { signOut }: { signOut: boolean } = { signOut: false },
  ) {
    return this.prisma.$transaction(async (tx) => {
      await lockCadre(tx, id, 'update');
      const current = await tx.assignment.findMany({ where: { cadreId: id, endedAt: null }, select: { id: true, business: { select: businessRuleSelect } } });
      await tx.cadre.update({ where: { id }, data, select: { id: true } });
      const now = new Date();
      await endAssignments(tx, endingsFor(current.map((a) => ({ id: a.id, business: toTierRuleBusiness(a.business) }))), now);
      if (signOut) await tx.session.updateMany({ where: { revokedAt: null, user: { cadreId: id } }, data: { revokedAt: now } });
    });
  }
}
