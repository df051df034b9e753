import type { CallbackView, FlaggedRatingView, RectificationList, RectificationView, StaffRating, StaffRatingList } from '@sa/contracts';
import { aDeadline } from './test-builders';

// Test data for the 好差评 and 差评整改 screens, in the style of test-builders.ts.
let nextId = 7000;

/** A rating as staff views carry it, with its content flag (none by default). */
export function aRatingView(overrides: Partial<FlaggedRatingView> = {}): FlaggedRatingView {
  return { id: nextId++, round: 1, level: 2, levelLabel: '不满意', tags: ['未解决'], comment: '店里还在卖过期酸奶', contentFlag: null, createdAt: '2026-12-01T02:00:00.000Z', ...overrides };
}

export function aStaffRating(overrides: Partial<StaffRating> = {}): StaffRating {
  const rating = aRatingView(overrides);
  return {
    ...rating,
    complaintId: nextId++,
    trackingNo: `SA20261120-${String(rating.id).padStart(6, '0')}`,
    kind: 'COMPLAINT',
    outcome: 'FIXED',
    business: { id: 31, name: '老街面馆' },
    office: { id: 1, name: '东湖市场监管所' },
    byVolunteer: false,
    rectificationId: null,
    ...overrides,
  };
}

export const aRatingList = (items: StaffRating[], counts: StaffRatingList['counts'] = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 }): StaffRatingList => ({ items, total: items.length, counts });

export function aCallback(overrides: Partial<CallbackView> = {}): CallbackView {
  return { id: nextId++, calledAt: '2026-12-02T02:00:00.000Z', byName: '王所员', reached: true, reporterSaid: '希望再去查一次', createdAt: '2026-12-02T02:05:00.000Z', ...overrides };
}

export function aRectification(overrides: Partial<RectificationView> = {}): RectificationView {
  const id = nextId++;
  return {
    id,
    complaintId: 900 + id,
    trackingNo: `SA20261120-${String(id).padStart(6, '0')}`,
    kind: 'COMPLAINT',
    state: 'OPEN',
    openedAt: '2026-12-01T02:00:00.000Z',
    rating: aRatingView(),
    secondRating: null,
    business: { id: 31, name: '老街面馆' },
    office: { id: 1, name: '东湖市场监管所' },
    deadline: aDeadline({ kind: 'RECTIFY', startDate: '2026-12-01', days: 5, dueDate: '2026-12-08', workingDaysLeft: 3 }),
    callbacks: [],
    actionTaken: null,
    completedAt: null,
    completedByName: null,
    reporterReachable: true,
    canAct: true,
    ...overrides,
  };
}

export const aRectificationList = (items: RectificationView[], counts: RectificationList['counts'] = { OPEN: items.length, DONE: 0 }): RectificationList => ({
  items,
  total: items.length,
  counts,
});
