import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintStatus } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { likeContains } from './business-search';
import { toTierRuleBusiness } from './registry.mapper';
import { businessRuleSelect, businessSummarySelect, cadreRuleSelect, cadreSummarySelect, letterSelect } from './registry.selects';
import type { TierRuleBusiness, TierRuleCadre, TierRuleResult, TierRuleViolation } from './tier-rule';

/** Why an assignment ended, and why its commitment letters no longer stand. */
export type EndReasons = { endReason: string; supersededReason: string };

/** A letter as the history shows it, with the photo of the signed paper. */
const letterViewSelect = { ...letterSelect, photoUploadId: true } as const;

/** A letter that stands: not superseded, under an assignment that has not ended. */
const standingLetter = { supersededAt: null, assignment: { endedAt: null } } as const;

type Tx = Pick<Prisma, 'assignment' | 'commitmentLetter' | 'business' | 'cadre' | '$queryRaw'>;

const assignmentViewSelect = {
  id: true,
  startedAt: true,
  endedAt: true,
  endReason: true,
  business: { select: { id: true, name: true } },
  cadre: { select: cadreSummarySelect },
  commitments: { select: letterViewSelect, orderBy: { version: 'asc' } },
} as const;

/** One assignment to end, and why. */
export type Ending = { assignmentId: number; reasons: EndReasons };

/**
 * Ends current assignments and supersedes their unsuperseded letters; part of the caller's transaction.
 * Only still-current rows change, so a concurrent end is not overwritten.
 */
export async function endAssignments(tx: Tx, endings: Ending[], at: Date): Promise<void> {
  for (const { assignmentId, reasons } of endings) {
    await tx.assignment.updateMany({ where: { id: assignmentId, endedAt: null }, data: { endedAt: at, endReason: reasons.endReason } });
    await tx.commitmentLetter.updateMany({
      where: { assignmentId, supersededAt: null },
      data: { supersededAt: at, supersededReason: reasons.supersededReason },
    });
  }
}

/**
 * Row locks for the rest of the transaction. Every change to who answers for a business takes the business's lock,
 * and a change to a cadre takes the cadre's, so the tier rule is always checked against rows nobody else is changing.
 */
export async function lockBusiness(tx: Tx, businessId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT id FROM "Business" WHERE id = ${businessId} FOR UPDATE`;
  return rows.length > 0;
}

export async function lockCadre(tx: Tx, cadreId: number, mode: 'share' | 'update'): Promise<boolean> {
  const rows =
    mode === 'update'
      ? await tx.$queryRaw<unknown[]>`SELECT id FROM "Cadre" WHERE id = ${cadreId} FOR UPDATE`
      : await tx.$queryRaw<unknown[]>`SELECT id FROM "Cadre" WHERE id = ${cadreId} FOR SHARE`;
  return rows.length > 0;
}

export type ReassignOutcome =
  | { kind: 'assigned'; assignmentId: number }
  | { kind: 'refused'; reason: TierRuleViolation }
  | { kind: 'business-not-found' }
  | { kind: 'cadre-not-found' };

/** The only place that writes 包保 assignments and commitment letters. */
@Injectable()
export class AssignmentRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * In one transaction, under the business's lock and a share lock on the cadre: `rule` decides on the rows as they
   * are now; if it allows, the current assignment ends, its letters are superseded and the new one starts.
   * Assigning the cadre who already answers for the business changes nothing.
   */
  reassign(
    businessId: number,
    cadreId: number,
    reasons: EndReasons,
    rule: (business: TierRuleBusiness, cadre: TierRuleCadre) => TierRuleResult,
  ): Promise<ReassignOutcome> {
    return this.prisma.$transaction(async (tx): Promise<ReassignOutcome> => {
      if (!(await lockBusiness(tx, businessId))) return { kind: 'business-not-found' };
      if (!(await lockCadre(tx, cadreId, 'share'))) return { kind: 'cadre-not-found' };
      const business = await tx.business.findUniqueOrThrow({ where: { id: businessId }, select: businessRuleSelect });
      const cadre = await tx.cadre.findUniqueOrThrow({ where: { id: cadreId }, select: cadreRuleSelect });
      const decision = rule(toTierRuleBusiness(business), cadre);
      if (!decision.ok) return { kind: 'refused', reason: decision.reason };
      const current = await tx.assignment.findMany({ where: { businessId, endedAt: null }, select: { id: true, cadreId: true } });
      const same = current.find((a) => a.cadreId === cadreId);
      if (same && current.length === 1) return { kind: 'assigned', assignmentId: same.id };
      const now = new Date();
      await endAssignments(tx, current.map((a) => ({ assignmentId: a.id, reasons })), now);
      const created = await tx.assignment.create({ data: { businessId, cadreId, startedAt: now }, select: { id: true } });
      return { kind: 'assigned', assignmentId: created.id };
    });
  }

  findView(id: number) {
    return this.prisma.assignment.findUnique({ where: { id }, select: assignmentViewSelect });
  }

  /** Who answered for the business when, newest first. */
  history(businessId: number) {
    return this.prisma.assignment.findMany({
      where: { businessId },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      select: assignmentViewSelect,
    });
  }

  findCurrent(businessId: number) {
    return this.prisma.assignment.findFirst({ where: { businessId, endedAt: null }, select: { id: true, cadreId: true, startedAt: true } });
  }

  async uploadExists(id: string): Promise<boolean> {
    return (await this.prisma.upload.count({ where: { id } })) > 0;
  }

  /** Complaints in the cadre's scope, per business, in the given (open) statuses. */
  async openComplaintCounts(cadreId: number, businessIds: number[], statuses: readonly ComplaintStatus[]): Promise<Map<number, number>> {
    if (businessIds.length === 0) return new Map();
    const rows = await this.prisma.complaint.groupBy({
      by: ['businessId'],
      where: { cadreId, businessId: { in: businessIds }, status: { in: [...statuses] } },
      _count: { _all: true },
    });
    return new Map(rows.flatMap((r) => (r.businessId === null ? [] : [[r.businessId, r._count._all] as const])));
  }

  /**
   * 承诺书 status per business for the admin: the current cadre and the standing letter, if any. `q` is part of the
   * name or the licence number, taken literally.
   */
  async commitmentStatus(filter: { signed?: boolean; streetId?: number; q?: string }, page: { limit: number; offset: number }) {
    const text = filter.q?.trim();
    // likeContains escapes the user's % _ \; Prisma adds the surrounding wildcards itself.
    const literal = text ? likeContains(text).slice(1, -1) : undefined;
    const where = {
      ...(filter.streetId !== undefined ? { streetId: filter.streetId } : {}),
      ...(literal ? { OR: [{ name: { contains: literal, mode: 'insensitive' as const } }, { licenceNo: { contains: literal.toUpperCase() } }] } : {}),
      ...(filter.signed === true ? { commitments: { some: standingLetter } } : {}),
      ...(filter.signed === false ? { NOT: { commitments: { some: standingLetter } } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.business.findMany({
        where,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: page.limit,
        skip: page.offset,
        select: {
          ...businessSummarySelect,
          assignments: { where: { endedAt: null }, take: 1, select: { cadre: { select: cadreSummarySelect } } },
          commitments: { where: standingLetter, orderBy: { version: 'desc' }, take: 1, select: letterViewSelect },
        },
      }),
      this.prisma.business.count({ where }),
    ]);
    return { rows, total };
  }

  /** The cadre's current businesses with their unsuperseded letters. */
  scopeOfCadre(cadreId: number) {
    return this.prisma.assignment.findMany({
      where: { cadreId, endedAt: null },
      orderBy: { business: { name: 'asc' } },
      select: {
        id: true,
        startedAt: true,
        business: { select: { ...businessSummarySelect, street: { select: { id: true, name: true, office: { select: { id: true, name: true } } } } } },
        commitments: { where: { supersededAt: null }, orderBy: { version: 'desc' }, take: 1, select: letterViewSelect },
      },
    });
  }

  /**
   * Records the next letter version for the business under a still-current assignment, signed on `signedAt` with
   * the photo of the paper, and supersedes older letters. Returns null when the assignment ended meanwhile.
   */
  record(assignment: { id: number; businessId: number; cadreId: number }, letter: { signedAt: Date; photoUploadId: string }, supersededReason: string) {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockBusiness(tx, assignment.businessId))) return null;
      const stillCurrent = await tx.assignment.count({ where: { id: assignment.id, endedAt: null } });
      if (stillCurrent === 0) return null;
      const { _max } = await tx.commitmentLetter.aggregate({ where: { businessId: assignment.businessId }, _max: { version: true } });
      const now = new Date();
      await tx.commitmentLetter.updateMany({
        where: { businessId: assignment.businessId, supersededAt: null },
        data: { supersededAt: now, supersededReason },
      });
      return tx.commitmentLetter.create({
        data: {
          assignmentId: assignment.id,
          businessId: assignment.businessId,
          cadreId: assignment.cadreId,
          version: (_max.version ?? 0) + 1,
          signedAt: letter.signedAt,
          photoUploadId: letter.photoUploadId,
          recordedAt: now,
        },
        select: { ...letterViewSelect, assignmentId: true, business: { select: { id: true, name: true } }, cadre: { select: cadreSummarySelect } },
      });
    });
  }
}
