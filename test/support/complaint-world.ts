// The start of every complaint test through the HTTP API: the calendar the deadlines count on, and a business to complain about.
import { randomUUID } from 'node:crypto';
import { seedOfficialHolidays } from '../../server/src/calendar/calendar.seed';
import { aBusiness, aCadre, anAssignment, aWorld } from './builders';
import type { TestApp } from './test-app';

/**
 * An empty database with the official holiday schedules (deadlines count working days), the server's clock on the
 * real day, one world, and 李记小吃店 (grade D) in its community with 陈秀兰 as its community 包保 cadre.
 * Each test logs in on the real day and then stands the server on the days it needs.
 */
export async function aComplaintWorld(app: TestApp) {
  await app.truncate();
  await seedOfficialHolidays(app.prisma);
  app.clock.travelTo(new Date());
  const world = await aWorld(app.prisma);
  const business = await aBusiness().named('李记小吃店').grade('D').in(world.community).at('东湖路 18 号', 32.0601, 118.7969).build(app.prisma);
  const cadre = await aCadre().named('陈秀兰').tier('COMMUNITY').of(world.community).build(app.prisma);
  await anAssignment().of(business).to(cadre).build(app.prisma);
  return { world, business, cadre };
}

/** The body of 张小梅's real-name 举报 about `business` for POST /api/v1/complaints; `over` changes fields, or drops them with undefined. */
export const aReportBody = (business: { id: number }, over: Record<string, unknown> = {}) => ({
  kind: 'REPORT',
  category: 'EXPIRED_FOOD',
  businessId: business.id,
  description: '店内冷柜里的酸奶已经过期三天仍在销售',
  anonymous: false,
  reporterName: '张小梅',
  contactPhone: '13812341234',
  reporterAddress: '东湖路 20 号 3 栋 201 室',
  idempotencyKey: randomUUID(),
  ...over,
});
