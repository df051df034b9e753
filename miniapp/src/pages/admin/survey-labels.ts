import type { SurveyQuestionKind, SurveyView } from '@sa/contracts';
import { formatDate } from '../../components/format';

export const KIND_LABELS: Record<SurveyQuestionKind, string> = { LIKERT5: '五级满意度', YES_NO: '是否题', TEXT: '文字题' };

export const surveyPeriodText = (s: Pick<SurveyView, 'from' | 'to'>) => `${s.from} 至 ${s.to}`;

/** 开放中 / 未开始 / 已结束, with a class for its colour (the text always says it). */
export function surveyStateLabel(s: Pick<SurveyView, 'open' | 'from'>): { kind: 'open' | 'future' | 'closed'; label: string } {
  if (s.open) return { kind: 'open', label: '开放中' };
  const today = formatDate(new Date().toISOString());
  return s.from > today ? { kind: 'future', label: '未开始' } : { kind: 'closed', label: '已结束' };
}

export const NO_FIGURE = '暂无';

/** 0.80341 → 80.3% */
export const percent = (rate: number | null) => (rate === null ? NO_FIGURE : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

/** 82.345 → 82.3 */
export const indexText = (index: number | null) => (index === null ? NO_FIGURE : (Math.round(index * 10) / 10).toFixed(1));

export const intervalText = (ci: [number, number] | null) => (ci === null ? NO_FIGURE : `${percent(ci[0])}–${percent(ci[1])}`);
