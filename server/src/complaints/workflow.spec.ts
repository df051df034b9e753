import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATUSES } from '@sa/contracts';
import { availableActions, findTransition, WORKFLOW } from './workflow';

describe('complaint workflow table', () => {
  it('takes a 举报 from submission through verification and case decision to resolution', () => {
    const path = [
      ['SUBMITTED', 'accept', 'ACCEPTED'],
      ['ACCEPTED', 'startVerification', 'VERIFYING'],
      ['VERIFYING', 'fileCase', 'CASE_FILED'],
      ['CASE_FILED', 'resolve', 'RESOLVED'],
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
    expect(m.ok && m.transition.starts).toEqual(['MEDIATE']);
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
      expect(t.starts).toEqual(['NOTIFY_REPORTER']);
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
