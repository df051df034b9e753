import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '@sa/db';
import { withDatabase } from '@sa/db/testing';
import { aBusiness, aCadre, anAssignment, aUser, aWorld } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { createApp } from '../app';
import { JsonLogger } from '../common/logger';
import { parseEnv } from '../config/env';
import { EscalationService } from './escalation.service';

const friday = new Date('2026-11-27T09:00:00+08:00');
const OVERDUE = 12;
const DUE_NEXT_WORKING_DAY = 3;

/**
 * Two server instances on one database sweep at the same moment. On PostgreSQL the second instance has its
 * own connection pool, as a second process would; PGlite is embedded in one process, so there the two apps
 * share it and their sweeps interleave on its single connection.
 */
describe('two instances sweeping at once', () => {
  let first: TestApp;
  let second: NestExpressApplication;
  let secondDb: Database | undefined;

  beforeAll(async () => {
    first = await startTestApp({ SWEEP_INTERVAL_SECONDS: '0', OUTBOX_INTERVAL_SECONDS: '0' });
    if (first.db.kind === 'postgres') {
      const [row] = await first.db.sql.query<{ name: string }>('SELECT current_database() AS name');
      secondDb = await openDatabase({ url: withDatabase(inject('pgAdminUrl'), row!.name), migrate: false, poolSize: 4 });
    }
    const env = parseEnv({ DEV_LOGIN: '1', LOG_LEVEL: 'silent', SWEEP_INTERVAL_SECONDS: '0', OUTBOX_INTERVAL_SECONDS: '0' });
    second = await createApp({ env, db: secondDb ?? first.db, logger: new JsonLogger('silent') });
    await second.init();
  });
  afterAll(async () => {
    await second?.close();
    await secondDb?.close();
    await first?.close();
  });

  it('escalates and reminds each deadline exactly once, with one notice per recipient', async () => {
    const world = await aWorld(first.prisma);
    const communityCadre = await aCadre().tier('COMMUNITY').of(world.community).build(first.prisma);
    const streetCadre = await aCadre().tier('STREET').of(world.street).build(first.prisma);
    const business = await aBusiness().in(world.community).build(first.prisma);
    await anAssignment().of(business).to(communityCadre).build(first.prisma);
    await aUser().cadre(communityCadre).build(first.prisma);
    await aUser().cadre(streetCadre).build(first.prisma);
    await aUser().role('OFFICE_STAFF').office(world.office).build(first.prisma);
    await aUser().role('ADMIN').build(first.prisma);
    await aUser().role('ADMIN').build(first.prisma);
    for (let i = 0; i < OVERDUE; i++) {
      await aComplaint().about(business).handledBy(world.office).cadre(communityCadre).deadline('VERIFY', '2026-11-25').build(first.prisma);
    }
    for (let i = 0; i < DUE_NEXT_WORKING_DAY; i++) {
      await aComplaint().about(business).handledBy(world.office).cadre(communityCadre).deadline('ACCEPT', '2026-11-30').build(first.prisma);
    }

    const a = first.nest.get(EscalationService);
    const b = second.get(EscalationService);
    const runs = await Promise.all([a.sweep(friday), b.sweep(friday), a.sweep(friday), b.sweep(friday)]);

    const total = (k: 'escalated' | 'reminded' | 'notified' | 'failed') => runs.reduce((n, r) => n + r[k], 0);
    // No run lost a race by hitting a unique constraint: the conditional update decided each step.
    expect(total('failed')).toBe(0);
    expect(total('escalated')).toBe(OVERDUE);
    expect(total('reminded')).toBe(DUE_NEXT_WORKING_DAY);
    expect(await first.prisma.escalation.count()).toBe(OVERDUE);

    // 督办: the street cadre and two admins; reminder: the office staff member and the community cadre.
    expect(await first.prisma.notification.count({ where: { kind: 'ESCALATION' } })).toBe(OVERDUE * 3);
    expect(await first.prisma.notification.count({ where: { kind: 'DEADLINE_REMINDER', complaintId: { not: null } } })).toBe(DUE_NEXT_WORKING_DAY * 2);
    // Next year's holiday schedule is asked for once per admin, however many instances sweep.
    expect(await first.prisma.notification.count({ where: { complaintId: null, title: '请录入 2027 年节假日安排' } })).toBe(2);
    expect(total('notified')).toBe(OVERDUE * 3 + DUE_NEXT_WORKING_DAY * 2);
    const perDeadlineAndUser = await first.prisma.notification.groupBy({ by: ['complaintId', 'userId', 'kind'], _count: { _all: true } });
    expect(perDeadlineAndUser.every((g) => g._count._all === 1)).toBe(true);
  });
});
