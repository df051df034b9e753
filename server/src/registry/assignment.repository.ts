import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';
import { toTierRuleBusiness } from './registry.mapper';
import { businessRuleSelect, businessSummarySelect, cadreRuleSelect, cadreSummarySelect, letterSelect } from './registry.selects';
import type { TierRuleBusiness, TierRuleCadre, TierRuleResult, TierRuleViolation } from './tier-rule';

/** Why an assignment ended, and why its commitment letters no longer stand. */
export type EndReasons = { endReason: string; supersededReason: string };

type Tx = Pick<Prisma, 'assignment' | 'commitmentLetter' | 'business' | 'cadre' | '$queryRaw'>;

const assignmentViewSelect = {
  id: true,
  startedAt: true,
  endedAt: true,
  endReason: true,
  business: { select: { id: true, name: true } },
  cadre: { select: cadreSummarySelect },
  commitments: { select: letterSelect, orderBy: { version: 'asc' } },
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
    return this.prisma.assignment.findFirst({ where: { businessId, endedAt: null }, select: { id: true, cadreId: true } });
  }

  /** The cadre's current businesses with their unsuperseded letters. */
  scopeOfCadre(cadreId: number) {
    return this.prisma.assignment.findMany({
      where: { cadreId, endedAt: null },
      orderBy: { business: { name: 'asc' } },
      select: {
        id: true,
        startedAt: true,
        business: { select: businessSummarySelect },
        commitments: { where: { supersededAt: null }, orderBy: { version: 'desc' }, take: 1, select: letterSelect },
      },
    });
  }

  /**
   * Signs the next letter version for the business under a still-current assignment and supersedes older letters.
   * Returns null when the assignment ended meanwhile.
   */
  sign(assignment: { id: number; businessId: number; cadreId: number }, supersededReason: string) {
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
          signedAt: now,
        },
        select: { ...letterSelect, assignmentId: true, business: { select: { id: true, name: true } }, cadre: { select: cadreSummarySelect } },
      });
    });
  }
}
