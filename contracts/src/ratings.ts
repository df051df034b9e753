import { z } from 'zod';
import { formText, isoDate, paging, type Page, wholeNumber } from './common';
import type { ContentFlag } from './content-safety';
import { trackComplaintQuery, type ComplaintKind, type ComplaintOutcome } from './complaints';
import type { Ref } from './registry';
import type { DeadlineView } from './workbench';

/** 好差评 levels (国办发〔2019〕51号): 5 非常满意 … 1 非常不满意; 1 and 2 are 差评. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** A rating at or below this level is a 差评 and opens a rectification task. */
export const POOR_RATING_MAX = 2;
export const isPoorRating = (level: number) => level <= POOR_RATING_MAX;

/** The tags a rater may pick (any number of them). */
export const RATING_TAGS = ['响应快', '处理彻底', '态度好', '沟通及时', '结果满意', '未解决', '推诿', '响应慢', '态度差', '答复不清'] as const;
export type RatingTag = (typeof RATING_TAGS)[number];
/** Calendar days after resolution within which the reporter may give the first rating; later it counts as 未评价. */
export const RATING_WINDOW_DAYS = 15;
/** Calendar days after the rectification is done within which the reporter may rate once more. */
export const RERATING_WINDOW_DAYS = 15;

/** Entries ratings and rectifications add to the complaint's audit trail. */
export const RATING_EVENT_LABELS = {
  rate: '好差评',
  rectifyCallback: '差评回访',
  rectifyComplete: '差评整改办结',
} as const;
export type RatingEventAction = keyof typeof RATING_EVENT_LABELS;

/** POST /api/v1/complaints/{id}/rating (the signed-in reporter). */
export const ratingInput = z.object({
  level: z.union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)], { message: '请选择评价等级（1 到 5）' }),
  tags: z.array(z.enum(RATING_TAGS)).max(RATING_TAGS.length).optional(),
  comment: formText(0, 500, { multiline: true, maxMessage: '评价内容最多 500 字' }).optional(),
});
export type RatingInput = z.infer<typeof ratingInput>;

/** POST /api/v1/complaints/track/rating: a guest rates with the tracking number and query code. */
export const guestRatingInput = ratingInput.extend(trackComplaintQuery.shape);
export type GuestRatingInput = z.infer<typeof guestRatingInput>;

export type RatingView = {
  id: number;
  /** 1 the first rating, 2 the rating after the rectification */
  round: 1 | 2;
  level: RatingLevel;
  levelLabel: string;
  tags: string[];
  comment: string | null;
  createdAt: string;
};

/**
 * The rating part of a complaint as its reporter sees it (ComplaintPublicView.rating).
 * `canRate`: the form is offered now (first rating within 15 days of resolution, or the second after the rectification).
 */
export type ReporterRatingState = {
  ratings: RatingView[];
  canRate: boolean;
  /** which rating the form would give */
  nextRound: 1 | 2 | null;
  /** last day (Shanghai) the form is open; null when it is not */
  rateUntil: string | null;
  /**
   * a 差评 is being rectified: the office will call back by `dueDate`; `provisional`: that day runs into a year whose
   * official holiday schedule is not entered yet
   */
  rectification: null | { state: RectificationState; dueDate: string; provisional: boolean; completedAt: string | null; actionTaken: string | null };
};

export const RECTIFICATION_STATES = ['OPEN', 'DONE'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const RECTIFICATION_STATE_LABELS: Record<RectificationState, string> = { OPEN: '整改中', DONE: '已整改' };

/** GET /api/v1/workbench/ratings: every rating in scope, newest first. */
export const workbenchRatingsQuery = z.object({
  level: wholeNumber(1, 5, '评价等级应为 1–5 的整数').optional(),
  poorOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  round: wholeNumber(1, 2, '评价轮次应为 1 或 2').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging,
});
export type WorkbenchRatingsQuery = z.infer<typeof workbenchRatingsQuery>;

/** A rating in a staff view: with its content-safety flag (内容待复核 / 未经内容安全检测), which its rater never sees. */
export type FlaggedRatingView = RatingView & { contentFlag: ContentFlag | null };

/** A rating as staff see it: never the rater's identity. */
export type StaffRating = FlaggedRatingView & {
  complaintId: number;
  trackingNo: string;
  kind: ComplaintKind;
  outcome: ComplaintOutcome | null;
  business: Ref | null;
  office: Ref | null;
  byVolunteer: boolean;
  rectificationId: number | null;
};
export type StaffRatingList = Page<StaffRating> & { counts: Record<RatingLevel, number> };

/** GET /api/v1/workbench/rectifications: the 差评 queue; open ones overdue first. */
export const rectificationsQuery = z.object({
  state: z.enum(RECTIFICATION_STATES).default('OPEN'),
  ...paging,
});
export type RectificationsQuery = z.infer<typeof rectificationsQuery>;

export type CallbackView = { id: number; calledAt: string; byName: string; reached: boolean; reporterSaid: string | null; createdAt: string };

export type RectificationView = {
  id: number;
  complaintId: number;
  trackingNo: string;
  kind: ComplaintKind;
  state: RectificationState;
  openedAt: string;
  rating: FlaggedRatingView;
  /** the round-2 rating, when the reporter gave one */
  secondRating: FlaggedRatingView | null;
  business: Ref | null;
  office: Ref | null;
  deadline: DeadlineView;
  callbacks: CallbackView[];
  actionTaken: string | null;
  completedAt: string | null;
  completedByName: string | null;
  /** the reporter can be called: a real-name report; staff open the number with 查看联系方式 */
  reporterReachable: boolean;
  /** this viewer may record callbacks and complete it (the handling office's staff, the admin); cadres only read */
  canAct: boolean;
};
export type RectificationList = Page<RectificationView> & { counts: Record<RectificationState, number> };

/** POST /api/v1/workbench/rectifications/{id}/callbacks: one call to the reporter. */
export const callbackInput = z
  .object({
    calledAt: z.string().datetime({ offset: true, message: '回访时间格式无效' }),
    reached: z.boolean(),
    reporterSaid: formText(0, 1000, { multiline: true, maxMessage: '最多 1000 字' }).optional(),
  })
  .refine((c) => !c.reached || (c.reporterSaid ?? '').length >= 2, { path: ['reporterSaid'], message: '已接通时请记录举报人的意见' });
export type CallbackInput = z.infer<typeof callbackInput>;

/** POST /api/v1/workbench/rectifications/{id}/complete: what was done; needs at least one callback first. */
export const rectificationCompleteInput = z.object({
  actionTaken: formText(4, 2000, { multiline: true, minMessage: '请写明整改情况（至少 4 个字）', maxMessage: '最多 2000 字' }),
});
export type RectificationCompleteInput = z.infer<typeof rectificationCompleteInput>;
