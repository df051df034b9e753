import { z } from 'zod';
import { isoDate } from './common';

export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const workingDaysQuery = z.object({
  from: isoDate,
  add: z.coerce.number().int().min(0).max(365),
});
export type WorkingDaysQuery = z.infer<typeof workingDaysQuery>;
export type WorkingDaysResponse = { from: string; add: number; date: string };

/** 节假日或调休上班日 */
export const calendarDay = z.object({
  date: isoDate,
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string().trim().min(1, '请填写名称，如“春节”').max(40),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
