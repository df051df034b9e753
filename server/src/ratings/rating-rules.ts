import {
  isPoorRating,
  RATING_LEVEL_LABELS,
  RATING_WINDOW_DAYS,
  RERATING_WINDOW_DAYS,
  type ComplaintStatus,
  type ContentFlag,
  type ErrorCode,
  type FlaggedRatingView,
  type RatingLevel,
  type RatingView,
  type RectificationState,
  type ReporterRatingState,
} from '@sa/contracts';
import { addCalendarDays, shanghaiDate } from '../calendar/working-days';

/** What the rating rules read about a complaint: its status, its last resolution, its ratings and its rectification. */
export type RatingSubject = {
  status: ComplaintStatus;
  resolvedAt: Date | null;
  ratings: readonly { round: number; level: number }[];
  rectification: { state: RectificationState; completedAt: Date | null } | null;
};

/** The form is open for `round` until `until` (a Shanghai day, inclusive), or closed with the reason in Chinese. */
export type RatingWindow =
  | { open: true; round: 1 | 2; until: string }
  | { open: false; code: Extract<ErrorCode, 'RATING_NOT_OPEN' | 'RATING_ALREADY_GIVEN'>; message: string; round: 1 | 2 | null };

/** 已办结: handled to the end and answered; a rejected or transferred complaint that was archived has no resolution. */
const RATEABLE_STATUSES: readonly ComplaintStatus[] = ['RESOLVED', 'CLOSED'];

/**
 * The one rule for whether the reporter may rate now (`today` a Shanghai day):
 * round 1 once, within RATING_WINDOW_DAYS calendar days after the day of resolution; after a round-1 差评, round 2
 * once, within RERATING_WINDOW_DAYS calendar days after the day the rectification was completed.
 */
export function ratingWindow(s: RatingSubject, today: string): RatingWindow {
  const first = s.ratings.find((r) => r.round === 1);
  if (!first) {
    if (!RATEABLE_STATUSES.includes(s.status) || !s.resolvedAt) {
      return { open: false, code: 'RATING_NOT_OPEN', message: '该事项尚未办结，办结后可以评价', round: 1 };
    }
    const until = addCalendarDays(shanghaiDate(s.resolvedAt), RATING_WINDOW_DAYS);
    if (today > until) {
      return { open: false, code: 'RATING_NOT_OPEN', message: `已超过评价期限：办结后 ${RATING_WINDOW_DAYS} 日内可以评价（截至 ${until}）`, round: 1 };
    }
    return { open: true, round: 1, until };
  }
  if (s.ratings.some((r) => r.round === 2) || !isPoorRating(first.level) || !s.rectification) {
    return { open: false, code: 'RATING_ALREADY_GIVEN', message: '您已评价过该事项', round: null };
  }
  if (s.rectification.state !== 'DONE' || !s.rectification.completedAt) {
    return { open: false, code: 'RATING_NOT_OPEN', message: '您的差评正在整改，整改完成后可以再评价一次', round: 2 };
  }
  const until = addCalendarDays(shanghaiDate(s.rectification.completedAt), RERATING_WINDOW_DAYS);
  if (today > until) {
    return { open: false, code: 'RATING_NOT_OPEN', message: `已超过再次评价期限：整改完成后 ${RERATING_WINDOW_DAYS} 日内可以再评价一次（截至 ${until}）`, round: 2 };
  }
  return { open: true, round: 2, until };
}

/** A first rating at 差评 level opens a rectification; a second one goes to the bureau. */
export function opensRectification(round: 1 | 2, level: number): boolean {
  return round === 1 && isPoorRating(level);
}

export type RatingRow = { id: number; round: number; level: number; tags: string[]; comment: string | null; createdAt: Date };

export function ratingView(r: RatingRow): RatingView {
  const level = r.level as RatingLevel;
  return {
    id: r.id,
    round: r.round === 2 ? 2 : 1,
    level,
    levelLabel: RATING_LEVEL_LABELS[level],
    tags: r.tags,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The same rating in a staff view, with its content-safety flag. */
export function flaggedRatingView(r: RatingRow & { contentFlag: string | null }): FlaggedRatingView {
  return { ...ratingView(r), contentFlag: r.contentFlag as ContentFlag | null };
}

export type ReporterRatingSubject = Omit<RatingSubject, 'ratings' | 'rectification'> & {
  ratings: readonly RatingRow[];
  rectification: { state: RectificationState; completedAt: Date | null; actionTaken: string | null; dueDate: string; provisional: boolean } | null;
};

/**
 * The rating part of the reporter's view: null only when there is nothing to say yet (not resolved and no rating).
 * The rectification's deadline is the office's duty, so the reporter gets its due day but not the deadline itself.
 */
export function reporterRatingState(s: ReporterRatingSubject, today: string): ReporterRatingState | null {
  const resolved = RATEABLE_STATUSES.includes(s.status) && s.resolvedAt !== null;
  if (s.ratings.length === 0 && !resolved) return null;
  const window = ratingWindow(s, today);
  return {
    ratings: [...s.ratings].sort((a, b) => a.round - b.round).map(ratingView),
    canRate: window.open,
    nextRound: window.open ? window.round : null,
    rateUntil: window.open ? window.until : null,
    rectification: s.rectification
      ? {
          state: s.rectification.state,
          dueDate: s.rectification.dueDate,
          provisional: s.rectification.provisional,
          completedAt: s.rectification.completedAt?.toISOString() ?? null,
          actionTaken: s.rectification.actionTaken,
        }
      : null,
  };
}

/** 回访 are recorded after the call: not in the future, and not before the 差评 that asked for it. */
export function callbackTimeProblem(calledAt: Date, ratedAt: Date, now: Date): 'IN_FUTURE' | 'BEFORE_RATING' | null {
  // A minute of slack for a phone clock slightly ahead of the server's.
  if (calledAt.getTime() > now.getTime() + 60_000) return 'IN_FUTURE';
  if (calledAt.getTime() < ratedAt.getTime()) return 'BEFORE_RATING';
  return null;
}
