import type { DeadlineView } from '@sa/contracts';

export type Urgency = { tone: 'overdue' | 'soon' | 'plain'; text: string };

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Calendar days from today (Asia/Shanghai) to a YYYY-MM-DD due date; negative once it has passed. */
export function calendarDaysLeft(dueDate: string, now = Date.now()): number {
  const today = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS);
  return Math.round(Date.parse(`${dueDate}T00:00:00Z`) / DAY_MS) - today;
}

/**
 * How far a deadline is: '超期 N 个工作日' (red), '剩 N 个工作日' (amber when due soon); a limit in calendar days
 * (the 90-day case decision) is told in calendar days, as it is counted.
 */
export function urgency(deadline: DeadlineView | null, flags: { overdue: boolean; dueSoon: boolean }, now = Date.now()): Urgency | null {
  if (deadline?.unit === 'CALENDAR_DAYS') {
    const left = calendarDaysLeft(deadline.dueDate, now);
    if (flags.overdue) return { tone: 'overdue', text: left < 0 ? `超期 ${-left} 日` : '已超期' };
    return { tone: flags.dueSoon ? 'soon' : 'plain', text: left === 0 ? '今日到期' : `剩 ${left} 日（自然日）` };
  }
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
