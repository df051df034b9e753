import type { PrismaClient } from '@sa/db';
import { CalendarRepository } from './calendar.repository';
import { OFFICIAL_SCHEDULES, scheduleEntries } from './official-holidays';

/**
 * Ships the State Council's schedules (2025, 2026) on start-up. A year is written only while the table has no
 * day in it: once it has, the admin owns that year, and a restart must neither undo an edit nor bring back a
 * deleted day. Idempotent, and safe when several instances start together.
 */
export async function seedOfficialHolidays(prisma: PrismaClient): Promise<{ seededYears: number[] }> {
  const repo = new CalendarRepository(prisma);
  const seededYears: number[] = [];
  for (const schedule of OFFICIAL_SCHEDULES) {
    if (await repo.hasYear(schedule.year)) continue;
    await repo.insertMissing(scheduleEntries(schedule));
    seededYears.push(schedule.year);
  }
  return { seededYears };
}
