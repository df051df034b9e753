import {
  COMPLAINT_STATUS_LABELS,
  DISCLOSURE_EVENT_LABELS,
  RATING_EVENT_LABELS,
  FOLLOW_UP_KIND_LABELS,
  WORKFLOW_ACTION_LABELS,
  type AuditEntry,
  type CadreSummary,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintStatus,
  type ContentFlag,
  type DeadlineKind,
  type DeadlineUnit,
  type DeadlineView,
  type FollowUpKind,
  type FollowUpView,
  type PartyKind,
  type PenaltyDecisionType,
  type PenaltyDecisionView,
  type PenaltyKind,
  type Ref,
  type StaffRating,
  type WorkbenchComplaint,
  type WorkbenchQueueItem,
} from '@sa/contracts';
import { addWorkingDays, countWorkingDays, type HolidayCalendar } from '../calendar/working-days';
import type { ComplaintRecord } from './complaints.repository';
import { fromDbDate, isOverdue, isProvisional } from './deadlines';
import { availableActions } from './workflow';

/** Who is looking: staff (office or admin) may act when they handle it; a cadre never learns who reported. */
export type Viewer =
  | { kind: 'staff'; actor: 'OFFICE_STAFF' | 'ADMIN'; handles: boolean; seesContact: boolean }
  | { kind: 'cadre'; cadreId: number; reporterSecrets: string[] };

/** Today and the working-day calendar, loaded once for a whole page. */
export type DeadlineContext = { today: string; calendar: HolidayCalendar; scheduledYears: ReadonlySet<number> };

export type DeadlineRow = {
  kind: DeadlineKind;
  startDate: Date;
  workingDays: number;
  unit: DeadlineUnit;
  dueDate: Date;
  state: 'OPEN' | 'MET' | 'CANCELLED';
  metAt: Date | null;
  escalatedAt: Date | null;
};

/** 临期: an open limit due within this many working days (and not yet over). */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * Working days from today to the due date (0 = due today); negative once it is over. A limit missed on Friday
 * is already over on Saturday, before any working day has passed: it counts as at least one over.
 */
export function workingDaysLeft(calendar: HolidayCalendar, today: string, dueDate: string): number {
  const n = countWorkingDays(calendar, today, dueDate);
  return isOverdue(dueDate, today) ? Math.min(n, -1) : n;
}

/** The first day that is no longer "due soon": due dates before it (and not over) are 临期. */
export function dueSoonBefore(calendar: HolidayCalendar, today: string): string {
  return addWorkingDays(calendar, today, DUE_SOON_WORKING_DAYS + 1);
}

export function deadlineView(d: DeadlineRow, ctx: DeadlineContext): DeadlineView {
  const startDate = fromDbDate(d.startDate);
  const dueDate = fromDbDate(d.dueDate);
  const open = d.state === 'OPEN';
  return {
    kind: d.kind,
    startDate,
    days: d.workingDays,
    unit: d.unit,
    dueDate,
    state: d.state,
    metAt: d.metAt?.toISOString() ?? null,
    overdue: open && isOverdue(dueDate, ctx.today),
    workingDaysLeft: open ? workingDaysLeft(ctx.calendar, ctx.today, dueDate) : null,
    // Only an open limit moves when next year's schedule is entered; a met or cancelled one stands as it was.
    provisional: open && isProvisional(startDate, dueDate, d.unit, ctx.scheduledYears),
    escalatedAt: d.escalatedAt?.toISOString() ?? null,
  };
}

/** The nearest open limit: what the queue is ordered by. */
export function nextDeadline(deadlines: readonly DeadlineRow[], ctx: DeadlineContext): DeadlineView | null {
  const open = deadlines.filter((d) => d.state === 'OPEN').sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime());
  return open[0] ? deadlineView(open[0], ctx) : null;
}

export type QueueRow = {
  id: number;
  trackingNo: string;
  kind: ComplaintKind;
  category: string;
  status: ComplaintStatus;
  businessName: string | null;
  receivedAt: Date;
  byVolunteer: boolean;
  supportCount: number;
  business: { name: string } | null;
  office: Ref | null;
  cadre: CadreSummary | null;
  deadlines: DeadlineRow[];
  contentFlag?: string | null;
};

/** One row of the queue: nothing about the reporter, so the same row serves staff and cadres. */
export function queueItem(row: QueueRow, streetName: string | null, ctx: DeadlineContext): WorkbenchQueueItem {
  const next = nextDeadline(row.deadlines, ctx);
  return {
    id: row.id,
    trackingNo: row.trackingNo,
    kind: row.kind,
    category: row.category as ComplaintCategory,
    status: row.status,
    statusLabel: COMPLAINT_STATUS_LABELS[row.status],
    businessName: row.business?.name ?? row.businessName,
    streetName,
    office: row.office ? { id: row.office.id, name: row.office.name } : null,
    cadre: row.cadre ? cadreSummary(row.cadre) : null,
    receivedAt: row.receivedAt.toISOString(),
    byVolunteer: row.byVolunteer,
    supportCount: row.supportCount,
    nextDeadline: next,
    overdue: next?.overdue ?? false,
    dueSoon: next !== null && !next.overdue && next.workingDaysLeft !== null && next.workingDaysLeft <= DUE_SOON_WORKING_DAYS,
    contentFlag: (row.contentFlag ?? null) as ContentFlag | null,
  };
}

/** Trail entries that are not workflow steps, in Chinese. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  ...WORKFLOW_ACTION_LABELS,
  ...DISCLOSURE_EVENT_LABELS,
  ...RATING_EVENT_LABELS,
  submit: '提交',
  reroute: '改派',
  viewContact: '查看联系方式',
  followUp: '包保干部跟进',
};

/** Actors whose names staff and cadres may see: the people doing the bureau's work, never the reporter. */
const NAMED_ACTORS = new Set(['OFFICE_STAFF', 'ADMIN', 'CADRE']);

/** Payload fields a cadre may see: codes and dates, no free text written to or by the reporter. */
const CADRE_PAYLOAD_KEYS = new Set([
  'routing', 'deadlines', 'outcome', 'transferTo', 'rejectReason', 'extendedTo', 'officeId', 'cadreId', 'followUpId', 'kind',
  'round', 'level', 'ratingId', 'rectificationId', 'rectifyDue', 'reached',
]);

// A mainland mobile number on its own, not the digits inside a licence number.
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;
const HIDDEN = '＊＊＊';

/**
 * Removes the reporter's name and phone (full or masked) and any mobile number from text a cadre will read:
 * reporters often sign their description, and staff notes may quote them.
 */
export function redactReporter(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 2) out = out.split(secret).join(HIDDEN);
  return out.replace(MOBILE, HIDDEN);
}

type EventRow = ComplaintRecord['events'][number];

export function auditEntry(e: EventRow, actorNames: ReadonlyMap<number, string>, viewer: Viewer): AuditEntry {
  const forCadre = viewer.kind === 'cadre';
  const scrub = (text: string | null) => (text !== null && forCadre ? redactReporter(text, viewer.reporterSecrets) : text);
  return {
    at: e.at.toISOString(),
    actorRole: e.actorRole,
    actorName: e.actorUserId !== null && NAMED_ACTORS.has(e.actorRole) ? (actorNames.get(e.actorUserId) ?? null) : null,
    action: e.action,
    actionLabel: AUDIT_ACTION_LABELS[e.action] ?? e.action,
    from: e.fromStatus,
    to: e.toStatus,
    reason: scrub(e.reason),
    payload: forCadre ? cadrePayload(e) : e.payload,
  };
}

function cadrePayload(e: EventRow): unknown {
  if (e.action === 'viewContact' || e.payload === null || typeof e.payload !== 'object' || Array.isArray(e.payload)) return null;
  const kept = Object.entries(e.payload).filter(([key]) => CADRE_PAYLOAD_KEYS.has(key));
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

export type FollowUpRow = {
  id: number;
  kind: FollowUpKind;
  note: string;
  createdAt: Date;
  photos: { uploadId: string }[];
  cadre: CadreSummary;
  contentFlag?: string | null;
};

export function followUpView(f: FollowUpRow): FollowUpView {
  return {
    id: f.id,
    kind: f.kind,
    kindLabel: FOLLOW_UP_KIND_LABELS[f.kind],
    note: f.note,
    photoIds: f.photos.map((p) => p.uploadId),
    cadre: cadreSummary(f.cadre),
    createdAt: f.createdAt.toISOString(),
    contentFlag: (f.contentFlag ?? null) as ContentFlag | null,
  };
}

export type PenaltyDecisionRow = {
  id: number;
  type: PenaltyDecisionType;
  decisionNo: string;
  partyKind: PartyKind;
  partyName: string;
  partyCreditCode: string | null;
  partyIdNoEnc: string | null;
  violationType: string;
  legalBasis: string;
  penaltyContent: string;
  penaltyKinds: string[];
  fineAmount: { toFixed(digits: number): string };
  confiscationAmount: { toFixed(digits: number): string };
  authority: string;
  decisionDate: Date;
  recordedAt: Date;
};

/** The decision as recorded, with amounts as exact decimal strings; the party's ID number never leaves the server. */
export function penaltyDecisionView(p: PenaltyDecisionRow): PenaltyDecisionView {
  return {
    id: p.id,
    type: p.type,
    decisionNo: p.decisionNo,
    partyKind: p.partyKind,
    partyName: p.partyName,
    partyCreditCode: p.partyCreditCode,
    hasPartyIdNo: p.partyIdNoEnc !== null,
    violationType: p.violationType,
    legalBasis: p.legalBasis,
    penaltyContent: p.penaltyContent,
    penaltyKinds: p.penaltyKinds as PenaltyKind[],
    fineAmount: p.fineAmount.toFixed(2),
    confiscationAmount: p.confiscationAmount.toFixed(2),
    authority: p.authority,
    decisionDate: fromDbDate(p.decisionDate),
    recordedAt: p.recordedAt.toISOString(),
  };
}

/** What the detail needs beyond the complaint record, read by the workbench repository. */
export type DetailExtras = {
  street: Ref | null;
  community: Ref | null;
  /** the other half of a 投诉+举报, already checked to be in the viewer's scope */
  linked: { id: number; trackingNo: string; kind: ComplaintKind; status: ComplaintStatus } | null;
  followUps: FollowUpRow[];
  penaltyDecision: PenaltyDecisionRow | null;
  actorNames: ReadonlyMap<number, string>;
  /** 好差评 as staff see them, from the ratings module (none when absent) */
  ratings?: StaffRating[];
  rectificationId?: number | null;
};

/**
 * The workbench detail. Cadres (and so businesses) never see who reported: no reporter field at all, and the
 * reporter's name and phone are removed from every text they get. Staff see the name and a masked phone of
 * real-name reports; an anonymous reporter shows as 匿名举报人.
 */
export function workbenchComplaint(c: ComplaintRecord, extras: DetailExtras, viewer: Viewer, ctx: DeadlineContext): WorkbenchComplaint {
  const scrub = (text: string) => (viewer.kind === 'cadre' ? redactReporter(text, viewer.reporterSecrets) : text);
  const openKinds = c.deadlines.filter((d) => d.state === 'OPEN').map((d) => d.kind);
  const view: WorkbenchComplaint = {
    id: c.id,
    trackingNo: c.trackingNo,
    kind: c.kind,
    category: c.category as ComplaintCategory,
    status: c.status,
    statusLabel: COMPLAINT_STATUS_LABELS[c.status],
    outcome: c.outcome,
    description: scrub(c.description),
    // A photo WeChat judged risky stays visible to the handling office only.
    photoIds: c.photos.filter((p) => p.upload.checkState !== 'RISKY' || (viewer.kind === 'staff' && viewer.handles)).map((p) => p.uploadId),
    contentFlag: c.contentFlag as ContentFlag | null,
    business: c.business
      ? { id: c.business.id, name: c.business.name, licenceNo: c.business.licenceNo, address: c.business.address, grade: c.business.grade }
      : null,
    businessName: c.business?.name ?? c.businessName,
    businessAddress: c.business?.address ?? (c.businessAddress === null ? null : scrub(c.businessAddress)),
    street: extras.street,
    community: extras.community,
    lat: c.lat,
    lng: c.lng,
    office: c.office ? { id: c.office.id, name: c.office.name } : null,
    cadre: c.cadre ? cadreSummary(c.cadre) : null,
    transferTo: c.transferTo,
    supportCount: c.supportCount,
    byVolunteer: c.byVolunteer,
    receivedAt: c.receivedAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    linked: extras.linked ? { ...extras.linked, statusLabel: COMPLAINT_STATUS_LABELS[extras.linked.status] } : null,
    deadlines: c.deadlines.map((d) => deadlineView(d, ctx)),
    routing: c.routings.map((r) => ({
      rule: r.rule,
      reason: scrub(r.reason),
      officeId: r.officeId,
      cadreId: r.cadreId,
      transferTo: r.transferTo,
      decidedAt: r.decidedAt.toISOString(),
    })),
    trail: c.events.map((e) => auditEntry(e, extras.actorNames, viewer)),
    followUps: extras.followUps.map(followUpView),
    penaltyDecision: extras.penaltyDecision ? penaltyDecisionView(extras.penaltyDecision) : null,
    actions: viewer.kind === 'staff' && viewer.handles ? availableActions(c.status, c.kind, viewer.actor, openKinds) : [],
    canReroute: viewer.kind === 'staff' && viewer.handles,
    canFollowUp: viewer.kind === 'cadre' && c.cadreId === viewer.cadreId && c.status !== 'CLOSED',
    ratings: extras.ratings ?? [],
    rectificationId: extras.rectificationId ?? null,
  };
  if (viewer.kind === 'staff') {
    view.reporter = c.anonymous
      ? { anonymous: true, label: '匿名举报人' }
      : { anonymous: false, name: c.reporterName, phone: c.reporterPhoneMasked, canCallBack: viewer.seesContact && c.reporterPhoneEnc !== null };
  }
  return view;
}

function cadreSummary(c: CadreSummary): CadreSummary {
  return { id: c.id, name: c.name, tier: c.tier, title: c.title };
}
