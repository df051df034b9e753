import type {
  CadreListItem,
  CommitmentRecordInput,
  CommitmentView,
  ComplaintActionRequest,
  ComplaintOutcome,
  FollowUpInput,
  MyBusiness,
  Page,
  ReporterContact,
  WorkbenchComplaint,
  WorkbenchQueue,
} from '@sa/contracts';
import { request } from './client';

/** The queue's filters as the screen holds them; empty ones are left out of the query. */
export type QueueFilters = {
  status?: string;
  kind?: string;
  category?: string;
  streetId?: number;
  cadreId?: number;
  receivedFrom?: string;
  receivedTo?: string;
  volunteerOnly?: boolean;
  overdue?: boolean;
  trackingNo?: string;
};

export const QUEUE_PAGE_SIZE = 20;

/** GET /workbench/complaints query string values: a page of the queue under the given filters. */
export function queueQuery(filters: QueueFilters, page: number): Record<string, string | number | undefined> {
  return {
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    category: filters.category || undefined,
    streetId: filters.streetId,
    cadreId: filters.cadreId,
    receivedFrom: filters.receivedFrom || undefined,
    receivedTo: filters.receivedTo || undefined,
    volunteerOnly: filters.volunteerOnly ? 'true' : undefined,
    overdue: filters.overdue ? 'true' : undefined,
    trackingNo: filters.trackingNo?.trim().toUpperCase() || undefined,
    limit: QUEUE_PAGE_SIZE,
    offset: page * QUEUE_PAGE_SIZE,
  };
}

export function fetchWorkbenchQueue(filters: QueueFilters, page: number): Promise<WorkbenchQueue> {
  return request<WorkbenchQueue>('GET', '/api/v1/workbench/complaints', { query: queueQuery(filters, page) });
}

export function fetchWorkbenchComplaint(id: number): Promise<WorkbenchComplaint> {
  return request<WorkbenchComplaint>('GET', `/api/v1/workbench/complaints/${id}`);
}

/** The reporter's contact details; the server records every look (audited), so only on the user's request. */
export function fetchReporterContact(id: number): Promise<ReporterContact> {
  return request<ReporterContact>('GET', `/api/v1/workbench/complaints/${id}/contact`);
}

export function actOnComplaint(id: number, body: ComplaintActionRequest): Promise<WorkbenchComplaint> {
  return request<WorkbenchComplaint>('POST', `/api/v1/workbench/complaints/${id}/actions`, { body });
}

export type RerouteBody = { officeId: number; cadreId: number | null; reason: string };

export function rerouteComplaint(id: number, body: RerouteBody): Promise<WorkbenchComplaint> {
  return request<WorkbenchComplaint>('POST', `/api/v1/workbench/complaints/${id}/reroute`, { body });
}

export function addFollowUp(id: number, body: FollowUpInput): Promise<unknown> {
  return request<unknown>('POST', `/api/v1/workbench/complaints/${id}/follow-ups`, { body });
}

/** Not in @sa/contracts: one reply template as GET /workbench/reply-templates lists it (the default until saved). */
export type ReplyTemplate = { outcome: ComplaintOutcome; label: string; body: string; updatedAt: string | null };

export function fetchReplyTemplates(): Promise<ReplyTemplate[]> {
  return request<ReplyTemplate[]>('GET', '/api/v1/workbench/reply-templates');
}

export function saveReplyTemplate(outcome: ComplaintOutcome, body: string): Promise<ReplyTemplate> {
  return request<ReplyTemplate>('PUT', `/api/v1/workbench/reply-templates/${outcome}`, { body: { body } });
}

/** For re-routing: cadres by name or title. */
export function searchCadres(q: string, limit = 20): Promise<Page<CadreListItem>> {
  return request<Page<CadreListItem>>('GET', '/api/v1/cadres', { query: { q: q.trim() || undefined, active: 'true', limit } });
}

/** The businesses the cadre answers for, with their complaints still being handled. */
export function fetchMyBusinesses(q: string): Promise<Page<MyBusiness>> {
  return request<Page<MyBusiness>>('GET', '/api/v1/me/businesses', { query: { q: q.trim() || undefined } });
}

/** 承诺书: the cadre records the letter the business signed on paper, with a photo of it. */
export function recordCommitment(body: CommitmentRecordInput): Promise<CommitmentView> {
  return request<CommitmentView>('POST', '/api/v1/commitments', { body });
}
