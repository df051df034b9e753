import { Inject, Injectable } from '@nestjs/common';
import {
  COMPLAINT_KIND_LABELS,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  RECTIFICATION_STATES,
  RERATING_WINDOW_DAYS,
  type CallbackInput,
  type CallbackView,
  type FlaggedRatingView,
  type GuestRatingInput,
  type RatingInput,
  type RatingLevel,
  type RatingView,
  type RectificationList,
  type RectificationsQuery,
  type RectificationView,
  type ReporterRatingState,
  type StaffRating,
  type StaffRatingList,
  type WorkbenchRatingsQuery,
} from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import type { AuthUser } from '../auth/auth.decorators';
import { CalendarService } from '../calendar/calendar.service';
import { addCalendarDays, shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { PhoneCipher } from '../common/phone-crypto';
import { ContentSafetyService, TEXT_SCENES } from '../content-safety/content-safety.service';
import { type DeadlineContext, deadlineView, redactReporter } from '../complaints/complaint-views';
import { dueAfter, fromDbDate, isProvisional } from '../complaints/deadlines';
import { queryCodeMatches } from '../complaints/tracking';
import { ENV, type Env } from '../config/env';
import type { InboxNotice } from '../notifications/inbox-notices';
import { noticeSubject, NotificationsService } from '../notifications/notifications.service';
import { isUniqueViolation } from '../registry/prisma-errors';
import { callbackTimeProblem, flaggedRatingView, opensRectification, ratingView, ratingWindow, reporterRatingState } from './rating-rules';
import { type RatingComplaint, type RatingScope, RatingsRepository, type RectificationRow, type StaffRatingRow } from './ratings.repository';

/** Instant at which a Shanghai calendar day starts. */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Who gives a rating: a signed-in reporter (resident or volunteer), or a guest holding the tracking number and query code. */
type Rater = { userId: number; volunteer: boolean } | { guest: true };

const about = (c: RatingComplaint) => {
  const s = noticeSubject(c);
  return `受理编号 ${s.trackingNo}（${COMPLAINT_KIND_LABELS[s.kind]}：${s.businessName ?? s.categoryLabel}）`;
};

/**
 * To the handling office's staff: a first 差评 and the task it opened. Names no reporter. A due day counted into a
 * year without its holiday schedule is said to be an estimate, in the workbench's words.
 */
export function poorRatingNotice(c: RatingComplaint, level: number, due: { dueDate: string; provisional: boolean }): InboxNotice {
  const estimate = due.provisional ? '（暂估，节假日安排未公布）' : '';
  return {
    kind: 'COMPLAINT_UPDATE',
    title: `差评待整改：${c.business?.name ?? c.businessName ?? c.trackingNo}`,
    body: `${about(c)}收到差评（${RATING_LEVEL_LABELS[level as RatingLevel]}），已生成整改任务。请于 ${due.dueDate} 24:00 前${estimate}回访举报人并记录整改情况。`,
  };
}

/** To the bureau admins: the reporter is still dissatisfied after the rectification. */
export function secondPoorRatingNotice(c: RatingComplaint, level: number): InboxNotice {
  return {
    kind: 'COMPLAINT_UPDATE',
    title: `整改后仍为差评：${c.business?.name ?? c.businessName ?? c.trackingNo}`,
    body: `${about(c)}的差评经${c.office?.name ?? '承办单位'}整改回访后，举报人再次评价为「${RATING_LEVEL_LABELS[level as RatingLevel]}」，请区食安办关注督办。`,
  };
}

/** To a signed-in reporter once the office has recorded the rectification. */
export function rectifiedNotice(trackingNo: string, rateUntil: string): InboxNotice {
  return {
    kind: 'COMPLAINT_UPDATE',
    title: '您的差评已整改',
    body: `受理编号 ${trackingNo} 的整改情况已记录，您可以在「我的」中查看，并在 ${rateUntil} 前再评价一次。`,
  };
}

/** 好差评 and 差评整改 (回访 and what was done), for reporters and for the workbench. */
@Injectable()
export class RatingsService {
  private readonly cipher: PhoneCipher;

  constructor(
    private readonly repo: RatingsRepository,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly safety: ContentSafetyService,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.cipher = new PhoneCipher(env.secrets.phoneKey);
  }

  /** The signed-in reporter rates their own complaint; anyone else is told they are not its reporter. */
  async rate(id: number, user: AuthUser, input: RatingInput): Promise<RatingView> {
    const c = await this.repo.complaint(id);
    if (!c) throw new DomainException('NOT_FOUND');
    if (c.reporterUserId !== user.id) throw new DomainException('NOT_THE_REPORTER');
    return this.give(c, { userId: user.id, volunteer: user.role === 'VOLUNTEER' }, input);
  }

  /** A guest rates with the tracking number and query code; a wrong pair gets the tracking page's one answer. */
  async rateAsGuest(input: GuestRatingInput): Promise<RatingView> {
    const c = await this.repo.complaintByTrackingNo(input.trackingNo);
    if (!c || !c.idempotencyKey || !queryCodeMatches(this.env.secrets.queryCodeSecret, c.trackingNo, c.idempotencyKey, input.queryCode)) {
      throw new DomainException('TRACKING_NOT_FOUND');
    }
    return this.give(c, { guest: true }, input);
  }

  private async give(c: RatingComplaint, rater: Rater, input: RatingInput): Promise<RatingView> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const window = ratingWindow(c, today);
    if (!window.open) throw new DomainException(window.code, window.message);
    const round = window.round;
    const userId = 'userId' in rater ? rater.userId : null;
    // 内容安全 for a mini-program reporter: a risky comment refuses the rating before anything is saved.
    const contentFlag = await this.safety.screen({ userId, texts: [{ text: input.comment ?? '', scene: TEXT_SCENES.comment }], photoIds: [] });
    const rectification = opensRectification(round, input.level)
      ? {
          officeId: c.officeId,
          startDate: today,
          workingDays: this.env.ratings.rectifyWorkingDays,
          dueDate: await dueAfter(this.calendar, today, this.env.ratings.rectifyWorkingDays, 'WORKING_DAYS'),
        }
      : null;
    // Read from the calendar just used for the due day (cached): no further statement.
    const provisional = rectification !== null && isProvisional(today, rectification.dueDate, 'WORKING_DAYS', await this.calendar.scheduledYears());
    const tags = [...new Set(input.tags ?? [])];
    try {
      const rating = await this.repo.createRating(
        { complaintId: c.id, round, level: input.level, tags, comment: input.comment || null, contentFlag, userId, byVolunteer: 'volunteer' in rater && rater.volunteer, at: now, rectification },
        { complaintId: c.id, userId, role: 'REPORTER', action: 'rate', status: c.status, reason: null, payload: { round, level: input.level, ...(tags.length ? { tags } : {}) } },
        async (tx, ratingId) => {
          if (rectification) {
            const staff = await this.notifications.recipients(tx, { officeId: c.officeId });
            await this.notifications.notify(tx, staff, poorRatingNotice(c, input.level, { dueDate: rectification.dueDate, provisional }), c.id, `rating:${ratingId}:poor`);
          } else if (round === 2 && input.level <= 2) {
            const admins = await this.notifications.recipients(tx, { admins: true });
            await this.notifications.notify(tx, admins, secondPoorRatingNotice(c, input.level), c.id, `rating:${ratingId}:second-poor`);
          }
        },
      );
      return ratingView(rating);
    } catch (err) {
      // The same reporter on two devices at once: the second rating of a round finds the first.
      if (isUniqueViolation(err)) throw new DomainException('RATING_ALREADY_GIVEN');
      throw err;
    }
  }

  /** The rating part of each reporter view (ComplaintPublicView.rating), in the order given. */
  async reporterStates(cs: readonly { id: number; status: RatingComplaint['status']; resolvedAt: Date | null }[]): Promise<(ReporterRatingState | null)[]> {
    const [states, years] = await Promise.all([this.repo.ratingStates(cs.map((c) => c.id)), this.calendar.scheduledYears()]);
    const today = shanghaiDate(this.clock.now());
    return cs.map((c) => {
      const s = states.get(c.id);
      const rect = s?.rectification ?? null;
      const limit = rect && { startDate: fromDbDate(rect.deadline.startDate), dueDate: fromDbDate(rect.deadline.dueDate) };
      return reporterRatingState(
        {
          status: c.status,
          resolvedAt: c.resolvedAt,
          ratings: s?.ratings ?? [],
          rectification:
            rect && limit
              ? {
                  state: rect.state,
                  completedAt: rect.completedAt,
                  actionTaken: rect.actionTaken,
                  dueDate: limit.dueDate,
                  // As on the reporter's other limits: an open one running into a year without its schedule.
                  provisional: rect.deadline.state === 'OPEN' && isProvisional(limit.startDate, limit.dueDate, rect.deadline.unit, years),
                }
              : null,
        },
        today,
      );
    });
  }

  /** The one staff scope for ratings and rectifications, the workbench's. */
  scopeOf(user: AuthUser): RatingScope {
    if (user.role === 'ADMIN') return { all: true };
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null) return { officeId: user.officeId };
    if (user.role === 'CADRE' && user.cadreId !== null) return { cadreId: user.cadreId };
    throw new DomainException('FORBIDDEN');
  }

  async ratings(user: AuthUser, q: WorkbenchRatingsQuery): Promise<StaffRatingList> {
    if (q.from && q.to && q.from > q.to) {
      throw new DomainException('VALIDATION_FAILED', '提交的内容不符合要求：from：开始日期不能晚于结束日期', [{ path: 'from', message: '开始日期不能晚于结束日期' }]);
    }
    const page = await this.repo.staffRatings(
      this.scopeOf(user),
      {
        level: q.level,
        poorOnly: q.poorOnly,
        round: q.round,
        createdFrom: q.from ? shanghaiMidnight(q.from) : undefined,
        createdBefore: q.to ? shanghaiMidnight(addCalendarDays(q.to, 1)) : undefined,
      },
      q,
    );
    const counts = Object.fromEntries(RATING_LEVELS.map((l) => [l, page.byLevel.get(l) ?? 0])) as Record<RatingLevel, number>;
    return { items: page.rows.map((r) => staffRating(r, user)), total: page.total, counts };
  }

  /** The ratings of one complaint for its workbench detail (the caller has checked the scope). */
  async ofComplaint(complaintId: number, user: AuthUser): Promise<{ ratings: StaffRating[]; rectificationId: number | null }> {
    const rows = await this.repo.ratingsOfComplaint(complaintId);
    return { ratings: rows.map((r) => staffRating(r, user)), rectificationId: rows.find((r) => r.rectification)?.rectification?.id ?? null };
  }

  async rectifications(user: AuthUser, q: RectificationsQuery): Promise<RectificationList> {
    const [page, ctx] = await Promise.all([this.repo.rectifications(this.scopeOf(user), q.state, q), this.deadlineContext()]);
    const names = await this.repo.userNames(page.rows.flatMap(peopleOf));
    const counts = Object.fromEntries(RECTIFICATION_STATES.map((s) => [s, page.byState.get(s) ?? 0])) as RectificationList['counts'];
    return { items: page.rows.map((r) => this.view(r, user, names, ctx)), total: page.total, counts };
  }

  async rectification(id: number, user: AuthUser): Promise<RectificationView> {
    return this.present(await this.load(id, user), user);
  }

  async addCallback(id: number, user: AuthUser, input: CallbackInput): Promise<CallbackView> {
    const r = await this.loadForAction(id, user);
    const now = this.clock.now();
    const calledAt = new Date(input.calledAt);
    const problem = callbackTimeProblem(calledAt, r.rating.createdAt, now);
    if (problem === 'IN_FUTURE') throw new DomainException('CALLBACK_IN_FUTURE');
    if (problem === 'BEFORE_RATING') {
      throw new DomainException('VALIDATION_FAILED', '提交的内容不符合要求：calledAt：回访时间不能早于差评时间', [{ path: 'calledAt', message: '回访时间不能早于差评时间' }]);
    }
    const reporterSaid = input.reporterSaid || null;
    const callbackId = await this.repo.addCallback(
      r.id,
      { calledAt, byUserId: user.id, reached: input.reached, reporterSaid, at: now },
      { complaintId: r.complaintId, userId: user.id, role: user.role, action: 'rectifyCallback', status: r.complaint.status, reason: null, payload: { rectificationId: r.id, calledAt: calledAt.toISOString(), reached: input.reached } },
    );
    if (callbackId === null) throw new DomainException('RECTIFICATION_DONE');
    return { id: callbackId, calledAt: calledAt.toISOString(), byName: user.displayName, reached: input.reached, reporterSaid, createdAt: now.toISOString() };
  }

  async complete(id: number, user: AuthUser, actionTaken: string): Promise<RectificationView> {
    const r = await this.loadForAction(id, user);
    const now = this.clock.now();
    const rateUntil = addCalendarDays(shanghaiDate(now), RERATING_WINDOW_DAYS);
    const result = await this.repo.complete(
      { id: r.id, deadlineId: r.deadline.id },
      { actionTaken, userId: user.id, at: now },
      { complaintId: r.complaintId, userId: user.id, role: user.role, action: 'rectifyComplete', status: r.complaint.status, reason: actionTaken, payload: { rectificationId: r.id } as P.InputJsonValue },
      async (tx) => {
        if (r.complaint.reporterUserId === null) return;
        await this.notifications.notify(tx, [r.complaint.reporterUserId], rectifiedNotice(r.complaint.trackingNo, rateUntil), r.complaintId, `rectification:${r.id}:done`);
      },
    );
    if (result === 'DONE') throw new DomainException('RECTIFICATION_DONE');
    if (result === 'NO_CALLBACK') throw new DomainException('CALLBACK_REQUIRED');
    return this.rectification(id, user);
  }

  /** Out of scope is 404, so another office's queue is not revealed. */
  private async load(id: number, user: AuthUser): Promise<RectificationRow> {
    const scope = this.scopeOf(user);
    const r = await this.repo.rectification(id);
    if (!r) throw new DomainException('NOT_FOUND', '整改任务不存在');
    const inScope = 'all' in scope || ('officeId' in scope ? r.officeId === scope.officeId : r.complaint.cadreId === scope.cadreId);
    if (!inScope) throw new DomainException('NOT_FOUND', '整改任务不存在');
    return r;
  }

  private async loadForAction(id: number, user: AuthUser): Promise<RectificationRow> {
    const r = await this.load(id, user);
    if (!canAct(r, user)) throw new DomainException('FORBIDDEN', '包保干部只能查看整改情况，回访和整改由承办监管所办理');
    if (r.state === 'DONE') throw new DomainException('RECTIFICATION_DONE');
    return r;
  }

  private async present(r: RectificationRow, user: AuthUser): Promise<RectificationView> {
    const [names, ctx] = await Promise.all([this.repo.userNames(peopleOf(r)), this.deadlineContext()]);
    return this.view(r, user, names, ctx);
  }

  private view(r: RectificationRow, user: AuthUser, names: ReadonlyMap<number, string>, ctx: DeadlineContext): RectificationView {
    // A cadre never learns who reported: the reporter's name and numbers are removed from every text they read.
    const secrets = user.role === 'CADRE' ? this.reporterSecrets(r.complaint) : null;
    const scrub = (text: string | null) => (text !== null && secrets ? redactReporter(text, secrets) : text);
    const scrubbed = (v: FlaggedRatingView): FlaggedRatingView => ({ ...v, comment: scrub(v.comment) });
    const second = r.complaint.ratings[0];
    return {
      id: r.id,
      complaintId: r.complaintId,
      trackingNo: r.complaint.trackingNo,
      kind: r.complaint.kind,
      state: r.state,
      openedAt: r.openedAt.toISOString(),
      rating: scrubbed(flaggedRatingView(r.rating)),
      secondRating: second ? scrubbed(flaggedRatingView(second)) : null,
      business: r.complaint.business,
      office: r.office,
      deadline: deadlineView(r.deadline, ctx),
      callbacks: r.callbacks.map((cb) => ({
        id: cb.id,
        calledAt: cb.calledAt.toISOString(),
        byName: names.get(cb.byUserId) ?? '工作人员',
        reached: cb.reached,
        reporterSaid: scrub(cb.reporterSaid),
        createdAt: cb.createdAt.toISOString(),
      })),
      actionTaken: scrub(r.actionTaken),
      completedAt: r.completedAt?.toISOString() ?? null,
      completedByName: r.completedBy === null ? null : (names.get(r.completedBy) ?? '工作人员'),
      reporterReachable: !r.complaint.anonymous && r.complaint.reporterPhoneEnc !== null,
      canAct: canAct(r, user) && r.state === 'OPEN',
    };
  }

  private reporterSecrets(c: RectificationRow['complaint']): string[] {
    const secrets = [c.reporterName, c.reporterPhoneMasked];
    if (c.reporterPhoneEnc) secrets.push(this.cipher.decrypt(c.reporterPhoneEnc));
    return secrets.filter((s): s is string => !!s);
  }

  private async deadlineContext(): Promise<DeadlineContext> {
    const [calendar, scheduledYears] = await Promise.all([this.calendar.calendar(), this.calendar.scheduledYears()]);
    return { today: shanghaiDate(this.clock.now()), calendar, scheduledYears };
  }
}

/** Callbacks and completion: the handling office's staff and the admin; a cadre reads only. */
function canAct(r: { officeId: number | null }, user: AuthUser): boolean {
  return user.role === 'ADMIN' || (user.role === 'OFFICE_STAFF' && user.officeId !== null && r.officeId === user.officeId);
}

function peopleOf(r: RectificationRow): number[] {
  return [...r.callbacks.map((c) => c.byUserId), ...(r.completedBy === null ? [] : [r.completedBy])];
}

/** A rating as staff see it: never who gave it; for a cadre, the reporter's name and numbers removed from the comment. */
export function staffRating(r: StaffRatingRow, user: AuthUser): StaffRating {
  const v = flaggedRatingView(r);
  const secrets = [r.complaint.reporterName, r.complaint.reporterPhoneMasked].filter((s): s is string => !!s);
  return {
    ...v,
    comment: v.comment !== null && user.role === 'CADRE' ? redactReporter(v.comment, secrets) : v.comment,
    complaintId: r.complaint.id,
    trackingNo: r.complaint.trackingNo,
    kind: r.complaint.kind,
    outcome: r.complaint.outcome,
    business: r.complaint.business,
    office: r.complaint.office,
    byVolunteer: r.byVolunteer,
    rectificationId: r.rectification?.id ?? null,
  };
}
