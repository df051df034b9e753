import type { SurveyView } from '@sa/contracts';

/** 2026-12-01 → 2026 年 12 月 1 日 */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year} 年 ${Number(month)} 月 ${Number(day)} 日`;
}

export const surveyPeriod = (survey: Pick<SurveyView, 'from' | 'to'>) => `测评时间：${chineseDate(survey.from)}至 ${chineseDate(survey.to)}`;

export const surveyScope = (survey: Pick<SurveyView, 'streets'>) =>
  survey.streets.length === 0 ? '面向全区居民' : `面向${survey.streets.map((s) => s.name).join('、')}居民`;
