import type {
  DisclosureCorrectionInput,
  DisclosureState,
  PenaltyDisclosureList,
  StaffDisclosure,
  StaffDisclosureList,
} from '@sa/contracts';
import { request } from './client';

export type PenaltySearch = { q?: string; businessId?: number; limit?: number; offset?: number };

/** 处罚信息公示: disclosed, not withdrawn, newest disclosure first. */
export function fetchPenalties(search: PenaltySearch = {}): Promise<PenaltyDisclosureList> {
  return request<PenaltyDisclosureList>('GET', '/api/v1/public/penalties', { query: { limit: 10, ...search } });
}

/** One tab of the staff list (待公示 / 已公示 / 已撤回), with the count of each. */
export function fetchStaffDisclosures(search: { state: DisclosureState; q?: string; limit?: number; offset?: number }): Promise<StaffDisclosureList> {
  return request<StaffDisclosureList>('GET', '/api/v1/workbench/penalties', { query: { limit: 20, ...search } });
}

export function discloseDecision(id: number): Promise<StaffDisclosure> {
  return request<StaffDisclosure>('POST', `/api/v1/workbench/penalties/${id}/disclose`, { body: {} });
}

export function correctDisclosure(id: number, input: DisclosureCorrectionInput): Promise<StaffDisclosure> {
  return request<StaffDisclosure>('PATCH', `/api/v1/workbench/penalties/${id}`, { body: input });
}

export function withdrawDisclosure(id: number, reason: string): Promise<StaffDisclosure> {
  return request<StaffDisclosure>('POST', `/api/v1/workbench/penalties/${id}/withdraw`, { body: { reason } });
}
