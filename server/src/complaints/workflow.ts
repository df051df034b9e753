import type { ComplaintKind, ComplaintOutcome, ComplaintStatus, DeadlineKind, DeadlineUnit, Role, WorkflowActionName } from '@sa/contracts';

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
  | 'notifyReporter' // 告知举报人 (a real-name guest, told by staff)
  | 'decideCase' // 作出处理决定 (处罚 or 不予处罚)
  | 'extendCase' // 办案期限延长 (once, +30 days, with an admin's approval)
  | 'startMediation' // 调解
  | 'mediated' // 调解成功
  | 'mediationFailed' // 调解不成
  | 'notifyTermination' // 终止调解告知 (both parties)
  | 'resolve' // 办结并答复
  | 'reopen' // 举报人/投诉人 认为未解决，15 日内重新打开
  | 'reprocess' // 重新办理
  | 'close'; // 归档

export type Need = 'reason' | 'rejectReason' | 'transferTo' | 'outcome' | 'reply' | 'noticeMethod' | 'notifiedParties' | 'decision';

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
  needs?: readonly Need[];
  /** the step exists only while this deadline is open (e.g. telling the reporter, once) */
  whileOpen?: DeadlineKind;
};

const STAFF = ['OFFICE_STAFF', 'ADMIN'] as const;

/**
 * The statutory workflow as one table (DESIGN.md §3). Deadlines: ACCEPT 7 WD from receipt (投诉);
 * VERIFY 15 WD from receipt (举报); MEDIATE 45 WD from acceptance; TERMINATION_NOTICE 7 WD after mediation
 * failed; NOTIFY_REPORTER 5 WD after the case decision (real-name reporters only); CASE_DECISION 90 calendar
 * days from 立案.
 */
export const WORKFLOW: readonly Transition[] = [
  { from: 'SUBMITTED', action: 'accept', to: 'ACCEPTED', kind: 'COMPLAINT', who: STAFF, stops: ['ACCEPT'], starts: ['MEDIATE'] },
  { from: 'SUBMITTED', action: 'accept', to: 'ACCEPTED', kind: 'REPORT', who: STAFF, stops: ['ACCEPT'] },
  { from: 'SUBMITTED', action: 'reject', to: 'REJECTED', who: STAFF, stops: ['ACCEPT', 'VERIFY'], needs: ['rejectReason', 'reply'] },
  { from: 'SUBMITTED', action: 'transfer', to: 'TRANSFERRED', who: STAFF, stops: ['ACCEPT', 'VERIFY'], needs: ['transferTo', 'reply'] },
  { from: 'ACCEPTED', action: 'transfer', to: 'TRANSFERRED', who: STAFF, stops: ['VERIFY', 'MEDIATE'], needs: ['transferTo', 'reply'] },

  { from: 'ACCEPTED', action: 'startVerification', to: 'VERIFYING', kind: 'REPORT', who: STAFF },
  { from: 'VERIFYING', action: 'extendVerification', to: 'VERIFYING', kind: 'REPORT', who: ['ADMIN'], needs: ['reason'] },
  { from: 'VERIFYING', action: 'fileCase', to: 'CASE_FILED', kind: 'REPORT', who: STAFF, stops: ['VERIFY'], starts: ['CASE_DECISION', 'NOTIFY_REPORTER'] },
  { from: 'VERIFYING', action: 'noCase', to: 'NO_CASE', kind: 'REPORT', who: STAFF, stops: ['VERIFY'], starts: ['NOTIFY_REPORTER'], needs: ['reason'] },
  { from: 'CASE_FILED', action: 'notifyReporter', to: 'CASE_FILED', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['reply', 'noticeMethod'], whileOpen: 'NOTIFY_REPORTER' },
  { from: 'NO_CASE', action: 'notifyReporter', to: 'NO_CASE', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['reply', 'noticeMethod'], whileOpen: 'NOTIFY_REPORTER' },
  { from: 'CASE_DECIDED', action: 'notifyReporter', to: 'CASE_DECIDED', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['reply', 'noticeMethod'], whileOpen: 'NOTIFY_REPORTER' },
  { from: 'CASE_FILED', action: 'extendCase', to: 'CASE_FILED', kind: 'REPORT', who: ['ADMIN'], needs: ['reason'] },
  { from: 'CASE_FILED', action: 'decideCase', to: 'CASE_DECIDED', kind: 'REPORT', who: STAFF, stops: ['CASE_DECISION'], needs: ['decision'] },
  { from: 'CASE_DECIDED', action: 'resolve', to: 'RESOLVED', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['outcome', 'reply'] },
  { from: 'NO_CASE', action: 'resolve', to: 'RESOLVED', kind: 'REPORT', who: STAFF, stops: ['NOTIFY_REPORTER'], needs: ['outcome', 'reply'] },

  { from: 'ACCEPTED', action: 'startMediation', to: 'MEDIATING', kind: 'COMPLAINT', who: STAFF },
  { from: 'MEDIATING', action: 'mediated', to: 'MEDIATED', kind: 'COMPLAINT', who: STAFF, stops: ['MEDIATE'] },
  { from: 'MEDIATING', action: 'mediationFailed', to: 'MEDIATION_FAILED', kind: 'COMPLAINT', who: STAFF, stops: ['MEDIATE'], starts: ['TERMINATION_NOTICE'], needs: ['reason'] },
  { from: 'MEDIATED', action: 'resolve', to: 'RESOLVED', kind: 'COMPLAINT', who: STAFF, needs: ['outcome', 'reply'] },
  { from: 'MEDIATION_FAILED', action: 'notifyTermination', to: 'RESOLVED', kind: 'COMPLAINT', who: STAFF, stops: ['TERMINATION_NOTICE'], needs: ['reply', 'outcome', 'notifiedParties'] },

  { from: 'RESOLVED', action: 'reopen', to: 'REOPENED', who: ['REPORTER'], needs: ['reason'] },
  { from: 'REOPENED', action: 'reprocess', to: 'VERIFYING', kind: 'REPORT', who: STAFF, starts: ['VERIFY'] },
  { from: 'REOPENED', action: 'reprocess', to: 'MEDIATING', kind: 'COMPLAINT', who: STAFF, starts: ['MEDIATE'] },

  { from: 'RESOLVED', action: 'close', to: 'CLOSED', who: [...STAFF, 'SYSTEM'] },
  { from: 'REJECTED', action: 'close', to: 'CLOSED', who: [...STAFF, 'SYSTEM'] },
  { from: 'TRANSFERRED', action: 'close', to: 'CLOSED', who: [...STAFF, 'SYSTEM'] },
];

/** Each statutory limit: its length and whether it counts working days or calendar days. */
export const DEADLINE_LIMITS: Record<DeadlineKind, { days: number; unit: DeadlineUnit }> = {
  ACCEPT: { days: 7, unit: 'WORKING_DAYS' },
  VERIFY: { days: 15, unit: 'WORKING_DAYS' },
  MEDIATE: { days: 45, unit: 'WORKING_DAYS' },
  NOTIFY_REPORTER: { days: 5, unit: 'WORKING_DAYS' },
  TERMINATION_NOTICE: { days: 7, unit: 'WORKING_DAYS' },
  // 市场监督管理行政处罚程序规定: 90 days from 立案, extendable by 30 with approval.
  CASE_DECISION: { days: 90, unit: 'CALENDAR_DAYS' },
  // 总局令第45号: a penalty decision is public within 20 WD of the decision (not for warnings alone).
  DISCLOSE: { days: 20, unit: 'WORKING_DAYS' },
  // 差评整改回访: 5 WD after the poor rating (the default; RECTIFY_WORKING_DAYS overrides it).
  RECTIFY: { days: 5, unit: 'WORKING_DAYS' },
};
export const VERIFY_EXTENSION_WORKING_DAYS = 15;
export const CASE_EXTENSION_CALENDAR_DAYS = 30;
/** Calendar days after resolution during which the reporter may reopen. */
export const REOPEN_WINDOW_DAYS = 15;

/** Deadlines that start on receipt, by kind. */
export const DEADLINES_ON_RECEIPT: Record<ComplaintKind, readonly DeadlineKind[]> = {
  COMPLAINT: ['ACCEPT'],
  REPORT: ['VERIFY'],
};

export type TransitionQuery = {
  status: ComplaintStatus;
  kind: ComplaintKind;
  action: WorkflowAction;
  actor: Actor;
  /** kinds of the complaint's OPEN deadlines, for steps that exist only while one is open */
  openDeadlines?: readonly DeadlineKind[];
};

export type TransitionResult =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'INVALID_TRANSITION' | 'FORBIDDEN' };

const applies = (t: Transition, status: ComplaintStatus, kind: ComplaintKind, openDeadlines: readonly DeadlineKind[]) =>
  t.from === status && (!t.kind || t.kind === kind) && (!t.whileOpen || openDeadlines.includes(t.whileOpen));

/** Looks the action up in the table; the caller then checks scope and the `needs`. */
export function findTransition(q: TransitionQuery): TransitionResult {
  const transition = WORKFLOW.find((t) => t.action === q.action && applies(t, q.status, q.kind, q.openDeadlines ?? []));
  if (!transition) return { ok: false, reason: 'INVALID_TRANSITION' };
  if (!transition.who.includes(q.actor)) return { ok: false, reason: 'FORBIDDEN' };
  return { ok: true, transition };
}

/** Actions the actor may take now: drives the workbench buttons. Pass the open deadlines' kinds. */
export function availableActions(status: ComplaintStatus, kind: ComplaintKind, actor: Actor, openDeadlines: readonly DeadlineKind[] = []): WorkflowAction[] {
  return WORKFLOW.filter((t) => applies(t, status, kind, openDeadlines) && t.who.includes(actor)).map((t) => t.action);
}

export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  'SUBMITTED', 'ACCEPTED', 'VERIFYING', 'CASE_FILED', 'NO_CASE', 'CASE_DECIDED', 'MEDIATING', 'MEDIATED', 'MEDIATION_FAILED', 'REOPENED',
];

export type Outcome = ComplaintOutcome;

// The contract's action list and this table's actions must be the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const ACTIONS_MATCH_CONTRACT: Same<WorkflowAction, WorkflowActionName> = true;
