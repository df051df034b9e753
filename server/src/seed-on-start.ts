import { seedDemoDistrict, type PrismaClient } from '@sa/db';
import { hashPassword } from './auth/password';
import { seedOfficialHolidays } from './calendar/calendar.seed';
import type { JsonLogger } from './common/logger';
import { PhoneCipher } from './common/phone-crypto';
import { seedDemoHistory } from './demo/history-seed';

/** The official holiday schedules always; the demo district only in the embedded demo, and only once. */
export async function seedOnFirstStart(prisma: PrismaClient, opts: { demo: boolean; history?: boolean; phoneKey: string; logger: JsonLogger }): Promise<void> {
  await seedOfficialHolidays(prisma);
  if (!opts.demo) return;
  const started = Date.now();
  const summary = await seedDemoDistrict(prisma, { hashPassword });
  opts.logger.write('info', 'skipped' in summary && summary.skipped ? 'demo district already seeded' : 'demo district seeded', {
    ms: Date.now() - started,
  });
  // The year of history (complaints, ratings, the survey, sampling), also once; SA_DEMO_HISTORY=0 leaves it out.
  if (opts.history === false) return;
  const historyStarted = Date.now();
  const cipher = new PhoneCipher(opts.phoneKey);
  const timings: Record<string, number> = {};
  const history = await seedDemoHistory(prisma, { now: new Date(), encryptPhone: (phone) => cipher.encrypt(phone), timings });
  opts.logger.write('info', history.skipped ? 'demo history already seeded' : 'demo history seeded', {
    ms: Date.now() - historyStarted,
    ...(history.skipped ? {} : { ...history, skipped: undefined, timings }),
  });
}
