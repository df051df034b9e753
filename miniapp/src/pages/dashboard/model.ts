import {
  INDICATOR_STATUS_LABELS,
  type IndicatorCode,
  type IndicatorDefinition,
  type IndicatorReport,
  type IndicatorStatus,
  type IndicatorValue,
} from '@sa/contracts';

/** Today in Asia/Shanghai (YYYY-MM-DD). */
export const todayShanghai = (now = Date.now()) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

export type PeriodKind = 'YEAR' | 'LAST12' | 'CUSTOM';
export const PERIOD_LABELS: Record<PeriodKind, string> = { YEAR: '本年度', LAST12: '近 12 个月', CUSTOM: '自定义' };

/** 本年度: 1 January to today; 近 12 个月: the first day of the month eleven months back to today (12 calendar months). */
export function presetPeriod(kind: Exclude<PeriodKind, 'CUSTOM'>, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (kind === 'YEAR') return { from: `${y}-01-01`, to: today };
  const months = y * 12 + (m - 1) - 11;
  const fy = Math.floor(months / 12);
  const fm = (months % 12) + 1;
  return { from: `${fy}-${String(fm).padStart(2, '0')}-01`, to: today };
}

/** Why a custom period cannot be used, or null. */
export function periodProblem(from: string, to: string): string | null {
  if (!from || !to) return '请选择开始日期和结束日期';
  if (from > to) return '结束日期不能早于开始日期';
  if (Date.parse(to) - Date.parse(from) > 5 * 366 * 86_400_000) return '统计区间最长 5 年';
  return null;
}

/** A share to one decimal; never 100.0 % for a share below 1, nor 0.0 % for one above 0. */
function percent(v: number): string {
  let text = (v * 100).toFixed(1);
  if (text === '100.0' && v < 1) text = '99.9';
  if (text === '0.0' && v > 0) text = '0.1';
  return `${text}%`;
}

/** The figure as a person reads it; null (no data) is a dash, never 0 % or 100 %. */
export function formatValue(def: Pick<IndicatorDefinition, 'unit'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (def.unit === 'RATIO') return percent(value);
  if (def.unit === 'WORKING_DAYS') return `${value.toFixed(1)} 个工作日`;
  return `${value.toFixed(2)} 次/千人·年`;
}

/** The unit's short form for a chart axis and the text table. */
export const unitSuffix = (def: Pick<IndicatorDefinition, 'unit'>) => (def.unit === 'RATIO' ? '%' : def.unit === 'WORKING_DAYS' ? '天' : '次/千人·年');

/** A value in the unit the chart draws (percent points for shares). */
export const chartNumber = (def: Pick<IndicatorDefinition, 'unit'>, value: number) => (def.unit === 'RATIO' ? Math.round(value * 1000) / 10 : Math.round(value * 100) / 100);

/** 目标 ≥ 90.0% / ≤ 15.0 个工作日 */
export function formatTarget(def: IndicatorDefinition): string {
  return `${def.direction === 'AT_LEAST' ? '≥' : '≤'} ${formatValue(def, def.target)}`;
}

/** What the figure is made of, in the indicator's own terms. */
export function formatParts(def: IndicatorDefinition, v: IndicatorValue): string {
  if (def.unit === 'WORKING_DAYS') return `${v.denominator} 件`;
  if (def.unit === 'PER_1000_PER_YEAR') return `${v.numerator} 批次 / ${Math.round(v.denominator * 100) / 100} 千人·年`;
  return `${v.numerator} / ${v.denominator}`;
}

export const statusLabel = (s: IndicatorStatus) => INDICATOR_STATUS_LABELS[s];

/** A unit that takes part in a ranking, or one left out with its sample. */
export type Ranked = { key: string; label: string; value: number; status: IndicatorStatus };
export type Ranking = { ranked: Ranked[]; tooFew: { key: string; label: string; denominator: number }[]; noData: { key: string; label: string }[] };

/**
 * The units in order, best first for the indicator's direction; those with too small a sample (TOO_FEW) or none
 * (NO_DATA, value null) take no place and are listed apart.
 */
export function rankUnits(report: IndicatorReport, code: IndicatorCode, def: IndicatorDefinition): Ranking {
  const out: Ranking = { ranked: [], tooFew: [], noData: [] };
  for (const row of report.rows) {
    const v = row.indicators[code];
    if (!v || v.status === 'NO_DATA' || v.value === null) out.noData.push({ key: row.key, label: row.label });
    else if (v.status === 'TOO_FEW') out.tooFew.push({ key: row.key, label: row.label, denominator: v.denominator });
    else out.ranked.push({ key: row.key, label: row.label, value: v.value, status: v.status });
  }
  const sign = def.direction === 'AT_LEAST' ? -1 : 1;
  out.ranked.sort((a, b) => sign * (a.value - b.value) || a.label.localeCompare(b.label, 'zh-CN'));
  return out;
}

/** One point of the monthly trend; months without data are gaps, not zeros. */
export type TrendPoint = { key: string; month: string; value: number | null; status: IndicatorStatus; numerator: number; denominator: number };

export function trendPoints(report: IndicatorReport, code: IndicatorCode): TrendPoint[] {
  return [...report.rows]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((row) => {
      const v = row.indicators[code];
      return { key: row.key, month: row.label, value: v && v.status !== 'NO_DATA' ? v.value : null, status: v?.status ?? 'NO_DATA', numerator: v?.numerator ?? 0, denominator: v?.denominator ?? 0 };
    });
}

/** Whole-period row of the report (the district, or the caller's own scope). */
export const totalRow = (report: IndicatorReport) => report.rows[0] ?? null;
