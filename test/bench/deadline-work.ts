// Benchmark (not a test): the workbench queue and the deadline sweep on a test database of either engine. Prints the
// p50 of GET /api/v1/workbench/complaints?limit=50 for office staff over BENCH_N open complaints, and the time of
// one sweep escalating BENCH_OVERDUE overdue deadlines (median of BENCH_SWEEPS, the escalations undone in between).
//
//   pnpm exec vitest run --config test/bench/vitest.db.config.ts --project db-pglite|db-postgres
//   BENCH_N=2000 BENCH_RUNS=50 BENCH_OVERDUE=1000 BENCH_SWEEPS=3 TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres
import { test } from 'vitest';
import { aCadre, aUser } from '../support/builders';
import { aComplaint } from '../support/complaint-builder';
import { aComplaintWorld } from '../support/complaint-world';
import { startTestApp } from '../support/test-app';
import { workbenchQuery } from '@sa/contracts';
import { WorkbenchService } from '../../server/src/complaints/workbench.service';
import { EscalationService } from '../../server/src/escalation/escalation.service';

const N = Number(process.env.BENCH_N ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const OVERDUE = Number(process.env.BENCH_OVERDUE ?? 1000);
const SWEEPS = Number(process.env.BENCH_SWEEPS ?? 3);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const day = (i: number) => `2026-11-${String(2 + (i % 25)).padStart(2, '0')}`;

test(`workbench queue over ${N} complaints and a sweep of ${OVERDUE} overdue deadlines`, async () => {
  const app = await startTestApp();
  try {
    const { world, business, cadre } = await aComplaintWorld(app);
    await aCadre().tier('STREET').of(world.street).build(app.prisma);
    const staff = await aUser().role('OFFICE_STAFF').username('bench-staff').office(world.office).build(app.prisma);
    await aUser().role('ADMIN').username('bench-admin').build(app.prisma);
    await aUser().username('bench-cadre').cadre(cadre).build(app.prisma);
    const token = await app.login('bench-staff');
    const friday = new Date('2026-11-27T09:00:00+08:00');
    app.clock.travelTo(friday);

    const open = Math.max(N, OVERDUE);
    for (let i = 0; i < open; i++) {
      await aComplaint().about(business).handledBy(world.office).cadre(cadre).status('VERIFYING').deadline('VERIFY', i < OVERDUE ? day(i) : '2026-12-18').build(app.prisma);
    }

    // Statistics as autovacuum keeps them on a running server; without them the planner takes the fresh tables for empty.
    await app.db.sql.exec('ANALYZE');

    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const res = await app.get(`/api/v1/workbench/complaints?limit=50&offset=${(i % 5) * 50}`, token);
      if (res.status !== 200 || res.body.total !== open) throw new Error(`queue answered ${res.status} with ${res.body.total} of ${open}`);
      if (i >= 3) times.push(performance.now() - t0);
    }
    console.log(`[${app.db.kind}] queue page of 50 over ${open} open complaints, HTTP: p50 ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${RUNS} runs)`);
    // The same through the service alone: the database work and the row views, without HTTP, session and JSON.
    const workbench = app.nest.get(WorkbenchService);
    const user = { id: staff.id, role: 'OFFICE_STAFF' as const, displayName: '', officeId: world.office.id, cadreId: null, sessionId: 0 };
    const inService: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      await workbench.queue(user, workbenchQuery.parse({ limit: 50, offset: (i % 5) * 50 }));
      if (i >= 3) inService.push(performance.now() - t0);
    }
    console.log(`[${app.db.kind}] queue page of 50, service only: p50 ${median(inService).toFixed(1)} ms (${RUNS} runs)`);

    const sweeper = app.nest.get(EscalationService);
    await sweeper.sweep(friday); // the calendar and next year's holiday-schedule reminder, once
    await undoEscalations();
    const sweeps: number[] = [];
    for (let i = 0; i < SWEEPS; i++) {
      const t0 = performance.now();
      const result = await sweeper.sweep(friday);
      sweeps.push(performance.now() - t0);
      if (result.escalated !== OVERDUE) throw new Error(`escalated ${result.escalated} of ${OVERDUE}`);
      await undoEscalations();
    }
    console.log(`[${app.db.kind}] sweep escalating ${OVERDUE} overdue deadlines: median ${median(sweeps).toFixed(0)} ms (${SWEEPS} sweeps)`);
  } finally {
    await app.close();
  }

  async function undoEscalations() {
    await app.prisma.notification.deleteMany({ where: { kind: 'ESCALATION' } });
    await app.prisma.escalation.deleteMany();
    await app.prisma.deadline.updateMany({ data: { escalatedAt: null } });
  }
});
