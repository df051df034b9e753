/**
 * Wrong passwords are counted per (account, source address), not per account: after `maxFailures` from one
 * address that address is locked out of that account for `lockMinutes`, while the right password from an
 * address without failures still signs in. A per-account lock would let any stranger lock a colleague out at
 * will by typing five wrong passwords; per pair, guessing from one address stops after five tries (and the
 * per-address rate limit caps trying many accounts), yet the owner at their own desk is never locked out by
 * someone else. A success clears only that pair. The account is named by the username as typed, so an unknown
 * username is counted and locked the same way and its replies never differ from a real account's. A count with
 * no lock in force is forgotten a day after its last failure (auth-housekeeping.ts).
 */
export type LockoutPolicy = { maxFailures: number; lockMinutes: number };

export type FailureRecord = { failures: number; lockedUntil: Date | null };

/** Minutes left on the pair's lock (at least 1), or null when the pair may try. */
export function lockMinutesLeft(record: FailureRecord | null, now: Date): number | null {
  if (!record?.lockedUntil || record.lockedUntil <= now) return null;
  return Math.max(1, Math.ceil((record.lockedUntil.getTime() - now.getTime()) / 60_000));
}

/** A lock that has run out starts the count afresh. */
export function lockExpired(record: FailureRecord | null, now: Date): boolean {
  return !!record?.lockedUntil && record.lockedUntil <= now;
}

/** After the `failures`-th wrong password in a row from the pair: the end of its lock, or null. */
export function lockAfterFailure(failures: number, now: Date, policy: LockoutPolicy): Date | null {
  return failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null;
}
