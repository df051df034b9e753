import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aComplaint } from '../../../test/support/complaint-builder';
import { aComplaintWorld } from '../../../test/support/complaint-world';
import { countStatements } from '../../../test/support/count-statements';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { DeadlineRecomputeService } from './deadline-recompute.service';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('recomputing open deadlines after a calendar edit', () => {
  let app: TestApp;
  let recompute: DeadlineRecomputeService;
  let complaintId: number;

  beforeAll(async () => {
    app = await startTestApp();
    recompute = app.nest.get(DeadlineRecomputeService);
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    const { world, business } = await aComplaintWorld(app);
    complaintId = (await aComplaint().about(business).handledBy(world.office).build(app.prisma)).id;
    // Tuesday 29 September 2026: 7 working days from Monday 28 September run across National Day to 13 October.
    app.clock.travelTo(new Date('2026-09-29T10:00:00+08:00'));
  });

  /** `n` open 7-working-day limits from 28 September, saved with a due date that ignores the National Day holiday. */
  const staleDeadlines = (n: number) =>
    app.prisma.deadline.createManyAndReturn({
      data: Array.from({ length: n }, () => ({
        complaintId,
        kind: 'ACCEPT' as const,
        startDate: day('2026-09-28'),
        workingDays: 7,
        dueDate: day('2026-10-07'),
        remindedAt: new Date('2026-09-29T01:00:00Z'),
      })),
      select: { id: true },
    });

  it('moves every stale due date in one statement per thousand, and leaves the rest alone', async () => {
    const few = await staleDeadlines(3);
    const small = await countStatements(app, () => recompute.recomputeOpen());
    expect(small.result).toBe(3);

    const many = await staleDeadlines(1500);
    const untouched = await app.prisma.deadline.createManyAndReturn({
      data: [
        { complaintId, kind: 'ACCEPT', startDate: day('2026-09-28'), workingDays: 7, dueDate: day('2026-10-07'), state: 'MET', metAt: new Date() },
        { complaintId, kind: 'CASE_DECISION', unit: 'CALENDAR_DAYS', startDate: day('2026-09-28'), workingDays: 90, dueDate: day('2026-12-27') },
        { complaintId, kind: 'ACCEPT', startDate: day('2026-09-14'), workingDays: 7, dueDate: day('2026-09-22') },
      ],
      select: { id: true, dueDate: true },
    });
    const large = await countStatements(app, () => recompute.recomputeOpen());
    expect(large.result).toBe(1500);
    // The open deadlines read once, then the moves: 1 for 3, 2 for 1500.
    expect(small.statements, small.sql.join('\n---\n')).toBe(2);
    expect(large.statements, large.sql.join('\n---\n')).toBe(3);

    const ids = [...few, ...many].map((d) => d.id);
    const moved = await app.prisma.deadline.findMany({ where: { id: { in: ids } }, select: { dueDate: true, remindedAt: true } });
    expect(moved).toHaveLength(1503);
    expect(moved.every((d) => d.dueDate.getTime() === day('2026-10-13').getTime() && d.remindedAt === null)).toBe(true);
    const after = await app.prisma.deadline.findMany({ where: { id: { in: untouched.map((d) => d.id) } }, select: { id: true, dueDate: true }, orderBy: { id: 'asc' } });
    expect(after).toEqual(untouched);
    expect(await recompute.recomputeOpen()).toBe(0);
  });
});
