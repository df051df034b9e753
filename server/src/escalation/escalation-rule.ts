import type { CadreTier } from '@sa/contracts';

/** 督办 goes one tier up: community → street → district → city; a city leader has no one above. */
export const TIER_ABOVE: Record<CadreTier, CadreTier | null> = { COMMUNITY: 'STREET', STREET: 'DISTRICT', DISTRICT: 'CITY', CITY: null };

export type CadreRef = { id: number; name: string; tier: CadreTier; districtId: number; streetId: number | null };

/**
 * Where the overdue item sits: its responsible cadre, or, when none was routed to it, its place, treated
 * as the community tier (so its street's leader is the first one up).
 */
export type EscalationOrigin = { tier: CadreTier; districtId: number; streetId: number | null };

/**
 * The active cadre an overdue deadline is escalated to: the lowest-numbered one of the next tier above
 * `origin` (a street cadre only of the origin's street); when that tier has no one, the tier above it.
 * Null at the top: the bureau admins alone then supervise.
 */
export function escalationTarget(origin: EscalationOrigin, activeCadres: readonly CadreRef[]): CadreRef | null {
  for (let tier = TIER_ABOVE[origin.tier]; tier !== null; tier = TIER_ABOVE[tier]) {
    const found = activeCadres
      .filter((c) => c.tier === tier && c.districtId === origin.districtId && (tier !== 'STREET' || (origin.streetId !== null && c.streetId === origin.streetId)))
      .sort((a, b) => a.id - b.id)[0];
    if (found) return found;
  }
  return null;
}

/**
 * 期限提醒: a deadline is reminded once, from the last working day before it is due (the due date is the
 * next working day after today) through the due date itself, in case the earlier day was missed.
 */
export function reminderDue(dueDate: string, today: string, nextWorkingDay: string): boolean {
  return today <= dueDate && dueDate <= nextWorkingDay;
}

/** A deadline ends at 24:00 Asia/Shanghai of its due date: overdue from the next Shanghai day on. */
export function overdue(dueDate: string, today: string): boolean {
  return dueDate < today;
}

/**
 * The State Council announces next year's holidays in November: from 1 November (Shanghai) the admins are
 * asked to enter next year's schedule until it has been entered. Returns that year, or null.
 */
export function scheduleReminderYear(today: string, scheduledYears: ReadonlySet<number>): number | null {
  const next = Number(today.slice(0, 4)) + 1;
  return today.slice(5) >= '11-01' && !scheduledYears.has(next) ? next : null;
}
