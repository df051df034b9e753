import { Inject, Injectable } from '@nestjs/common';
import type { Grade } from '@sa/contracts';
import { Prisma } from '@sa/db';
import { PRISMA, type Prisma as PrismaClient } from '../database/database';
import { endAssignments, lockBusiness, type Ending } from './assignment.repository';
import { asciiLower, hasLatinLetters, licenceRange, likeContains } from './business-search';
import { businessRuleSelect, businessSummarySelect, cadreRuleSelect, cadreSummarySelect, refSelect } from './registry.selects';
import type { TierRuleCadre } from './tier-rule';

/** What a search filters by; the service decides whether `q` is a licence number prefix or part of a name. */
export type BusinessFilter = {
  licencePrefix?: string;
  /** each must appear in the name or the address */
  words?: string[];
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
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * One page of matches and their count. Licence numbers: a key range on the unique B-tree, so the page comes
   * off the index in licence order and the count is a separate range count. Words and area filters: one scan
   * (no index serves a substring of Chinese text) with the count as a window over the same rows, shortest names
   * first, i.e. the closest to what was typed; sorting the matches also keeps the planner off a full walk of the
   * name index.
   */
  async search(filter: BusinessFilter, page: { limit: number; offset: number }) {
    const conditions = searchConditions(filter);
    const where = conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
    const { ids, total } = filter.licencePrefix !== undefined ? await this.pageInLicenceOrder(where, page) : await this.pageByName(where, page);
    const rows = ids.length > 0 ? await this.prisma.business.findMany({ where: { id: { in: ids } }, select: businessSummarySelect }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { items: ids.flatMap((id) => byId.get(id) ?? []), total };
  }

  private async pageInLicenceOrder(where: Prisma.Sql, page: { limit: number; offset: number }) {
    const [hits, total] = await Promise.all([
      this.prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "Business" WHERE ${where} ORDER BY "licenceNo" LIMIT ${page.limit} OFFSET ${page.offset}`,
      this.count(where),
    ]);
    return { ids: hits.map((h) => h.id), total };
  }

  private async pageByName(where: Prisma.Sql, page: { limit: number; offset: number }) {
    const hits = await this.prisma.$queryRaw<{ id: number; total: number }[]>`
      SELECT id, (count(*) OVER ())::int AS total FROM "Business" WHERE ${where}
      ORDER BY length(name), name, id LIMIT ${page.limit} OFFSET ${page.offset}`;
    // A page past the end has no row to carry the count.
    const total = hits[0]?.total ?? (page.offset === 0 ? 0 : await this.count(where));
    return { ids: hits.map((h) => h.id), total };
  }

  private async count(where: Prisma.Sql): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Business" WHERE ${where}`;
    return row?.total ?? 0;
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

  /** The business's grade and place as the tier rule sees them. */
  findRulePlace(id: number) {
    return this.prisma.business.findUnique({ where: { id }, select: businessRuleSelect });
  }

  async exists(id: number): Promise<boolean> {
    return (await this.prisma.business.count({ where: { id } })) > 0;
  }

  create(data: BusinessData) {
    return this.prisma.business.create({ data, select: { id: true } });
  }

  /**
   * Updates the business under its lock; `endingsFor` decides, from its assignments as they are then, which
   * ones the change breaks, and those end in the same transaction. Answers each ending with its cadre.
   */
  update<E extends Ending>(id: number, data: Partial<BusinessData>, endingsFor: (current: { id: number; cadre: TierRuleCadre }[]) => E[]) {
    return this.prisma.$transaction(async (tx) => {
      await lockBusiness(tx, id);
      const current = await tx.assignment.findMany({
        where: { businessId: id, endedAt: null },
        select: { id: true, cadre: { select: { ...cadreRuleSelect, ...cadreSummarySelect } } },
      });
      await tx.business.update({ where: { id }, data, select: { id: true } });
      const endings = endingsFor(current);
      await endAssignments(tx, endings, new Date());
      return endings.flatMap((ending) => {
        const cadre = current.find((a) => a.id === ending.assignmentId)?.cadre;
        return cadre ? [{ ending, cadre }] : [];
      });
    });
  }
}

function searchConditions(filter: BusinessFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.licencePrefix !== undefined) {
    const { from, to } = licenceRange(filter.licencePrefix);
    conditions.push(Prisma.sql`"licenceNo" >= ${from} AND "licenceNo" < ${to} AND "licenceNo" LIKE ${`${filter.licencePrefix}%`}`);
  }
  for (const word of filter.words ?? []) {
    const pattern = likeContains(word);
    // Under "C", lower() folds ASCII only, at half the cost of the locale's ILIKE.
    conditions.push(
      hasLatinLetters(word)
        ? Prisma.sql`(lower(name COLLATE "C") LIKE ${asciiLower(pattern)} OR lower(address COLLATE "C") LIKE ${asciiLower(pattern)})`
        : Prisma.sql`(name LIKE ${pattern} OR address LIKE ${pattern})`,
    );
  }
  if (filter.streetId !== undefined) conditions.push(Prisma.sql`"streetId" = ${filter.streetId}`);
  if (filter.communityId !== undefined) conditions.push(Prisma.sql`"communityId" = ${filter.communityId}`);
  if (filter.grade !== undefined) conditions.push(Prisma.sql`grade = ${filter.grade}::"Grade"`);
  return conditions;
}
