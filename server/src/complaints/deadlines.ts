import type { DeadlineKind, DeadlineUnit } from '@sa/contracts';
import { addCalendarDays } from '../calendar/working-days';
import { DEADLINE_LIMITS } from './workflow';

/** What deadline arithmetic needs from the working-day calendar. */
export type WorkingDayCalendar = { addWorkingDays(from: string, n: number): Promise<string> };

/** `workingDays` is the length column: working days, or calendar days when `unit` says so. */
export type PlannedDeadline = { kind: DeadlineKind; startDate: string; workingDays: number; unit: DeadlineUnit; dueDate: string };

/** The due date `days` units after `startDate` (not counted). */
export async function dueAfter(cal: WorkingDayCalendar, startDate: string, days: number, unit: DeadlineUnit): Promise<string> {
  return unit === 'CALENDAR_DAYS' ? addCalendarDays(startDate, days) : cal.addWorkingDays(startDate, days);
}

/** Each limit runs from `startDate` (not counted) and ends at 24:00 Asia/Shanghai of `dueDate`. */
export async function planDeadlines(cal: WorkingDayCalendar, kinds: readonly DeadlineKind[], startDate: string): Promise<PlannedDeadline[]> {
  return Promise.all(
    kinds.map(async (kind) => {
      const { days, unit } = DEADLINE_LIMITS[kind];
      return { kind, startDate, workingDays: days, unit, dueDate: await dueAfter(cal, startDate, days, unit) };
    }),
  );
}

/** 'YYYY-MM-DD' ↔ the UTC-midnight Date Prisma uses for @db.Date columns. */
export { dayToDbDate as toDbDate, dbDateToDay as fromDbDate } from '../calendar/working-days';

/**
 * A working-day limit is provisional while it runs into a year whose official holiday schedule is not entered:
 * it was counted on weekends alone and moves once the holidays are. Calendar-day limits never move.
 */
export function isProvisional(startDate: string, dueDate: string, unit: DeadlineUnit, scheduledYears: ReadonlySet<number>): boolean {
  if (unit !== 'WORKING_DAYS') return false;
  for (let year = Number(startDate.slice(0, 4)); year <= Number(dueDate.slice(0, 4)); year++) {
    if (!scheduledYears.has(year)) return true;
  }
  return false;
}

/** A deadline is overdue once its due date has fully passed in Asia/Shanghai. */
export function isOverdue(dueDate: string, todayShanghai: string): boolean {
  return todayShanghai > dueDate;
}
