import type { AreasTree, BusinessDetail, BusinessSummary, Me, Page } from '@sa/contracts';
import { request } from './client';

export type BusinessSearch = { q?: string; streetId?: number; communityId?: number; limit?: number };

export function fetchMe(): Promise<Me> {
  return request<Me>('GET', '/api/v1/me');
}

/** 绑定社会监督员: the invitation code from the bureau's roster; returns the updated profile. */
export function bindVolunteer(invitationCode: string): Promise<Me> {
  return request<Me>('POST', '/api/v1/volunteers/bind', { body: { invitationCode } });
}

export function fetchAreas(): Promise<AreasTree> {
  return request<AreasTree>('GET', '/api/v1/areas');
}

export function searchBusinesses(search: BusinessSearch): Promise<Page<BusinessSummary>> {
  return request<Page<BusinessSummary>>('GET', '/api/v1/businesses', { query: { limit: 20, ...search } });
}

export function fetchBusiness(id: number): Promise<BusinessDetail> {
  return request<BusinessDetail>('GET', `/api/v1/businesses/${id}`);
}
