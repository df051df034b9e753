import { describe, expect, it } from 'vitest';
import { lockAfterFailure, lockExpired, lockMinutesLeft } from './lockout';

const now = new Date('2026-12-01T09:00:00Z');
const policy = { maxFailures: 5, lockMinutes: 15 };

describe('login lockout per account and source', () => {
  it('locks the pair for 15 minutes on the 5th wrong password, not before', () => {
    expect(lockAfterFailure(4, now, policy)).toBeNull();
    expect(lockAfterFailure(5, now, policy)).toEqual(new Date('2026-12-01T09:15:00Z'));
  });

  it('counts the minutes left, rounding up, until the lock runs out', () => {
    const record = { failures: 5, lockedUntil: new Date('2026-12-01T09:15:00Z') };
    expect(lockMinutesLeft(record, now)).toBe(15);
    expect(lockMinutesLeft(record, new Date('2026-12-01T09:14:30Z'))).toBe(1);
    expect(lockMinutesLeft(record, new Date('2026-12-01T09:15:00Z'))).toBeNull();
    expect(lockMinutesLeft({ failures: 3, lockedUntil: null }, now)).toBeNull();
    expect(lockMinutesLeft(null, now)).toBeNull();
  });

  it('starts a fresh count once a lock has run out', () => {
    expect(lockExpired({ failures: 5, lockedUntil: new Date('2026-12-01T08:59:00Z') }, now)).toBe(true);
    expect(lockExpired({ failures: 5, lockedUntil: new Date('2026-12-01T09:01:00Z') }, now)).toBe(false);
    expect(lockExpired({ failures: 2, lockedUntil: null }, now)).toBe(false);
  });
});
