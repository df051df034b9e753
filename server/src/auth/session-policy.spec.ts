import { describe, expect, it } from 'vitest';
import { accountRefusal, sessionRefusal, type SessionState } from './session-policy';

const HOUR = 3600_000;
const policy = { ttlHours: 720, staffIdleHours: 12 };
const issued = new Date('2026-12-01T08:00:00Z');
const at = (hours: number) => new Date(issued.getTime() + hours * HOUR);
const session = (role: SessionState['user']['role'], over: Partial<SessionState> = {}, user: Partial<SessionState['user']> = {}): SessionState => ({
  revokedAt: null,
  expiresAt: at(720),
  lastSeenAt: issued,
  user: { role, disabled: false, cadre: role === 'CADRE' ? { active: true } : null, ...user },
  ...over,
});

describe('session lifetime', () => {
  it('ends staff sessions after 12 idle hours, resident sessions only at their fixed expiry', () => {
    for (const role of ['OFFICE_STAFF', 'CADRE', 'ADMIN'] as const) {
      expect(sessionRefusal(session(role), at(11.9), policy)).toBeNull();
      expect(sessionRefusal(session(role), at(12), policy)).toBe('idle');
    }
    for (const role of ['RESIDENT', 'VOLUNTEER'] as const) {
      expect(sessionRefusal(session(role), at(13), policy)).toBeNull();
      expect(sessionRefusal(session(role), at(720), policy)).toBe('expired');
    }
  });

  it('refuses revoked sessions, disabled users and cadres whose cadre is inactive', () => {
    expect(sessionRefusal(session('RESIDENT', { revokedAt: at(1) }), at(2), policy)).toBe('revoked');
    expect(sessionRefusal(session('OFFICE_STAFF', {}, { disabled: true }), at(0.1), policy)).toBe('disabled');
    expect(sessionRefusal(session('CADRE', {}, { cadre: { active: false } }), at(0.1), policy)).toBe('cadre-inactive');
    expect(accountRefusal({ role: 'CADRE', disabled: false, cadre: null })).toBe('cadre-inactive');
    expect(accountRefusal({ role: 'OFFICE_STAFF', disabled: false, cadre: null })).toBeNull();
  });
});
