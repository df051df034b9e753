/** Waits before the 2nd, 3rd, 4th and 5th attempt; after the 5th failure the message is given up. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** How long a claimed message is reserved for the instance sending it; a crash frees it after this. */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * WeChat errcodes that no retry can fix: 43101 the user refused or has no subscription left,
 * 40003 unknown openid, 40037 wrong template id, 47003 data does not match the template.
 */
const PERMANENT_ERRCODES = new Set([43101, 40003, 40037, 47003]);

/** errcodes meaning the access token is stale: fetch a new one and send again at once. */
export const STALE_TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export type SendOutcome = { ok: true } | { ok: false; errcode?: number; error: string };

export type NextState =
  | { state: 'SENT'; sentAt: Date }
  | { state: 'PENDING'; nextAttemptAt: Date; lastError: string }
  | { state: 'FAILED'; lastError: string };

/** What to record after attempt number `attempts` (1-based) ended with `outcome` at `now`. */
export function afterAttempt(outcome: SendOutcome, attempts: number, now: Date): NextState {
  if (outcome.ok) return { state: 'SENT', sentAt: now };
  const lastError = outcome.errcode !== undefined ? `errcode ${outcome.errcode}: ${outcome.error}` : outcome.error;
  if (outcome.errcode !== undefined && PERMANENT_ERRCODES.has(outcome.errcode)) return { state: 'FAILED', lastError };
  const delay = RETRY_DELAYS_MINUTES[attempts - 1];
  if (delay === undefined) return { state: 'FAILED', lastError };
  return { state: 'PENDING', nextAttemptAt: new Date(now.getTime() + delay * 60_000), lastError };
}
