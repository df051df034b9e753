import { STAFF_ROLES, type Role } from '@sa/contracts';

/** How long sessions live: a fixed lifetime for everyone, and an inactivity limit for staff roles. */
export type SessionPolicy = { ttlHours: number; staffIdleHours: number };

/** A busy session writes `lastSeenAt` at most this often. */
export const TOUCH_INTERVAL_MS = 60_000;

export function isStaffRole(role: Role): boolean {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

export type AccountState = { role: Role; disabled: boolean; cadre: { active: boolean } | null };

/** Why an account may not be signed in (or stay signed in): disabled, or a cadre login whose cadre is deactivated. */
export function accountRefusal(user: AccountState): 'disabled' | 'cadre-inactive' | null {
  if (user.disabled) return 'disabled';
  if (user.role === 'CADRE' && !user.cadre?.active) return 'cadre-inactive';
  return null;
}

export type SessionState = { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date; user: AccountState };

/**
 * Why a presented session is no longer good, or null when it is. Staff sessions also end after
 * `staffIdleHours` without a request: a workbench left open on a shared office PC should not stay signed in.
 */
export function sessionRefusal(session: SessionState, now: Date, policy: SessionPolicy): string | null {
  if (session.revokedAt) return 'revoked';
  if (session.expiresAt <= now) return 'expired';
  if (isStaffRole(session.user.role) && session.lastSeenAt <= idleCutoff(now, policy)) return 'idle';
  return accountRefusal(session.user);
}

/** Staff sessions last seen at or before this instant have been idle too long. */
export function idleCutoff(now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() - policy.staffIdleHours * 3600_000);
}

export function sessionExpiry(now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() + policy.ttlHours * 3600_000);
}

/** `lastSeenAt` older than this is rewritten on the next request. */
export function touchBefore(now: Date): Date {
  return new Date(now.getTime() - TOUCH_INTERVAL_MS);
}

/** The sessions `sessionRefusal` would let through (leaving aside the account's state), as a query filter. */
export function liveSessionFilter(now: Date, policy: SessionPolicy) {
  return {
    revokedAt: null,
    expiresAt: { gt: now },
    OR: [{ lastSeenAt: { gt: idleCutoff(now, policy) } }, { user: { role: { notIn: [...STAFF_ROLES] } } }],
  };
}
