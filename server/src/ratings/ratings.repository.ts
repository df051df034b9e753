import { Inject, Injectable } from '@nestjs/common';
import type { ContentFlag, RectificationState } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { toDbDate } from '../complaints/deadlines';

/** Staff scope, the workbench's: the admin all, office staff their office's, a cadre the businesses they answer for. */
export type RatingScope = { all: true } | { officeId: number } | { cadreId: number };

const ratingSelect = { id: true, round: true, level: true, tags: true, comment: true, contentFlag: true, createdAt: true } as const satisfies P.RatingSelect;

/** What rating a complaint needs to know about it, and what its notices may say (no reporter, no description). */
const subjectSelect = {
  id: true,
  trackingNo: true,
  kind: true,
  category: true,
  status: true,
  outcome: true,
  transferTo: true,
  resolvedAt: true,
  reporterUserId: true,
  idempotencyKey: true,
  officeId: true,
  cadreId: true,
  businessName: true,
  business: { select: { name: true } },
  office: { select: { name: true } },
  ratings: { select: ratingSelect, orderBy: { round: 'asc' } },
  rectification: { select: { id: true, state: true, completedAt: true, actionTaken: true, deadline: { select: { startDate: true, unit: true, dueDate: true, state: true } } } },
} as const satisfies P.ComplaintSelect;
export type RatingComplaint = P.ComplaintGetPayload<{ select: typeof subjectSelect }>;

const staffRatingSelect = {
  ...ratingSelect,
  byVolunteer: true,
  rectification: { select: { id: true } },
  complaint: {
    select: {
      id: true,
      trackingNo: true,
      kind: true,
      outcome: true,
      reporterName: true,
      reporterPhoneMasked: true,
      business: { select: { id: true, name: true } },
      office: { select: { id: true, name: true } },
    },
  },
} as const satisfies P.RatingSelect;
export type StaffRatingRow = P.RatingGetPayload<{ select: typeof staffRatingSelect }>;

const deadlineSelect = { kind: true, startDate: true, workingDays: true, unit: true, dueDate: true, state: true, metAt: true, escalatedAt: true } as const;

const rectificationSelect = {
  id: true,
  complaintId: true,
  officeId: true,
  state: true,
  openedAt: true,
  actionTaken: true,
  completedAt: true,
  completedBy: true,
  rating: { select: ratingSelect },
  deadline: { select: { id: true, ...deadlineSelect } },
  callbacks: { orderBy: { calledAt: 'asc' }, select: { id: true, calledAt: true, byUserId: true, reached: true, reporterSaid: true, createdAt: true } },
  office: { select: { id: true, name: true } },
  complaint: {
    select: {
      id: true,
      trackingNo: true,
      kind: true,
      status: true,
      cadreId: true,
      anonymous: true,
      reporterUserId: true,
      reporterName: true,
      reporterPhoneMasked: true,
      reporterPhoneEnc: true,
      businessName: true,
      category: true,
      outcome: true,
      transferTo: true,
      business: { select: { id: true, name: true } },
      office: { select: { name: true } },
      ratings: { where: { round: 2 }, select: ratingSelect },
    },
  },
} as const satisfies P.RectificationSelect;
export type RectificationRow = P.RectificationGetPayload<{ select: typeof rectificationSelect }>;

/** An audit entry of a rating step; it keeps the complaint's status on both sides. */
export type RatingEvent = { complaintId: number; userId: number | null; role: string; action: string; status: RatingComplaint['status']; reason: string | null; payload: P.InputJsonValue };

export type NewRating = {
  complaintId: number;
  round: 1 | 2;
  level: number;
  tags: string[];
  comment: string | null;
  /** 内容安全: the comment's flag (REVIEW, UNCHECKED), as on complaints */
  contentFlag: ContentFlag | null;
  userId: number | null;
  byVolunteer: boolean;
  at: Date;
  /** a round-1 差评: the rectification for the handling office and its RECTIFY deadline */
  rectification: null | { officeId: number | null; startDate: string; workingDays: number; dueDate: string };
};

function ratingScopeWhere(scope: RatingScope): P.RatingWhereInput {
  if ('officeId' in scope) return { complaint: { officeId: scope.officeId } };
  if ('cadreId' in scope) return { complaint: { cadreId: scope.cadreId } };
  return {};
}

function rectificationScopeWhere(scope: RatingScope): P.RectificationWhereInput {
  if ('officeId' in scope) return { officeId: scope.officeId };
  if ('cadreId' in scope) return { complaint: { cadreId: scope.cadreId } };
  return {};
}

/** The only place that queries ratings, rectifications and callbacks. */
@Injectable()
export class RatingsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  complaint(id: number): Promise<RatingComplaint | null> {
    return this.prisma.complaint.findUnique({ where: { id }, select: subjectSelect });
  }

  complaintByTrackingNo(trackingNo: string): Promise<RatingComplaint | null> {
    return this.prisma.complaint.findUnique({ where: { trackingNo }, select: subjectSelect });
  }

  /** The ratings and rectification of each complaint, for the reporter's views of a page. */
  async ratingStates(complaintIds: number[]) {
    if (complaintIds.length === 0) return new Map<number, Pick<RatingComplaint, 'ratings' | 'rectification'>>();
    const rows = await this.prisma.complaint.findMany({
      where: { id: { in: complaintIds } },
      select: { id: true, ratings: subjectSelect.ratings, rectification: subjectSelect.rectification },
    });
    return new Map(rows.map((r) => [r.id, { ratings: r.ratings, rectification: r.rectification }]));
  }

  /**
   * The rating, its audit entry and, for a first 差评, the rectification with its RECTIFY deadline, in one
   * transaction; `notify` writes the inbox notices in it. A second rating of the same round breaks the unique
   * (complaintId, round) and rolls everything back.
   */
  createRating(r: NewRating, event: RatingEvent, notify: (tx: P.TransactionClient, ratingId: number) => Promise<unknown>) {
    return this.prisma.$transaction(async (tx) => {
      const rating = await tx.rating.create({
        data: { complaintId: r.complaintId, round: r.round, level: r.level, tags: r.tags, comment: r.comment, contentFlag: r.contentFlag, userId: r.userId, byVolunteer: r.byVolunteer, createdAt: r.at },
        select: ratingSelect,
      });
      let rectificationId: number | null = null;
      if (r.rectification) {
        const deadline = await tx.deadline.create({
          data: {
            complaintId: r.complaintId,
            kind: 'RECTIFY',
            startDate: toDbDate(r.rectification.startDate),
            workingDays: r.rectification.workingDays,
            unit: 'WORKING_DAYS',
            dueDate: toDbDate(r.rectification.dueDate),
          },
          select: { id: true },
        });
        const rect = await tx.rectification.create({
          data: { complaintId: r.complaintId, ratingId: rating.id, deadlineId: deadline.id, officeId: r.rectification.officeId, openedAt: r.at },
          select: { id: true },
        });
        rectificationId = rect.id;
      }
      await this.trail(tx, r.at, {
        ...event,
        payload: { ...(event.payload as Record<string, unknown>), ratingId: rating.id, ...(rectificationId ? { rectificationId, rectifyDue: r.rectification!.dueDate } : {}) } as P.InputJsonValue,
      });
      await notify(tx, rating.id);
      return rating;
    });
  }

  async staffRatings(
    scope: RatingScope,
    f: { level?: number; poorOnly?: boolean; round?: number; createdFrom?: Date; createdBefore?: Date },
    page: { limit: number; offset: number },
  ) {
    const base: P.RatingWhereInput = {
      ...ratingScopeWhere(scope),
      ...(f.round !== undefined ? { round: f.round } : {}),
      ...(f.createdFrom || f.createdBefore ? { createdAt: { ...(f.createdFrom ? { gte: f.createdFrom } : {}), ...(f.createdBefore ? { lt: f.createdBefore } : {}) } } : {}),
    };
    const levelWhere: P.IntFilter = { ...(f.level !== undefined ? { equals: f.level } : {}), ...(f.poorOnly ? { lte: 2 } : {}) };
    const where: P.RatingWhereInput = { ...base, ...(Object.keys(levelWhere).length ? { level: levelWhere } : {}) };
    const [rows, total, byLevel] = await this.prisma.$transaction([
      this.prisma.rating.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: page.limit, skip: page.offset, select: staffRatingSelect }),
      this.prisma.rating.count({ where }),
      // The level tabs: every level within scope and the other filters, so a tab shows what choosing it lists.
      this.prisma.rating.groupBy({ by: ['level'], where: base, orderBy: { level: 'asc' }, _count: { _all: true } }),
    ]);
    return { rows, total, byLevel: new Map(byLevel.map((g) => [g.level, (g._count as { _all: number })._all])) };
  }

  ratingsOfComplaint(complaintId: number): Promise<StaffRatingRow[]> {
    return this.prisma.rating.findMany({ where: { complaintId }, orderBy: { round: 'asc' }, select: staffRatingSelect });
  }

  /** One page of the 差评 queue: open ones by their due date (so overdue first), done ones newest first. */
  async rectifications(scope: RatingScope, state: RectificationState, page: { limit: number; offset: number }) {
    const inScope = rectificationScopeWhere(scope);
    const where: P.RectificationWhereInput = { ...inScope, state };
    const orderBy: P.RectificationOrderByWithRelationInput[] =
      state === 'OPEN' ? [{ deadline: { dueDate: 'asc' } }, { id: 'asc' }] : [{ completedAt: 'desc' }, { id: 'desc' }];
    const [rows, total, byState] = await this.prisma.$transaction([
      this.prisma.rectification.findMany({ where, orderBy, take: page.limit, skip: page.offset, select: rectificationSelect }),
      this.prisma.rectification.count({ where }),
      this.prisma.rectification.groupBy({ by: ['state'], where: inScope, orderBy: { state: 'asc' }, _count: { _all: true } }),
    ]);
    return { rows, total, byState: new Map(byState.map((g) => [g.state, (g._count as { _all: number })._all])) };
  }

  rectification(id: number): Promise<RectificationRow | null> {
    return this.prisma.rectification.findUnique({ where: { id }, select: rectificationSelect });
  }

  async userNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  /** 回访 while the rectification is open; null when it was completed meanwhile. */
  addCallback(
    rectificationId: number,
    c: { calledAt: Date; byUserId: number; reached: boolean; reporterSaid: string | null; at: Date },
    event: RatingEvent,
  ) {
    return this.prisma.$transaction(async (tx) => {
      // Takes the row, so a completion at the same moment either sees this callback or makes it fail.
      const open = await tx.$executeRaw`UPDATE "Rectification" SET "state" = 'OPEN' WHERE "id" = ${rectificationId} AND "state" = 'OPEN'`;
      if (open !== 1) return null;
      const created = await tx.rectificationCallback.create({
        data: { rectificationId, calledAt: c.calledAt, byUserId: c.byUserId, reached: c.reached, reporterSaid: c.reporterSaid, createdAt: c.at },
        select: { id: true },
      });
      await this.trail(tx, c.at, { ...event, payload: { ...(event.payload as Record<string, unknown>), callbackId: created.id } as P.InputJsonValue });
      return created.id;
    });
  }

  /**
   * 整改办结: claimed by a conditional update (twice, or at once from two desks, completes once), only with a
   * callback on record; the RECTIFY deadline is met with it. 'NO_CALLBACK' and 'DONE' say why nothing changed.
   */
  complete(
    r: { id: number; deadlineId: number },
    done: { actionTaken: string; userId: number; at: Date },
    event: RatingEvent,
    notify: (tx: P.TransactionClient) => Promise<unknown>,
  ): Promise<'OK' | 'NO_CALLBACK' | 'DONE'> {
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        UPDATE "Rectification" SET "state" = 'DONE', "actionTaken" = ${done.actionTaken}, "completedAt" = ${done.at}, "completedBy" = ${done.userId}
        WHERE "id" = ${r.id} AND "state" = 'OPEN'
          AND EXISTS (SELECT 1 FROM "RectificationCallback" cb WHERE cb."rectificationId" = ${r.id})`;
      if (claimed !== 1) {
        const now = await tx.rectification.findUniqueOrThrow({ where: { id: r.id }, select: { state: true } });
        return now.state === 'DONE' ? 'DONE' : 'NO_CALLBACK';
      }
      await tx.deadline.updateMany({ where: { id: r.deadlineId, state: 'OPEN' }, data: { state: 'MET', metAt: done.at } });
      await this.trail(tx, done.at, event);
      await notify(tx);
      return 'OK';
    });
  }

  private async trail(tx: P.TransactionClient, at: Date, e: RatingEvent): Promise<void> {
    await tx.complaintEvent.create({
      data: { complaintId: e.complaintId, at, actorUserId: e.userId, actorRole: e.role, action: e.action, fromStatus: e.status, toStatus: e.status, reason: e.reason, payload: e.payload },
    });
  }
}
