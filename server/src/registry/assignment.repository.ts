import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';
import { businessSummarySelect, cadreSummarySelect, letterSelect } from './registry.selects';

/** Why an assignment ended, and why its commitment letters no longer stand. */
export type EndReasons = { endReason: string; supersededReason: string };

type Tx = Pick<Prisma, 'assignment' | 'commitmentLetter' | '$queryRaw'>;

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

/** Serialises assignment changes and letter signing per business for the rest of the transaction. */
async function lockBusiness(tx: Tx, businessId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Business" WHERE id = ${businessId} FOR UPDATE`;
}

/** The only place that writes 包保 assignments and commitment letters. */
@Injectable()
export class AssignmentRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * In one transaction: the business's current assignment ends, its letters are superseded, the new one starts.
   * Assigning the cadre who already answers for the business changes nothing.
   */
  reassign(businessId: number, cadreId: number, reasons: EndReasons): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await lockBusiness(tx, businessId);
      const current = await tx.assignment.findMany({ where: { businessId, endedAt: null }, select: { id: true, cadreId: true } });
      const same = current.find((a) => a.cadreId === cadreId);
      if (same && current.length === 1) return same.id;
      const now = new Date();
      await endAssignments(tx, current.map((a) => ({ assignmentId: a.id, reasons })), now);
      const created = await tx.assignment.create({ data: { businessId, cadreId, startedAt: now }, select: { id: true } });
      return created.id;
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

  findCurrentOfCadre(cadreId: number) {
    return this.prisma.assignment.findMany({ where: { cadreId, endedAt: null }, select: { id: true } });
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
      await lockBusiness(tx, assignment.businessId);
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
