import type {
  CallbackInput,
  CallbackView,
  GuestRatingInput,
  RatingInput,
  RatingView,
  RectificationCompleteInput,
  RectificationList,
  RectificationState,
  RectificationView,
  StaffRatingList,
} from '@sa/contracts';
import { request } from './client';

/** 好差评: the signed-in reporter (resident or volunteer) rates their own resolved complaint. */
export function rateComplaint(id: number, input: RatingInput): Promise<RatingView> {
  return request<RatingView>('POST', `/api/v1/complaints/${id}/rating`, { body: input });
}

/** The same for a guest, who proves it is their report with the tracking number and the query code. */
export function rateTrackedComplaint(input: GuestRatingInput): Promise<RatingView> {
  return request<RatingView>('POST', '/api/v1/complaints/track/rating', { body: input, anonymous: true });
}

/** The workbench list's filters as the screen holds them; empty ones are left out of the query. */
export type RatingFilters = { level?: number; poorOnly?: boolean; round?: number; from?: string; to?: string };

export const RATINGS_PAGE_SIZE = 20;

/** GET /workbench/ratings query string values: a page of ratings under the given filters. */
export function ratingsQuery(filters: RatingFilters, page: number): Record<string, string | number | undefined> {
  return {
    level: filters.level,
    poorOnly: filters.poorOnly ? 'true' : undefined,
    round: filters.round,
    from: filters.from || undefined,
    to: filters.to || undefined,
    limit: RATINGS_PAGE_SIZE,
    offset: page * RATINGS_PAGE_SIZE,
  };
}

export function fetchWorkbenchRatings(filters: RatingFilters, page: number): Promise<StaffRatingList> {
  return request<StaffRatingList>('GET', '/api/v1/workbench/ratings', { query: ratingsQuery(filters, page) });
}

export const RECTIFICATIONS_PAGE_SIZE = 20;

/** One tab of the 差评 queue (整改中 / 已整改), with the count of each. */
export function fetchRectifications(state: RectificationState, page: number): Promise<RectificationList> {
  return request<RectificationList>('GET', '/api/v1/workbench/rectifications', {
    query: { state, limit: RECTIFICATIONS_PAGE_SIZE, offset: page * RECTIFICATIONS_PAGE_SIZE },
  });
}

export function fetchRectification(id: number): Promise<RectificationView> {
  return request<RectificationView>('GET', `/api/v1/workbench/rectifications/${id}`);
}

/** 回访: one call to the reporter, reached or not. */
export function recordCallback(id: number, input: CallbackInput): Promise<CallbackView> {
  return request<CallbackView>('POST', `/api/v1/workbench/rectifications/${id}/callbacks`, { body: input });
}

/** 整改完成: what was done; the server refuses it before a callback is recorded. */
export function completeRectification(id: number, input: RectificationCompleteInput): Promise<unknown> {
  return request<unknown>('POST', `/api/v1/workbench/rectifications/${id}/complete`, { body: input });
}
