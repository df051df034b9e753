import type { ModelStreet, ModelStreetDetail, PublicBusiness, PublicFigures } from '@sa/contracts';
import { request } from './client';

/** The three 示范街, in the bureau's order. */
export function fetchModelStreets(): Promise<ModelStreet[]> {
  return request<ModelStreet[]>('GET', '/api/v1/public/model-streets');
}

export function fetchModelStreet(id: number): Promise<ModelStreetDetail> {
  return request<ModelStreetDetail>('GET', `/api/v1/public/model-streets/${id}`);
}

/** A business's public page: registry facts, its cadre's name and tier, open reports. */
export function fetchPublicBusiness(id: number): Promise<PublicBusiness> {
  return request<PublicBusiness>('GET', `/api/v1/public/businesses/${id}`);
}

/** 本年受理, 按时办理率, 群众满意度 (null: 暂无数据). */
export function fetchPublicFigures(): Promise<PublicFigures> {
  return request<PublicFigures>('GET', '/api/v1/public/figures');
}
