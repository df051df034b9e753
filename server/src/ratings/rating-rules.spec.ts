import { describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { callbackTimeProblem, opensRectification, ratingWindow, reporterRatingState, type RatingSubject } from './rating-rules';

const shanghai = (local: string) => new Date(`${local}+08:00`);
// Resolved late in the evening of 2 November (Shanghai), which is still 2 November: the window counts Shanghai days.
const resolvedAt = shanghai('2026-11-02T23:30:00');
const resolved = (over: Partial<RatingSubject> = {}): RatingSubject => ({ status: 'RESOLVED', resolvedAt, ratings: [], rectification: null, ...over });

describe('ratingWindow: when the reporter may rate', () => {
  it('opens the first rating on the day of resolution and keeps it open through day 15, closed on day 16', () => {
    expect(ratingWindow(resolved(), '2026-11-02')).toEqual({ open: true, round: 1, until: '2026-11-17' });
    expect(ratingWindow(resolved(), '2026-11-17')).toEqual({ open: true, round: 1, until: '2026-11-17' });
    expect(ratingWindow(resolved(), '2026-11-18')).toMatchObject({ open: false, code: 'RATING_NOT_OPEN', message: expect.stringContaining('已超过评价期限') });
  });

  it('counts from the Shanghai day of resolution, not the UTC one', () => {
    // 23:30 Shanghai on 2 November is 15:30 UTC the same day; 00:30 Shanghai on 3 November is 16:30 UTC on 2 November.
    const justAfterMidnight = resolved({ resolvedAt: shanghai('2026-11-03T00:30:00') });
    expect(ratingWindow(justAfterMidnight, '2026-11-18')).toEqual({ open: true, round: 1, until: '2026-11-18' });
  });

  it('allows a closed (archived) complaint within the window too', () => {
    expect(ratingWindow(resolved({ status: 'CLOSED' }), '2026-11-17')).toMatchObject({ open: true, round: 1 });
  });

  it('refuses before resolution, saying it is not resolved yet', () => {
    for (const status of ['SUBMITTED', 'ACCEPTED', 'VERIFYING', 'REOPENED'] as const) {
      expect(ratingWindow(resolved({ status, resolvedAt: null }), '2026-11-03')).toMatchObject({ open: false, code: 'RATING_NOT_OPEN', message: expect.stringContaining('尚未办结') });
    }
    // A rejected complaint archived without a resolution.
    expect(ratingWindow(resolved({ status: 'CLOSED', resolvedAt: null }), '2026-11-03')).toMatchObject({ open: false, code: 'RATING_NOT_OPEN' });
  });

  it('refuses a second rating after a satisfied first one, for good', () => {
    expect(ratingWindow(resolved({ ratings: [{ round: 1, level: 3 }] }), '2026-11-05')).toMatchObject({ open: false, code: 'RATING_ALREADY_GIVEN' });
  });

  it('after a 差评, waits for the rectification, then opens round 2 for 15 days after it was completed', () => {
    const poor = { ratings: [{ round: 1, level: 2 }] };
    expect(ratingWindow(resolved({ ...poor, rectification: { state: 'OPEN', completedAt: null } }), '2026-11-05')).toMatchObject({
      open: false,
      code: 'RATING_NOT_OPEN',
      message: expect.stringContaining('整改完成后'),
      round: 2,
    });
    const done = resolved({ ...poor, rectification: { state: 'DONE', completedAt: shanghai('2026-11-30T10:00:00') } });
    // Long after the first window closed: the second one counts from the completion.
    expect(ratingWindow(done, '2026-12-15')).toEqual({ open: true, round: 2, until: '2026-12-15' });
    expect(ratingWindow(done, '2026-12-16')).toMatchObject({ open: false, code: 'RATING_NOT_OPEN', message: expect.stringContaining('已超过再次评价期限') });
  });

  it('allows round 2 once', () => {
    const both = resolved({ ratings: [{ round: 1, level: 1 }, { round: 2, level: 4 }], rectification: { state: 'DONE', completedAt: shanghai('2026-11-30T10:00:00') } });
    expect(ratingWindow(both, '2026-12-01')).toMatchObject({ open: false, code: 'RATING_ALREADY_GIVEN' });
  });

  it('opens the round-2 window whatever the complaint status became (a reopen after the rectification does not take it away)', () => {
    const s = resolved({ status: 'REOPENED', resolvedAt: null, ratings: [{ round: 1, level: 1 }], rectification: { state: 'DONE', completedAt: shanghai('2026-11-30T10:00:00') } });
    expect(ratingWindow(s, '2026-12-01')).toMatchObject({ open: true, round: 2 });
  });
});

describe('opensRectification', () => {
  it('opens one for a first rating of 不满意 or 非常不满意 only', () => {
    expect([5, 4, 3, 2, 1].map((l) => opensRectification(1, l))).toEqual([false, false, false, true, true]);
    expect(opensRectification(2, 1)).toBe(false);
  });
});

describe('reporterRatingState', () => {
  const row = (round: number, level: number) => ({ id: round, round, level, tags: ['推诿'], comment: null, createdAt: shanghai('2026-11-03T09:00:00') });

  it('says nothing before resolution when nothing was rated', () => {
    expect(reporterRatingState({ status: 'VERIFYING', resolvedAt: null, ratings: [], rectification: null }, '2026-11-03')).toBeNull();
  });

  it('offers the form with its last day once resolved', () => {
    expect(reporterRatingState({ status: 'RESOLVED', resolvedAt, ratings: [], rectification: null }, '2026-11-03')).toEqual({
      ratings: [],
      canRate: true,
      nextRound: 1,
      rateUntil: '2026-11-17',
      rectification: null,
    });
  });

  it('shows a closed window as closed, not as nothing', () => {
    expect(reporterRatingState({ status: 'CLOSED', resolvedAt, ratings: [], rectification: null }, '2026-12-01')).toMatchObject({ canRate: false, nextRound: null, rateUntil: null });
  });

  it('shows the 差评, the rectification under way with its due day, and no form yet', () => {
    const state = reporterRatingState(
      { status: 'CLOSED', resolvedAt, ratings: [row(1, 1)], rectification: { state: 'OPEN', completedAt: null, actionTaken: null, dueDate: '2026-11-10', provisional: false } },
      '2026-11-04',
    );
    expect(state).toEqual({
      ratings: [{ id: 1, round: 1, level: 1, levelLabel: '非常不满意', tags: ['推诿'], comment: null, createdAt: '2026-11-03T01:00:00.000Z' }],
      canRate: false,
      nextRound: null,
      rateUntil: null,
      rectification: { state: 'OPEN', dueDate: '2026-11-10', provisional: false, completedAt: null, actionTaken: null },
    });
  });

  it('keeps the ratings when the complaint was reopened after rating', () => {
    expect(reporterRatingState({ status: 'REOPENED', resolvedAt: null, ratings: [row(1, 4)], rectification: null }, '2026-11-04')?.ratings).toHaveLength(1);
  });
});

describe('callbackTimeProblem', () => {
  const ratedAt = shanghai('2026-11-03T09:00:00');
  const now = shanghai('2026-11-04T15:00:00');
  it('accepts a call between the rating and now, refuses one in the future or before the 差评', () => {
    expect(callbackTimeProblem(shanghai('2026-11-04T10:00:00'), ratedAt, now)).toBeNull();
    expect(callbackTimeProblem(now, ratedAt, now)).toBeNull();
    expect(callbackTimeProblem(shanghai('2026-11-04T15:05:00'), ratedAt, now)).toBe('IN_FUTURE');
    expect(callbackTimeProblem(shanghai('2026-11-03T08:59:00'), ratedAt, now)).toBe('BEFORE_RATING');
  });
});

describe('RECTIFY_WORKING_DAYS', () => {
  const secrets = { PHONE_ENCRYPTION_KEY: 'test-phone-key-0123456789', QUERY_CODE_SECRET: 'test-query-code-secret-0123' };
  it('defaults to 5 working days and can be set, never to 0', () => {
    expect(parseEnv(secrets).ratings.rectifyWorkingDays).toBe(5);
    expect(parseEnv({ ...secrets, RECTIFY_WORKING_DAYS: '3' }).ratings.rectifyWorkingDays).toBe(3);
    expect(() => parseEnv({ ...secrets, RECTIFY_WORKING_DAYS: '0' })).toThrow(/RECTIFY_WORKING_DAYS/);
  });
});
