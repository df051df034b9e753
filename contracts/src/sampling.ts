import { z } from 'zod';
import { formText, idParam, isoDate, paging, type Page } from './common';
import type { Ref } from './registry';

/** 监督抽检 results. */
export const SAMPLING_RESULTS = ['QUALIFIED', 'UNQUALIFIED'] as const;
export type SamplingResult = (typeof SAMPLING_RESULTS)[number];
export const SAMPLING_RESULT_LABELS: Record<SamplingResult, string> = { QUALIFIED: '合格', UNQUALIFIED: '不合格' };

/** 食品类别 of the national sampling plan (the common ones at district level). */
export const FOOD_CATEGORIES = [
  '粮食加工品', '食用油、油脂及其制品', '调味品', '肉制品', '乳制品', '饮料', '方便食品', '糕点', '豆制品', '酒类',
  '蔬菜制品', '水果制品', '蛋制品', '水产制品', '淀粉及淀粉制品', '餐饮食品', '食用农产品',
] as const;

/** POST /api/v1/workbench/sampling-batches */
export const samplingBatchInput = z
  .object({
    batchNo: formText(4, 40, { minMessage: '请填写抽样单编号' }),
    sampledOn: isoDate,
    businessId: idParam,
    product: formText(1, 100, { minMessage: '请填写样品名称' }),
    foodCategory: z.enum(FOOD_CATEGORIES, { message: '食品类别不在清单中' }),
    result: z.enum(SAMPLING_RESULTS),
    failedItem: formText(1, 200).optional(),
  })
  .refine((b) => b.result !== 'UNQUALIFIED' || (b.failedItem ?? '').length > 0, { path: ['failedItem'], message: '不合格批次须填写不合格项目' });
export type SamplingBatchInput = z.infer<typeof samplingBatchInput>;

export const samplingBatchesQuery = z.object({
  result: z.enum(SAMPLING_RESULTS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: formText(0, 50).optional(),
  ...paging,
});
export type SamplingBatchesQuery = z.infer<typeof samplingBatchesQuery>;

export type SamplingBatchView = {
  id: number;
  batchNo: string;
  sampledOn: string;
  business: Ref;
  street: Ref;
  product: string;
  foodCategory: string;
  result: SamplingResult;
  failedItem: string | null;
  /** the case an unqualified batch opened */
  complaint: null | { id: number; trackingNo: string; status: string; statusLabel: string };
  recordedAt: string;
};
export type SamplingBatchList = Page<SamplingBatchView>;
