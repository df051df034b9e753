import type { CalendarDayKind } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';

/**
 * 法定工作日 arithmetic. Dates are 'YYYY-MM-DD' calendar days in Asia/Shanghai; internally each is its UTC midnight,
 * so the server's own time zone never enters the sums.
 */

export type CalendarEntry = { date: string; kind: CalendarDayKind; name: string };

/** The official exceptions to "Monday to Friday": holidays (放假) and make-up working days (调休上班). */
export type HolidayCalendar = {
  readonly days: ReadonlyMap<string, CalendarEntry>;
  /** Years with at least one entry; outside them only weekends are known. */
  readonly years: ReadonlySet<number>;
};

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function holidayCalendar(entries: readonly CalendarEntry[]): HolidayCalendar {
  const days = new Map<string, CalendarEntry>();
  const years = new Set<number>();
  for (const entry of entries) {
    toUtcMs(entry.date);
    if (days.has(entry.date)) throw new Error(`calendar day ${entry.date} is listed twice`);
    days.set(entry.date, entry);
    years.add(Number(entry.date.slice(0, 4)));
  }
  return { days, years };
}

/** Years with at least one official holiday: the ones whose State Council schedule was entered. */
export function scheduledYears(cal: HolidayCalendar): Set<number> {
  const years = new Set<number>();
  for (const entry of cal.days.values()) if (entry.kind === 'HOLIDAY') years.add(Number(entry.date.slice(0, 4)));
  return years;
}

/** Weekends are off, official holidays are off, official make-up days (调休上班) are on. */
export function isWorkingDay(cal: HolidayCalendar, date: string): boolean {
  return workingByRules(cal, date, toUtcMs(date));
}

/**
 * The date `n` working days after `from`; the start day is not counted (Friday + 1 → Monday), and n = 0 is `from`.
 */
export function addWorkingDays(cal: HolidayCalendar, from: string, n: number): string {
  requireCount(n);
  let ms = toUtcMs(from);
  for (let left = n; left > 0; ) {
    ms += DAY_MS;
    if (workingByRules(cal, fromUtcMs(ms), ms)) left -= 1;
  }
  return fromUtcMs(ms);
}

/**
 * Working days in (from, to]: the inverse of `addWorkingDays`, so count(from, add(from, n)) = n.
 * Negative when `to` is before `from`.
 */
export function countWorkingDays(cal: HolidayCalendar, from: string, to: string): number {
  const a = toUtcMs(from);
  const b = toUtcMs(to);
  if (b < a) return -countWorkingDays(cal, to, from);
  // Monday-to-Friday days by arithmetic, then each calendar entry in range corrects its own day.
  let count = weekdaysUpTo(b) - weekdaysUpTo(a);
  for (const [date, entry] of cal.days) {
    const ms = toUtcMs(date);
    if (ms <= a || ms > b) continue;
    const weekday = !isWeekend(ms);
    if (entry.kind === 'HOLIDAY' && weekday) count -= 1;
    if (entry.kind === 'MAKEUP_WORKDAY' && !weekday) count += 1;
  }
  return count;
}

const shanghaiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Shanghai at `instant`, whatever the server's TZ. */
export function shanghaiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('shanghaiDate: invalid instant');
  const parts = Object.fromEntries(shanghaiFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A deadline ends at 24:00 Asia/Shanghai of its date: the next day's 00:00 +08:00.
 * China has kept a fixed +08:00 without daylight saving since 1991, so the offset is a constant.
 */
export function deadlineEnd(date: string): Date {
  return new Date(toUtcMs(date) + DAY_MS - 8 * 3_600_000);
}

/** Saturday or Sunday, before any holiday or make-up rule. */
export function isWeekendDay(date: string): boolean {
  return isWeekend(toUtcMs(date));
}

/** 'YYYY-MM-DD' plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** 'YYYY-MM-DD' ↔ the UTC-midnight Date that Prisma reads and writes for a @db.Date column. */
export const dayToDbDate = (date: string): Date => new Date(toUtcMs(date));
export const dbDateToDay = (value: Date): string => fromUtcMs(value.getTime());

/** A real calendar date written as YYYY-MM-DD (2026-02-30 and 2026-2-3 are not). */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear restores the year as written.
  const d = new Date(ms);
  d.setUTCFullYear(Number(m[1]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function workingByRules(cal: HolidayCalendar, date: string, ms: number): boolean {
  const entry = cal.days.get(date);
  if (entry) return entry.kind === 'MAKEUP_WORKDAY';
  return !isWeekend(ms);
}

function isWeekend(ms: number): boolean {
  const dow = new Date(ms).getUTCDay();
  return dow === 0 || dow === 6;
}

/** Monday-to-Friday days from a fixed Monday up to and including the day at `ms`. */
function weekdaysUpTo(ms: number): number {
  // 1969-12-29 was a Monday; counting from it keeps the week phase simple for any later or earlier day.
  const sinceMonday = Math.round((ms - Date.UTC(1969, 11, 29)) / DAY_MS);
  const weeks = Math.floor(sinceMonday / 7);
  const rest = sinceMonday - weeks * 7;
  return weeks * 5 + Math.min(rest + 1, 5);
}

function toUtcMs(date: string): number {
  if (typeof date !== 'string' || !isIsoDay(date)) throw new DomainException('INVALID_DATE', `日期无效：${String(date)}，格式应为 YYYY-MM-DD`);
  const d = new Date(`${date}T00:00:00.000Z`);
  return d.getTime();
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function requireCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainException('WORKING_DAYS_OUT_OF_RANGE', `工作日天数须为非负整数：${String(n)}`);
}
