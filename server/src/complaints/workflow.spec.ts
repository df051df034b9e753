import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATUSES } from '@sa/contracts';
import { availableActions, DEADLINE_LIMITS, findTransition, OPEN_STATUSES, WORKFLOW } from './workflow';

describe('complaint workflow table', () => {
  it('takes a 举报 from submission through verification and case decision to resolution', () => {
    const path = [
      ['SUBMITTED', 'accept', 'ACCEPTED'],
      ['ACCEPTED', 'startVerification', 'VERIFYING'],
      ['VERIFYING', 'fileCase', 'CASE_FILED'],
      ['CASE_FILED', 'decideCase', 'CASE_DECIDED'],
      ['CASE_DECIDED', 'resolve', 'RESOLVED'],
      ['RESOLVED', 'reopen', 'REOPENED'],
      ['REOPENED', 'reprocess', 'VERIFYING'],
    ] as const;
    for (const [from, action, to] of path) {
      const actor = action === 'reopen' ? 'REPORTER' : 'OFFICE_STAFF';
      const r = findTransition({ status: from, kind: 'REPORT', action, actor });
      expect(r.ok && r.transition.to, `${from} --${action}-->`).toBe(to);
    }
  });

  it('takes a 投诉 through mediation, never verification', () => {
    expect(findTransition({ status: 'ACCEPTED', kind: 'COMPLAINT', action: 'startVerification', actor: 'OFFICE_STAFF' })).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    const m = findTransition({ status: 'ACCEPTED', kind: 'COMPLAINT', action: 'startMediation', actor: 'OFFICE_STAFF' });
    expect(m.ok && m.transition.to).toBe('MEDIATING');
    const r = findTransition({ status: 'REOPENED', kind: 'COMPLAINT', action: 'reprocess', actor: 'OFFICE_STAFF' });
    expect(r.ok && r.transition.to).toBe('MEDIATING');
  });

  it('lets only an admin approve the verification extension and only the reporter reopen', () => {
    expect(findTransition({ status: 'VERIFYING', kind: 'REPORT', action: 'extendVerification', actor: 'OFFICE_STAFF' })).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(findTransition({ status: 'VERIFYING', kind: 'REPORT', action: 'extendVerification', actor: 'ADMIN' }).ok).toBe(true);
    expect(findTransition({ status: 'RESOLVED', kind: 'REPORT', action: 'reopen', actor: 'OFFICE_STAFF' })).toEqual({ ok: false, reason: 'FORBIDDEN' });
  });

  it('never lets a cadre or a resident move a complaint', () => {
    for (const status of COMPLAINT_STATUSES) {
      expect(availableActions(status, 'REPORT', 'CADRE')).toEqual([]);
      expect(availableActions(status, 'COMPLAINT', 'RESIDENT')).toEqual([]);
    }
  });

  it('stops the acceptance deadline when a 投诉 is accepted, rejected or transferred, and starts the reporter notice on the case decision', () => {
    for (const action of ['accept', 'reject', 'transfer'] as const) {
      const t = WORKFLOW.find((w) => w.from === 'SUBMITTED' && w.action === action)!;
      expect(t.stops).toContain('ACCEPT');
    }
    for (const action of ['fileCase', 'noCase'] as const) {
      const t = WORKFLOW.find((w) => w.action === action)!;
      expect(t.stops).toEqual(['VERIFY']);
      expect(t.starts).toContain('NOTIFY_REPORTER');
    }
  });

  it('starts the 45-working-day mediation limit at the acceptance of a 投诉, not at the start of mediation', () => {
    const accept = findTransition({ status: 'SUBMITTED', kind: 'COMPLAINT', action: 'accept', actor: 'OFFICE_STAFF' });
    expect(accept.ok && accept.transition.starts).toEqual(['MEDIATE']);
    const acceptReport = findTransition({ status: 'SUBMITTED', kind: 'REPORT', action: 'accept', actor: 'OFFICE_STAFF' });
    expect(acceptReport.ok && acceptReport.transition.starts).toBeUndefined();
    const start = findTransition({ status: 'ACCEPTED', kind: 'COMPLAINT', action: 'startMediation', actor: 'OFFICE_STAFF' });
    expect(start.ok && start.transition.starts).toBeUndefined();
    expect(DEADLINE_LIMITS.MEDIATE).toEqual({ days: 45, unit: 'WORKING_DAYS' });
  });

  it('ends a failed mediation only by telling both parties, within 7 working days', () => {
    const failed = findTransition({ status: 'MEDIATING', kind: 'COMPLAINT', action: 'mediationFailed', actor: 'OFFICE_STAFF' });
    expect(failed.ok && failed.transition.starts).toEqual(['TERMINATION_NOTICE']);
    expect(DEADLINE_LIMITS.TERMINATION_NOTICE).toEqual({ days: 7, unit: 'WORKING_DAYS' });
    expect(availableActions('MEDIATION_FAILED', 'COMPLAINT', 'OFFICE_STAFF')).toEqual(['notifyTermination']);
    const notice = findTransition({ status: 'MEDIATION_FAILED', kind: 'COMPLAINT', action: 'notifyTermination', actor: 'OFFICE_STAFF' });
    expect(notice.ok && notice.transition).toMatchObject({ to: 'RESOLVED', stops: ['TERMINATION_NOTICE'], needs: ['reply', 'outcome', 'notifiedParties'] });
  });

  it('makes a filed case be decided before it is resolved, within 90 calendar days, extendable by the admin', () => {
    expect(findTransition({ status: 'CASE_FILED', kind: 'REPORT', action: 'resolve', actor: 'OFFICE_STAFF' })).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    const filed = findTransition({ status: 'VERIFYING', kind: 'REPORT', action: 'fileCase', actor: 'OFFICE_STAFF' });
    expect(filed.ok && filed.transition.starts).toContain('CASE_DECISION');
    expect(DEADLINE_LIMITS.CASE_DECISION).toEqual({ days: 90, unit: 'CALENDAR_DAYS' });
    expect(findTransition({ status: 'CASE_FILED', kind: 'REPORT', action: 'extendCase', actor: 'OFFICE_STAFF' })).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(findTransition({ status: 'CASE_FILED', kind: 'REPORT', action: 'extendCase', actor: 'ADMIN' }).ok).toBe(true);
    const decided = findTransition({ status: 'CASE_FILED', kind: 'REPORT', action: 'decideCase', actor: 'OFFICE_STAFF' });
    expect(decided.ok && decided.transition).toMatchObject({ to: 'CASE_DECIDED', stops: ['CASE_DECISION'], needs: ['decision'] });
    expect(findTransition({ status: 'CASE_DECIDED', kind: 'REPORT', action: 'resolve', actor: 'OFFICE_STAFF' }).ok).toBe(true);
    expect(OPEN_STATUSES).toContain('CASE_DECIDED');
  });

  it('offers "tell the reporter" only while that deadline is open, and keeps the status', () => {
    for (const status of ['CASE_FILED', 'NO_CASE', 'CASE_DECIDED'] as const) {
      expect(availableActions(status, 'REPORT', 'OFFICE_STAFF', ['NOTIFY_REPORTER'])).toContain('notifyReporter');
      expect(availableActions(status, 'REPORT', 'OFFICE_STAFF', [])).not.toContain('notifyReporter');
      const open = findTransition({ status, kind: 'REPORT', action: 'notifyReporter', actor: 'OFFICE_STAFF', openDeadlines: ['NOTIFY_REPORTER'] });
      expect(open.ok && open.transition.to).toBe(status);
      expect(findTransition({ status, kind: 'REPORT', action: 'notifyReporter', actor: 'OFFICE_STAFF', openDeadlines: [] })).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    }
  });

  it('has no dead ends: every open status has a way forward and CLOSED has none', () => {
    for (const status of COMPLAINT_STATUSES) {
      const out = WORKFLOW.filter((t) => t.from === status);
      if (status === 'CLOSED') expect(out).toEqual([]);
      else expect(out.length, status).toBeGreaterThan(0);
    }
  });
});
