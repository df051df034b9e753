import { seedDemoDistrict, type PrismaClient } from '@sa/db';
import { hashPassword } from './auth/password';
import { seedOfficialHolidays } from './calendar/calendar.seed';
import type { JsonLogger } from './common/logger';

/** The official holiday schedules always; the demo district only in the embedded demo, and only once. */
export async function seedOnFirstStart(prisma: PrismaClient, opts: { demo: boolean; history?: boolean; logger: JsonLogger }): Promise<void> {
  await seedOfficialHolidays(prisma);
  if (!opts.demo) return;
  const started = Date.now();
  const summary = await seedDemoDistrict(prisma, { hashPassword });
  opts.logger.write('info', 'skipped' in summary && summary.skipped ? 'demo district already seeded' : 'demo district seeded', {
    ms: Date.now() - started,
  });
}
