import type { PartnerKeyCreateInput, PartnerKeyIssued, PartnerKeyView } from '@sa/contracts';
import { request } from './client';

// 开放接口密钥: the admin's Open311 partner keys.

export function fetchPartnerKeys(): Promise<PartnerKeyView[]> {
  return request<PartnerKeyView[]>('GET', '/api/v1/admin/open311/keys');
}

/** The answer carries the key itself, the only time it is ever sent. */
export function issuePartnerKey(body: PartnerKeyCreateInput): Promise<PartnerKeyIssued> {
  return request<PartnerKeyIssued>('POST', '/api/v1/admin/open311/keys', { body });
}

export function revokePartnerKey(id: number): Promise<PartnerKeyView> {
  return request<PartnerKeyView>('POST', `/api/v1/admin/open311/keys/${id}/revoke`);
}
