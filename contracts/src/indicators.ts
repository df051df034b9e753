import { z } from 'zod';
import { formText, isoDate, pageParams } from './common';

/** The indicator codes of DESIGN §4 (fixed: outside checks use them). */
export const INDICATOR_CODES = [
  'ON_TIME_ACCEPTANCE',
  'ON_TIME_COMPLETION',
  'VERIFICATION_COMPLETION',
  'CASE_HANDLING',
  'PENALTY_DISCLOSURE',
  'RATING_SATISFACTION',
  'RATING_TOP2',
  'CALLBACK',
  'RECTIFICATION_ON_TIME',
  'REOPEN',
  'REPEAT_COMPLAINT',
  'MEDIAN_HANDLING_WD',
  'SAMPLING_PER_1000',
  'BAOBAO_COVERAGE',
  'COMMITMENT_SIGNED',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export const INDICATOR_GROUPS = ['district', 'office', 'street', 'community', 'cadre', 'businessType', 'month'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, string> = {
  district: '全区', office: '监管所', street: '街道', community: '社区', cadre: '包保干部', businessType: '业态', month: '月份',
};

/** 达标 / 未达标 / 样本不足 / 暂无数据 */
export const INDICATOR_STATUSES = ['MET', 'NOT_MET', 'TOO_FEW', 'NO_DATA'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];
export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = { MET: '达标', NOT_MET: '未达标', TOO_FEW: '样本不足', NO_DATA: '暂无数据' };

/** How a figure reads: a share in 0…1, a number of working days, or a count per 1000 residents per year. */
export type IndicatorUnit = 'RATIO' | 'WORKING_DAYS' | 'PER_1000_PER_YEAR';

/**
 * One figure. `value` is null with status NO_DATA when the denominator is 0, never 0 % or 100 %.
 * For MEDIAN_HANDLING_WD `numerator` is the median itself and `denominator` the number of complaints behind it.
 * For SAMPLING_PER_1000 `numerator` is the batches, `denominator` the residents / 1000 × the period in years.
 */
export type IndicatorValue = { value: number | null; numerator: number; denominator: number; target: number; status: IndicatorStatus };

export type IndicatorRow = { key: string; label: string; indicators: Record<IndicatorCode, IndicatorValue> };

/** GET /api/v1/indicators */
export type IndicatorReport = { from: string; to: string; groupBy: IndicatorGroup; rows: IndicatorRow[] };

export const indicatorsQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    groupBy: z.enum(INDICATOR_GROUPS).default('district'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 5 * 366 * 86_400_000, { path: ['to'], message: '统计区间最长 5 年' });
export type IndicatorsQuery = z.infer<typeof indicatorsQuery>;

/** What the dashboard prints beside each figure; the full definitions are in docs/indicators.md and the server's registry. */
export type IndicatorDefinition = {
  code: IndicatorCode;
  name: string;
  unit: IndicatorUnit;
  /** MET when value >= target ('AT_LEAST') or value <= target ('AT_MOST') */
  direction: 'AT_LEAST' | 'AT_MOST';
  target: number;
  /** below this denominator a unit is TOO_FEW (and hidden in rankings) */
  minSample: number;
  numerator: string;
  denominator: string;
  window: string;
  excluded: string;
};

/** GET /api/v1/indicators/definitions */
export type IndicatorDefinitions = { items: IndicatorDefinition[] };

/** GET /api/v1/indicators/records?code=&from=&to=&groupBy=&key=: the complaints (or other records) behind one figure. */
export const indicatorRecordsQuery = z.object({
  code: z.enum(INDICATOR_CODES),
  from: isoDate,
  to: isoDate,
  groupBy: z.enum(INDICATOR_GROUPS).default('district'),
  key: formText(0, 40).default('all'),
  /** only the records that count against the figure (e.g. late ones) */
  failing: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageParams(100, 1_000_000, 20),
});
export type IndicatorRecordsQuery = z.infer<typeof indicatorRecordsQuery>;

/** One record behind a figure; `complaintId` links to the workbench detail when there is one. */
export type IndicatorRecord = {
  kind: 'COMPLAINT' | 'RATING' | 'RECTIFICATION' | 'PENALTY' | 'SAMPLING' | 'BUSINESS';
  id: number;
  complaintId: number | null;
  trackingNo: string | null;
  title: string;
  date: string;
  /** counts for the numerator */
  counted: boolean;
  note: string;
};
export type IndicatorRecords = { code: IndicatorCode; items: IndicatorRecord[]; total: number };

/** GET /api/v1/workbench/evidence.xlsx?from=&to=: 评议考核佐证材料 */
export const evidenceQuery = z.object({ from: isoDate, to: isoDate }).refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
