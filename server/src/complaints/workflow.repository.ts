import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintStatus, DeadlineKind, DeadlineUnit } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import type { Db } from '../notifications/notifications.repository';
import { penaltyDecisions } from './penalty-decisions.repository';

/** Everything one workflow step writes, decided by the service before the transaction. */
export type StepWrite = {
  complaintId: number;
  /** the status the step was decided on: the update is conditional on it */
  fromStatus: ComplaintStatus;
  /** a one-time extension claimed by the update itself, so two approvals at once extend once */
  claims?: { verifyExtended?: false; caseExtended?: false };
  complaint: P.ComplaintUpdateManyMutationInput;
  /** open deadlines the step meets */
  stops?: readonly DeadlineKind[];
  /** the step exists only while one of `stops` is open (telling the reporter): it happens once */
  onceWhileOpen: boolean;
  deadlines: { kind: DeadlineKind; startDate: Date; workingDays: number; unit: DeadlineUnit; dueDate: Date; metAt?: Date }[];
  extension: { deadlineId: number; workingDays: number; dueDate: Date } | null;
  decision: P.PenaltyDecisionUncheckedCreateInput | null;
  /** photos added with a reopen, after the complaint's own */
  photoIds: readonly string[];
  event: Omit<P.ComplaintEventUncheckedCreateInput, 'complaintId' | 'id'> & { at: Date };
};

/** The step was not taken: someone else moved the complaint first, or took the once-only step. */
export type StepOutcome<T> = { moved: true; result: T } | { moved: false };

/** Thrown inside the transaction to roll it back when a once-only step was taken by someone else. */
class StepTakenError extends Error {}

/** The only place that writes workflow steps and the archiving sweep. */
@Injectable()
export class WorkflowRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  decisionNoTaken(decisionNo: string): Promise<boolean> {
    return penaltyDecisions.decisionNoTaken(this.prisma, decisionNo);
  }

  /**
   * One step in one transaction: the conditional status change, its deadlines, decision and photos, its audit
   * entry, and then `also` (the notices the step causes), which gets the entry's id and commits or fails with it.
   */
  async applyStep<T>(s: StepWrite, also: (tx: Db, event: { id: number; at: Date }) => Promise<T>): Promise<StepOutcome<T>> {
    try {
      return await this.prisma.$transaction(async (tx): Promise<StepOutcome<T>> => {
        const updated = await tx.complaint.updateMany({ where: { id: s.complaintId, status: s.fromStatus, ...s.claims }, data: s.complaint });
        if (updated.count !== 1) return { moved: false };
        if (s.stops?.length) {
          const stopped = await tx.deadline.updateMany({
            where: { complaintId: s.complaintId, kind: { in: [...s.stops] }, state: 'OPEN' },
            data: { state: 'MET', metAt: s.event.at },
          });
          if (s.onceWhileOpen && stopped.count === 0) throw new StepTakenError();
        }
        if (s.deadlines.length) {
          await tx.deadline.createMany({
            data: s.deadlines.map(({ metAt, ...d }) => ({ complaintId: s.complaintId, ...d, ...(metAt ? { state: 'MET' as const, metAt } : {}) })),
          });
        }
        if (s.extension) {
          await tx.deadline.update({ where: { id: s.extension.deadlineId }, data: { workingDays: s.extension.workingDays, dueDate: s.extension.dueDate, remindedAt: null } });
        }
        if (s.decision) await penaltyDecisions.insert(tx, s.decision);
        if (s.photoIds.length) {
          const last = await tx.complaintPhoto.aggregate({ where: { complaintId: s.complaintId }, _max: { position: true } });
          const from = (last._max.position ?? -1) + 1;
          await tx.complaintPhoto.createMany({ data: s.photoIds.map((uploadId, i) => ({ complaintId: s.complaintId, uploadId, position: from + i })), skipDuplicates: true });
        }
        const event = await tx.complaintEvent.create({ data: { ...s.event, complaintId: s.complaintId }, select: { id: true, at: true } });
        return { moved: true, result: await also(tx, event) };
      });
    } catch (err) {
      if (err instanceof StepTakenError) return { moved: false };
      throw err;
    }
  }

  /**
   * 归档 of one batch in one statement: resolved complaints whose reopen window ended before `cutoff` are closed,
   * each with its trail entry. The update re-checks the condition on the locked row, so another instance's sweep
   * (SKIP LOCKED, or its rows no longer RESOLVED) or a last-minute reopen wins cleanly. Returns how many closed.
   */
  async closeExpired(cutoff: Date, now: Date, reason: string, limit: number): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      WITH due AS (
        SELECT id FROM "Complaint"
        WHERE "status" = 'RESOLVED' AND "resolvedAt" < ${cutoff}
        ORDER BY id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), closed AS (
        UPDATE "Complaint" c SET "status" = 'CLOSED', "closedAt" = ${now}, "updatedAt" = ${new Date()}
        FROM due
        WHERE c.id = due.id AND c."status" = 'RESOLVED' AND c."resolvedAt" < ${cutoff}
        RETURNING c.id
      ), logged AS (
        INSERT INTO "ComplaintEvent" ("complaintId", "at", "actorRole", "action", "fromStatus", "toStatus", "reason")
        SELECT id, ${now}, 'SYSTEM', 'close', 'RESOLVED', 'CLOSED', ${reason} FROM closed
        RETURNING 1
      )
      SELECT COUNT(*)::int AS n FROM logged`;
    return rows[0]?.n ?? 0;
  }
}
