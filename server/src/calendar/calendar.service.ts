import { Injectable } from '@nestjs/common';
import type { CalendarDay, CalendarDayInput, CalendarDaysResponse, CalendarYearStatus, WorkingDaysResponse } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { CalendarRepository } from './calendar.repository';
import * as rules from './working-days';

/**
 * How long a loaded calendar is trusted before it is read again. This instance's own edits clear it at once;
 * another instance's edit is seen within this window. The table holds a few dozen rows that change a few
 * times a year, so re-reading it is as cheap as asking whether it changed (and, unlike a max(updatedAt) stamp,
 * cannot miss an edit written by an instance whose clock runs behind). A deadline counts whole days, and
 * deadlines already planned are recomputed on edit, so two seconds of lag cannot move any deadline.
 */
export const CALENDAR_FRESH_MS = 2_000;

type ChangeListener = () => Promise<void>;

/**
 * 法定工作日 for the rest of the server: the holiday calendar from the database, cached in memory, with the
 * pure rules of working-days.ts applied to it. Complaints and escalation compute every deadline through it.
 */
@Injectable()
export class CalendarService {
  private snapshot: { cal: rules.HolidayCalendar; loadedAt: number } | undefined;
  private loading: { promise: Promise<rules.HolidayCalendar>; generation: number } | undefined;
  // Bumped by every edit, so a read that started before the edit never refills the cache with the old calendar.
  private generation = 0;
  private readonly listeners: ChangeListener[] = [];
  private readonly warnedYears = new Set<number>();

  constructor(
    private readonly repo: CalendarRepository,
    private readonly logger: JsonLogger,
  ) {}

  async calendar(): Promise<rules.HolidayCalendar> {
    if (this.snapshot && performance.now() - this.snapshot.loadedAt < CALENDAR_FRESH_MS) return this.snapshot.cal;
    return this.load();
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return rules.isWorkingDay(await this.calendar(), date);
  }

  /** The date n working days after `from` (not counted); the deadline ends at 24:00 Asia/Shanghai of it. */
  async addWorkingDays(from: string, n: number): Promise<string> {
    const cal = await this.calendar();
    const date = rules.addWorkingDays(cal, from, n);
    this.warnIfUnknown(cal, from, date);
    return date;
  }

  /** Working days in (from, to]. */
  async countWorkingDays(from: string, to: string): Promise<number> {
    const cal = await this.calendar();
    const count = rules.countWorkingDays(cal, from, to);
    this.warnIfUnknown(cal, from, to);
    return count;
  }

  async workingDaysAfter(from: string, add: number): Promise<WorkingDaysResponse> {
    return { from, add, date: await this.addWorkingDays(from, add) };
  }

  /**
   * Years whose official schedule was entered: at least one HOLIDAY row. A year with only make-up days
   * (or nothing) counts weekends alone, so deadlines running into it are provisional.
   */
  async scheduledYears(): Promise<Set<number>> {
    return rules.scheduledYears(await this.calendar());
  }

  /**
   * GET /admin/calendar/years: this year, next year and every year an open deadline reaches, each with whether
   * its schedule is entered and, when not, how many open working-day deadlines run into it (provisional ones).
   */
  async yearStatuses(today: string): Promise<CalendarYearStatus[]> {
    const [years, lastDue] = await Promise.all([this.scheduledYears(), this.repo.lastOpenWorkingDayDue()]);
    const first = Number(today.slice(0, 4));
    const last = Math.max(first + 1, lastDue ? Number(lastDue.slice(0, 4)) : first);
    const out: CalendarYearStatus[] = [];
    for (let year = first; year <= last; year++) {
      const hasSchedule = years.has(year);
      out.push({ year, hasSchedule, provisionalDeadlines: hasSchedule ? 0 : await this.repo.countOpenWorkingDayDeadlinesInto(year) });
    }
    return out;
  }

  async listYear(year: number): Promise<CalendarDaysResponse> {
    const cal = await this.calendar();
    const items = [...cal.days.values()].filter((d) => d.date.startsWith(`${year}-`)).sort((a, b) => (a.date < b.date ? -1 : 1));
    return { year, items };
  }

  /** Called after every edit this instance makes, e.g. to recompute open deadlines. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async putDay(actor: AuthUser, date: string, input: CalendarDayInput): Promise<CalendarDay> {
    if (input.kind === 'MAKEUP_WORKDAY' && !rules.isWeekendDay(date)) {
      const message = '调休上班日应为周六或周日；工作日本来就上班';
      throw new DomainException('VALIDATION_FAILED', `提交的内容不符合要求：kind：${message}`, [{ path: 'kind', message }]);
    }
    const saved = await this.repo.upsert({ date, ...input });
    this.logger.write('info', 'calendar day saved', { by: actor.id, date, kind: saved.kind, name: saved.name });
    await this.changed();
    return saved;
  }

  async deleteDay(actor: AuthUser, date: string): Promise<void> {
    const removed = await this.repo.delete(date);
    if (!removed) throw new DomainException('NOT_FOUND', `${date} 没有节假日或调休安排`);
    this.logger.write('info', 'calendar day deleted', { by: actor.id, date, kind: removed.kind, name: removed.name });
    await this.changed();
  }

  private load(): Promise<rules.HolidayCalendar> {
    // Concurrent callers (e.g. several deadlines planned at once) share one read.
    if (this.loading && this.loading.generation === this.generation) return this.loading.promise;
    const generation = this.generation;
    const startedAt = performance.now();
    const promise = this.repo
      .findAll()
      .then((entries) => {
        const cal = rules.holidayCalendar(entries);
        if (generation === this.generation) this.snapshot = { cal, loadedAt: startedAt };
        return cal;
      })
      .finally(() => {
        if (this.loading?.promise === promise) this.loading = undefined;
      });
    this.loading = { promise, generation };
    return promise;
  }

  private async changed(): Promise<void> {
    this.generation += 1;
    this.snapshot = undefined;
    for (const listener of this.listeners) await listener();
  }

  /** A deadline in a year with no schedule yet counts weekends only: say so once, so the admin adds the year. */
  private warnIfUnknown(cal: rules.HolidayCalendar, ...dates: string[]): void {
    for (const date of dates) {
      const year = Number(date.slice(0, 4));
      if (cal.years.has(year) || this.warnedYears.has(year)) continue;
      this.warnedYears.add(year);
      this.logger.write('warn', 'no holiday schedule for this year: working days count weekends only', { year });
    }
  }
}
