import { Inject, Injectable } from '@nestjs/common';
import type { DisclosureState } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { DISCLOSED_PENALTY_KINDS } from './disclosure-rules';

/** The handling office's staff see their office's decisions; the admin sees all. */
export type DisclosureScope = { officeId: number } | { all: true };

const staffSelect = {
  id: true,
  complaintId: true,
  type: true,
  penaltyKinds: true,
  decisionNo: true,
  partyKind: true,
  partyName: true,
  partyCreditCode: true,
  violationType: true,
  penaltyContent: true,
  authority: true,
  decisionDate: true,
  disclosedAt: true,
  disclosureWithdrawnAt: true,
  disclosureWithdrawReason: true,
  complaint: {
    select: {
      trackingNo: true,
      status: true,
      officeId: true,
      business: { select: { id: true, name: true } },
      office: { select: { id: true, name: true } },
      deadlines: {
        where: { kind: 'DISCLOSE' },
        orderBy: { id: 'desc' },
        take: 1,
        select: { id: true, kind: true, startDate: true, workingDays: true, unit: true, dueDate: true, state: true, metAt: true, escalatedAt: true },
      },
    },
  },
} as const satisfies P.PenaltyDecisionSelect;
export type StaffDisclosureRow = P.PenaltyDecisionGetPayload<{ select: typeof staffSelect }>;

const publicSelect = {
  id: true,
  decisionNo: true,
  partyKind: true,
  partyName: true,
  partyCreditCode: true,
  violationType: true,
  penaltyContent: true,
  authority: true,
  decisionDate: true,
  disclosedAt: true,
  complaint: { select: { business: { select: { id: true, name: true } } } },
} as const satisfies P.PenaltyDecisionSelect;
export type PublicDisclosureRow = P.PenaltyDecisionGetPayload<{ select: typeof publicSelect }>;

// The same rule as requiresDisclosure, as a query.
const disclosable = { type: 'PENALTY', penaltyKinds: { hasSome: [...DISCLOSED_PENALTY_KINDS] } } satisfies P.PenaltyDecisionWhereInput;

const IN_STATE: Record<DisclosureState, P.PenaltyDecisionWhereInput> = {
  PENDING: { disclosedAt: null, disclosureWithdrawnAt: null },
  PUBLISHED: { disclosedAt: { not: null }, disclosureWithdrawnAt: null },
  WITHDRAWN: { disclosureWithdrawnAt: { not: null } },
};

// Pending ones by due date, which follows the decision date; the others newest first.
const ORDER: Record<DisclosureState, P.PenaltyDecisionOrderByWithRelationInput[]> = {
  PENDING: [{ decisionDate: 'asc' }, { id: 'asc' }],
  PUBLISHED: [{ disclosedAt: 'desc' }, { id: 'desc' }],
  WITHDRAWN: [{ disclosureWithdrawnAt: 'desc' }, { id: 'desc' }],
};

const contains = (q: string) => ({ contains: q, mode: 'insensitive' as const });

/** What one trail entry records, besides the step's own change. */
export type DisclosureEvent = { complaintId: number; status: P.ComplaintEventUncheckedCreateInput['toStatus']; userId: number; role: string; action: string; reason: string | null; payload: P.InputJsonObject };

/** The only place that reads and writes disclosures; each step commits with its deadline change and its trail entry. */
@Injectable()
export class DisclosureRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async staffPage(scope: DisclosureScope, state: DisclosureState, q: string | undefined, page: { limit: number; offset: number }) {
    const base: P.PenaltyDecisionWhereInput = {
      ...disclosable,
      ...('officeId' in scope ? { complaint: { officeId: scope.officeId } } : {}),
      ...(q
        ? { OR: [{ decisionNo: contains(q) }, { partyName: contains(q) }, { complaint: { trackingNo: contains(q) } }, { complaint: { business: { name: contains(q) } } }] }
        : {}),
    };
    const where = { AND: [base, IN_STATE[state]] };
    const [rows, total, pending, published, withdrawn] = await Promise.all([
      this.prisma.penaltyDecision.findMany({ where, orderBy: ORDER[state], skip: page.offset, take: page.limit, select: staffSelect }),
      this.prisma.penaltyDecision.count({ where }),
      this.prisma.penaltyDecision.count({ where: { AND: [base, IN_STATE.PENDING] } }),
      this.prisma.penaltyDecision.count({ where: { AND: [base, IN_STATE.PUBLISHED] } }),
      this.prisma.penaltyDecision.count({ where: { AND: [base, IN_STATE.WITHDRAWN] } }),
    ]);
    return { rows, total, counts: { PENDING: pending, PUBLISHED: published, WITHDRAWN: withdrawn } };
  }

  findStaff(id: number): Promise<StaffDisclosureRow | null> {
    return this.prisma.penaltyDecision.findUnique({ where: { id }, select: staffSelect });
  }

  async publicPage(filter: { q?: string; businessId?: number }, page: { limit: number; offset: number }) {
    const where: P.PenaltyDecisionWhereInput = {
      ...disclosable,
      ...IN_STATE.PUBLISHED,
      ...(filter.businessId ? { businessId: filter.businessId } : {}),
      // Never inside a natural person's real name: a match would reveal what the mask hides.
      ...(filter.q
        ? { OR: [{ complaint: { business: { name: contains(filter.q) } } }, { decisionNo: contains(filter.q) }, { partyKind: 'ORGANISATION', partyName: contains(filter.q) }] }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.penaltyDecision.findMany({ where, orderBy: [{ disclosedAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit, select: publicSelect }),
      this.prisma.penaltyDecision.count({ where }),
    ]);
    return { rows, total };
  }

  /** 公示: only while neither published nor withdrawn, so two clicks publish once. Returns false if someone else acted first. */
  disclose(id: number, at: Date, event: DisclosureEvent): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const done = await tx.penaltyDecision.updateMany({ where: { id, disclosedAt: null, disclosureWithdrawnAt: null }, data: { disclosedAt: at, disclosedBy: event.userId } });
      if (done.count !== 1) return false;
      await tx.deadline.updateMany({ where: { complaintId: event.complaintId, kind: 'DISCLOSE', state: 'OPEN' }, data: { state: 'MET', metAt: at } });
      await this.trail(tx, at, event);
      return true;
    });
  }

  /** 更正: a new decision date moves a limit still running (it counts from the decision). */
  correct(id: number, data: P.PenaltyDecisionUpdateManyMutationInput, moveDeadline: { startDate: Date; dueDate: Date } | null, at: Date, event: DisclosureEvent): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const done = await tx.penaltyDecision.updateMany({ where: { id, disclosureWithdrawnAt: null }, data });
      if (done.count !== 1) return false;
      if (moveDeadline) {
        await tx.deadline.updateMany({ where: { complaintId: event.complaintId, kind: 'DISCLOSE', state: 'OPEN' }, data: { ...moveDeadline, remindedAt: null } });
      }
      await this.trail(tx, at, event);
      return true;
    });
  }

  /** 撤回: hidden from the public list; a limit still running ends, as there is nothing left to publish. */
  withdraw(id: number, reason: string, at: Date, event: DisclosureEvent): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const done = await tx.penaltyDecision.updateMany({ where: { id, disclosureWithdrawnAt: null }, data: { disclosureWithdrawnAt: at, disclosureWithdrawReason: reason } });
      if (done.count !== 1) return false;
      await tx.deadline.updateMany({ where: { complaintId: event.complaintId, kind: 'DISCLOSE', state: 'OPEN' }, data: { state: 'CANCELLED' } });
      await this.trail(tx, at, event);
      return true;
    });
  }

  private async trail(tx: P.TransactionClient, at: Date, e: DisclosureEvent): Promise<void> {
    await tx.complaintEvent.create({
      data: { complaintId: e.complaintId, at, actorUserId: e.userId, actorRole: e.role, action: e.action, fromStatus: e.status, toStatus: e.status, reason: e.reason, payload: e.payload },
    });
  }
}
