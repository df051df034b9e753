import type { SamplingBatchInput, SamplingBatchList, SamplingBatchView, SamplingResult } from '@sa/contracts';
import { request } from './client';

export type SamplingSearch = { result?: SamplingResult; from?: string; to?: string; q?: string; limit?: number; offset?: number };

/** 抽检登记: the batches of the office's businesses (the admin: all), newest sampling date first. */
export function fetchSamplingBatches(search: SamplingSearch = {}): Promise<SamplingBatchList> {
  return request<SamplingBatchList>('GET', '/api/v1/workbench/sampling-batches', { query: { limit: 20, ...search } });
}

/** Records one batch; an unqualified one comes back with the case it opened. */
export function recordSamplingBatch(input: SamplingBatchInput): Promise<SamplingBatchView> {
  return request<SamplingBatchView>('POST', '/api/v1/workbench/sampling-batches', { body: input });
}
