import { z } from 'zod';
import { isoDate, wholeNumber } from './common';
import { plainText } from './registry';

export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A day the working-day calendar can hold: YYYY-MM-DD in 2000–2100 (PostgreSQL and every deadline stay in range). */
export const calendarDate = isoDate.refine((s) => {
  if (!/^\d{4}-/.test(s)) return true; // the format message already speaks
  const year = Number(s.slice(0, 4));
  return year >= 2000 && year <= 2100;
}, '日期须在 2000 年至 2100 年之间');

/** Whole working days, from a query string or a number. */
const workingDayCount = wholeNumber(0, 365, '须为整数');

export const workingDaysQuery = z.object({
  from: calendarDate,
  add: workingDayCount,
});
export type WorkingDaysQuery = z.infer<typeof workingDaysQuery>;
export type WorkingDaysResponse = { from: string; add: number; date: string };

/** 节假日或调休上班日 */
export const calendarDay = z.object({
  date: calendarDate,
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: plainText(1, 40, '请填写名称，如“春节”'),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarYearQuery = z.object({ year: wholeNumber(2000, 2100, '年份应为 2000–2100 的整数') });
export type CalendarYearQuery = z.infer<typeof calendarYearQuery>;
export type CalendarDaysResponse = { year: number; items: CalendarDay[] };

/** `PUT /admin/calendar/days/:date` body: what the day is; the date is in the path. */
export const calendarDayInput = calendarDay.omit({ date: true });
export type CalendarDayInput = z.infer<typeof calendarDayInput>;

export const calendarDateParams = z.object({ date: calendarDate });
export type CalendarDateParams = z.infer<typeof calendarDateParams>;
