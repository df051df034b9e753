import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';
import { dayToDbDate, dbDateToDay, type CalendarEntry } from './working-days';

const entryFields = { date: true, kind: true, name: true } as const;
const toEntry = (row: { date: Date; kind: CalendarEntry['kind']; name: string }): CalendarEntry => ({
  date: dbDateToDay(row.date),
  kind: row.kind,
  name: row.name,
});

/** The only place that reads and writes the holiday calendar (CalendarDay). */
@Injectable()
export class CalendarRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async findAll(): Promise<CalendarEntry[]> {
    const rows = await this.prisma.calendarDay.findMany({ select: entryFields, orderBy: { date: 'asc' } });
    return rows.map(toEntry);
  }

  async hasYear(year: number): Promise<boolean> {
    const row = await this.prisma.calendarDay.findFirst({
      where: { date: { gte: dayToDbDate(`${year}-01-01`), lt: dayToDbDate(`${year + 1}-01-01`) } },
      select: { date: true },
    });
    return row !== null;
  }

  /** The latest due date of an open working-day deadline: how far ahead the calendar must be known. */
  async lastOpenWorkingDayDue(): Promise<string | null> {
    const agg = await this.prisma.deadline.aggregate({ where: { state: 'OPEN', unit: 'WORKING_DAYS' }, _max: { dueDate: true } });
    return agg._max.dueDate ? dbDateToDay(agg._max.dueDate) : null;
  }

  /** Open working-day deadlines whose span (start to due) touches the year. */
  countOpenWorkingDayDeadlinesInto(year: number): Promise<number> {
    return this.prisma.deadline.count({
      where: { state: 'OPEN', unit: 'WORKING_DAYS', dueDate: { gte: dayToDbDate(`${year}-01-01`) }, startDate: { lte: dayToDbDate(`${year}-12-31`) } },
    });
  }

  /** One statement (INSERT … ON CONFLICT), so two admins saving the same day cannot collide. */
  async upsert(entry: CalendarEntry): Promise<CalendarEntry> {
    const date = dayToDbDate(entry.date);
    const row = await this.prisma.calendarDay.upsert({
      where: { date },
      create: { date, kind: entry.kind, name: entry.name },
      update: { kind: entry.kind, name: entry.name },
      select: entryFields,
    });
    return toEntry(row);
  }

  /** The day as it was, or undefined when there was none. */
  async delete(date: string): Promise<CalendarEntry | undefined> {
    try {
      return toEntry(await this.prisma.calendarDay.delete({ where: { date: dayToDbDate(date) }, select: entryFields }));
    } catch (error) {
      if (isRecordNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Inserts the days not yet present; several instances seeding at once is harmless. */
  async insertMissing(entries: readonly CalendarEntry[]): Promise<number> {
    const res = await this.prisma.calendarDay.createMany({
      data: entries.map((e) => ({ date: dayToDbDate(e.date), kind: e.kind, name: e.name })),
      skipDuplicates: true,
    });
    return res.count;
  }
}

/** Prisma's code when the row to delete or update does not exist. */
function isRecordNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2025';
}
