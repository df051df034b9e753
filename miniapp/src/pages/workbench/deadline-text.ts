import type { DeadlineView } from '@sa/contracts';

export type Urgency = { tone: 'overdue' | 'soon' | 'plain'; text: string };

/** How far a deadline is, in working days: '超期 N 个工作日' (red), '剩 N 个工作日' (amber when due soon). */
export function urgency(deadline: DeadlineView | null, flags: { overdue: boolean; dueSoon: boolean }): Urgency | null {
  const left = deadline?.workingDaysLeft ?? null;
  if (flags.overdue) return { tone: 'overdue', text: left !== null && left < 0 ? `超期 ${-left} 个工作日` : '已超期' };
  if (left === null) return null;
  const text = left === 0 ? '今日到期（剩 0 个工作日）' : `剩 ${left} 个工作日`;
  return { tone: flags.dueSoon ? 'soon' : 'plain', text };
}

/** A deadline's own standing, for the detail. */
export function deadlineUrgency(deadline: DeadlineView): Urgency | null {
  if (deadline.state !== 'OPEN') return null;
  const left = deadline.workingDaysLeft;
  return urgency(deadline, { overdue: deadline.overdue, dueSoon: left !== null && left >= 0 && left <= 3 });
}

export const deadlineLength = (d: DeadlineView) => (d.unit === 'WORKING_DAYS' ? `${d.days} 个工作日` : `${d.days} 日（自然日）`);

export const PROVISIONAL_NOTE = '（暂估，节假日安排未公布）';
