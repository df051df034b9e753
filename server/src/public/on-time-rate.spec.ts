import { describe, expect, it } from 'vitest';
import { onTimeRate, type DeadlineTally } from './on-time-rate';

const TODAY = '2026-06-10';
const met = (dueDate: string, metOn: string, count = 1): DeadlineTally => ({ state: 'MET', dueDate, metOn, count });
const open = (dueDate: string, count = 1): DeadlineTally => ({ state: 'OPEN', dueDate, metOn: null, count });

describe('按时办理率', () => {
  it('is null, not 0 % or 100 %, when nothing has been decided or gone overdue', () => {
    expect(onTimeRate([], TODAY)).toEqual({ onTimeRate: null, onTime: { met: 0, decided: 0 } });
    expect(onTimeRate([open('2026-06-10'), open('2026-06-20', 4), { state: 'CANCELLED', dueDate: '2026-05-01', metOn: null, count: 2 }], TODAY).onTimeRate).toBeNull();
  });

  it('counts a step met on its due date as on time and one met the day after as late', () => {
    expect(onTimeRate([met('2026-06-01', '2026-06-01'), met('2026-06-01', '2026-06-02')], TODAY)).toEqual({ onTimeRate: 0.5, onTime: { met: 1, decided: 2 } });
  });

  it('counts a step still open after its due date against the rate, and one still running not at all', () => {
    const result = onTimeRate([met('2026-06-05', '2026-06-03', 3), open('2026-06-09'), open('2026-06-10', 5)], TODAY);
    expect(result).toEqual({ onTimeRate: 0.75, onTime: { met: 3, decided: 4 } });
  });

  it('leaves cancelled steps out of both sides', () => {
    expect(onTimeRate([met('2026-06-01', '2026-05-30'), { state: 'CANCELLED', dueDate: '2026-05-01', metOn: null, count: 9 }], TODAY).onTimeRate).toBe(1);
  });
});
