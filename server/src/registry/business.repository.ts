import { Inject, Injectable } from '@nestjs/common';
import type { Grade } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { endAssignments, type Ending } from './assignment.repository';
import { businessSummarySelect, cadreRuleSelect, cadreSummarySelect, refSelect } from './registry.selects';

/** What a search filters by; the service decides whether `q` is a licence number prefix or part of a name. */
export type BusinessFilter = {
  licencePrefix?: string;
  namePart?: { text: string; caseInsensitive: boolean };
  streetId?: number;
  communityId?: number;
  grade?: Grade;
};

export type BusinessData = {
  name: string;
  licenceNo: string;
  businessTypeId: number;
  grade: Grade;
  address: string;
  streetId: number;
  communityId: number;
  lat: number | null;
  lng: number | null;
  hasSafetyOfficer: boolean;
  hasSafetyDirector: boolean;
};

/** The only place that queries and writes businesses (经营主体). */
@Injectable()
export class BusinessRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * Licence numbers: a prefix match on the unique B-tree index, in licence order.
   * Names: a substring match (LIKE, or ILIKE when the text has letters) with LIMIT.
   */
  async search(filter: BusinessFilter, page: { limit: number; offset: number }) {
    const where = {
      ...(filter.licencePrefix !== undefined ? { licenceNo: { startsWith: filter.licencePrefix } } : {}),
      ...(filter.namePart
        ? { name: { contains: escapeLike(filter.namePart.text), ...(filter.namePart.caseInsensitive ? { mode: 'insensitive' as const } : {}) } }
        : {}),
      ...(filter.streetId !== undefined ? { streetId: filter.streetId } : {}),
      ...(filter.communityId !== undefined ? { communityId: filter.communityId } : {}),
      ...(filter.grade !== undefined ? { grade: filter.grade } : {}),
    };
    const orderBy = filter.licencePrefix !== undefined ? [{ licenceNo: 'asc' as const }] : [{ name: 'asc' as const }, { id: 'asc' as const }];
    const [items, total] = await Promise.all([
      this.prisma.business.findMany({ where, orderBy, take: page.limit, skip: page.offset, select: businessSummarySelect }),
      this.prisma.business.count({ where }),
    ]);
    return { items, total };
  }

  findDetail(id: number) {
    return this.prisma.business.findUnique({
      where: { id },
      select: {
        ...businessSummarySelect,
        lat: true,
        lng: true,
        hasSafetyOfficer: true,
        hasSafetyDirector: true,
        street: { select: { id: true, name: true, office: refSelect } },
        assignments: {
          where: { endedAt: null },
          orderBy: { startedAt: 'desc' },
          take: 1,
          select: { cadre: { select: { ...cadreSummarySelect, phone: true } } },
        },
      },
    });
  }

  /** The business as the tier rule sees it, with its current assignment's cadre. */
  findForTierRule(id: number) {
    return this.prisma.business.findUnique({
      where: { id },
      select: {
        id: true,
        grade: true,
        streetId: true,
        communityId: true,
        licenceNo: true,
        street: { select: { districtId: true } },
        assignments: {
          where: { endedAt: null },
          select: {
            id: true,
            cadre: { select: cadreRuleSelect },
          },
        },
      },
    });
  }

  async exists(id: number): Promise<boolean> {
    return (await this.prisma.business.count({ where: { id } })) > 0;
  }

  create(data: BusinessData) {
    return this.prisma.business.create({ data, select: { id: true } });
  }

  /** Updates the business and, in the same transaction, ends the assignments the change broke. */
  update(id: number, data: Partial<BusinessData>, endings: Ending[]) {
    return this.prisma.$transaction(async (tx) => {
      await tx.business.update({ where: { id }, data, select: { id: true } });
      await endAssignments(tx, endings, new Date());
    });
  }
}

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
