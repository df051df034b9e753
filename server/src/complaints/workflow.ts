import type { ComplaintKind, ComplaintOutcome, ComplaintStatus, DeadlineKind, Role, WorkflowActionName } from '@sa/contracts';

/** Who acts on a complaint: staff of the handling office, the admin, the reporter, or the system sweep. */
export type Actor = Role | 'REPORTER' | 'SYSTEM';

export type WorkflowAction =
  | 'accept' // 受理
  | 'reject' // 不予受理
  | 'transfer' // 转办
  | 'startVerification' // 核查
  | 'extendVerification' // 核查延期 (once, with an admin's approval)
  | 'fileCase' // 立案
  | 'noCase' // 不予立案
  | 'startMediation' // 调解
  | 'mediated' // 调解成功
  | 'mediationFailed' // 调解不成
  | 'resolve' // 办结并答复
  | 'reopen' // 举报人/投诉人 认为未解决，15 日内重新打开
  | 'reprocess' // 重新办理
  | 'close'; // 归档

export type Transition = {
  from: ComplaintStatus;
  action: WorkflowAction;
  to: ComplaintStatus;
  /** 投诉 or 举报; absent means both. */
  kind?: ComplaintKind;
  who: readonly Actor[];
  starts?: readonly DeadlineKind[];
  stops?: readonly DeadlineKind[];
  /** what the request must carry */
  needs?: readonly ('reason' | 'rejectReason' | 'transferTo' | 'outcome' | 'reply')[];
};

const STAFF = ['OFFICE_STAFF', 'ADMIN'] as const;

/**
 * The statutory workflow as one table (DESIGN.md §3). Deadlines: ACCEPT 7 WD from receipt (投诉);
 * VERIFY 15 WD from receipt (举报); MEDIATE 45 WD from acceptance; NOTIFY_REPORTER 5 WD after the case decision.
 */
export const WORKFLOW: readonly Transition[] = [
  { from: 'SUBMITTED', action: 'accept', to: 'ACCEPTED', who: STAFF, stops: ['ACCEPT'] },
  { from: 'SUBMITTED', action: 'reject', to: 'REJECTED', who: STAFF, stops: ['ACCEPT', 'VERIFY'], needs: ['rejectReason', 'reply'] },
  { from: 'SUBMITTED', action: 'transfer', to: 'TRANSFERRED', who: STAFF, stops: ['ACCEPT', 'VERIFY'], needs: ['transferTo', 'reply'] },
  { from: 'ACCEPTED', action: 'transfer', to: 'TRANSFERRED', who: STAFF, stops: ['VERIFY', 'MEDIATE'], needs: ['transferTo', 'reply'] },

  { from: 'ACCEPTED', action: 'startVerification', to: 'VERIFYING', kind: 'REPORT', who: STAFF },
  { from: 'VERIFYING', action: 'extendVerification', to: 'VERIFYING', kind: 'REPORT', who: ['ADMIN'], needs: ['reason'] },
  { from: 'VERIFYING', action: 'fileCase', to: 'CASE_FILED', kind: 'REPORT', who: STAFF, stops: ['VERIFY'], starts: ['NOTIFY_REPORTER'] },
  { from: 'VERIFYING', action: 'noCase', to: 'NO_CASE', kind: 'REPORT', who: STAFF, stops: ['VERIFY'], starts: ['NOTIFY_REPORTER'], needs: ['reason'] },
  { from: 'CASE_FILED', action: 'resolve', to: 'RESOLVED', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['outcome', 'reply'] },
  { from: 'NO_CASE', action: 'resolve', to: 'RESOLVED', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['outcome', 'reply'] },

  { from: 'ACCEPTED', action: 'startMediation', to: 'MEDIATING', kind: 'COMPLAINT', who: STAFF, starts: ['MEDIATE'] },
  { from: 'MEDIATING', action: 'mediated', to: 'MEDIATED', kind: 'COMPLAINT', who: STAFF, stops: ['MEDIATE'] },
  { from: 'MEDIATING', action: 'mediationFailed', to: 'MEDIATION_FAILED', kind: 'COMPLAINT', who: STAFF, stops: ['MEDIATE'], needs: ['reason'] },
  { from: 'MEDIATED', action: 'resolve', to: 'RESOLVED', kind: 'COMPLAINT', who: STAFF, needs: ['outcome', 'reply'] },
  { from: 'MEDIATION_FAILED', action: 'resolve', to: 'RESOLVED', kind: 'COMPLAINT', who: STAFF, needs: ['outcome', 'reply'] },

  { from: 'RESOLVED', action: 'reopen', to: 'REOPENED', who: ['REPORTER'], needs: ['reason'] },
  { from: 'REOPENED', action: 'reprocess', to: 'VERIFYING', kind: 'REPORT', who: STAFF, starts: ['VERIFY'] },
  { from: 'REOPENED', action: 'reprocess', to: 'MEDIATING', kind: 'COMPLAINT', who: STAFF, starts: ['MEDIATE'] },

  { from: 'RESOLVED', action: 'close', to: 'CLOSED', who: [...STAFF, 'SYSTEM'] },
  { from: 'REJECTED', action: 'close', to: 'CLOSED', who: [...STAFF, 'SYSTEM'] },
  { from: 'TRANSFERRED', action: 'close', to: 'CLOSED', who: [...STAFF, 'SYSTEM'] },
];

/** Working days of each statutory limit. */
export const DEADLINE_WORKING_DAYS: Record<DeadlineKind, number> = {
  ACCEPT: 7,
  VERIFY: 15,
  MEDIATE: 45,
  NOTIFY_REPORTER: 5,
};
export const VERIFY_EXTENSION_WORKING_DAYS = 15;
/** Calendar days after resolution during which the reporter may reopen. */
export const REOPEN_WINDOW_DAYS = 15;

/** Deadlines that start on receipt, by kind. */
export const DEADLINES_ON_RECEIPT: Record<ComplaintKind, readonly DeadlineKind[]> = {
  COMPLAINT: ['ACCEPT'],
  REPORT: ['VERIFY'],
};

export type TransitionQuery = { status: ComplaintStatus; kind: ComplaintKind; action: WorkflowAction; actor: Actor };

export type TransitionResult =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'INVALID_TRANSITION' | 'FORBIDDEN' };

/** Looks the action up in the table; the caller then checks scope and the `needs`. */
export function findTransition(q: TransitionQuery): TransitionResult {
  const candidates = WORKFLOW.filter((t) => t.from === q.status && t.action === q.action && (!t.kind || t.kind === q.kind));
  const transition = candidates[0];
  if (!transition) return { ok: false, reason: 'INVALID_TRANSITION' };
  if (!transition.who.includes(q.actor)) return { ok: false, reason: 'FORBIDDEN' };
  return { ok: true, transition };
}

/** Actions the actor may take now: drives the workbench buttons. */
export function availableActions(status: ComplaintStatus, kind: ComplaintKind, actor: Actor): WorkflowAction[] {
  return WORKFLOW.filter((t) => t.from === status && (!t.kind || t.kind === kind) && t.who.includes(actor)).map((t) => t.action);
}

export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  'SUBMITTED', 'ACCEPTED', 'VERIFYING', 'CASE_FILED', 'NO_CASE', 'MEDIATING', 'MEDIATED', 'MEDIATION_FAILED', 'REOPENED',
];

export type Outcome = ComplaintOutcome;

// The contract's action list and this table's actions must be the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const ACTIONS_MATCH_CONTRACT: Same<WorkflowAction, WorkflowActionName> = true;
