import type { PublicFigures } from '@sa/contracts';

/** This year's 受理 and 核查 deadlines sharing a state, a due date and the Shanghai day they were met on. */
export type DeadlineTally = {
  state: 'OPEN' | 'MET' | 'CANCELLED';
  /** YYYY-MM-DD, the last day (24:00 Asia/Shanghai) */
  dueDate: string;
  /** YYYY-MM-DD in Asia/Shanghai when state is MET, else null */
  metOn: string | null;
  count: number;
};

/**
 * 按时办理率 = deadlines met on or before their due date ÷ deadlines decided (met) or already overdue (still open
 * after their due date); cancelled ones and those still running are left out. null when the denominator is 0.
 */
export function onTimeRate(tallies: readonly DeadlineTally[], today: string): Pick<PublicFigures, 'onTimeRate' | 'onTime'> {
  let met = 0;
  let decided = 0;
  for (const t of tallies) {
    if (t.state === 'MET') {
      decided += t.count;
      if (t.metOn !== null && t.metOn <= t.dueDate) met += t.count;
    } else if (t.state === 'OPEN' && today > t.dueDate) {
      decided += t.count;
    }
  }
  return { onTimeRate: decided === 0 ? null : met / decided, onTime: { met, decided } };
}
