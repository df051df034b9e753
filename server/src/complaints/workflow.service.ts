import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintActionRequest, ContentFlag, DeadlineKind } from '@sa/contracts';
import { COMPLAINT_STATUS_LABELS, DEADLINE_KIND_LABELS, NOTICE_PARTIES, REJECT_REASONS } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { AccessPolicy, Permission } from '../access/access.policy';
import { DomainException } from '../common/domain-exception';
import { Clock } from '../common/clock';
import { PhoneCipher } from '../common/phone-crypto';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { ENV, type Env } from '../config/env';
import { NotificationsService } from '../notifications/notifications.service';
import { ContentSafetyService, TEXT_SCENES } from '../content-safety/content-safety.service';
import { strongest } from '../content-safety/content-flags';
import { isUniqueViolation } from '../registry/prisma-errors';
import { requiresDisclosure } from '../disclosure/disclosure-rules';
import { type ComplaintRecord, ComplaintsRepository } from './complaints.repository';
import { dueAfter, fromDbDate, planDeadlines, toDbDate } from './deadlines';
import { penaltyDecisionRow } from './penalty-decisions.repository';
import { type StepOutcome, type StepWrite, WorkflowRepository } from './workflow.repository';
import {
  type Actor,
  CASE_EXTENSION_CALENDAR_DAYS,
  findTransition,
  type Need,
  REOPEN_WINDOW_DAYS,
  type Transition,
  VERIFY_EXTENSION_WORKING_DAYS,
  WORKFLOW,
} from './workflow';

const NEED_LABELS: Record<Need, string> = {
  reason: '理由',
  rejectReason: '不予受理的法定理由',
  transferTo: '转办部门',
  outcome: '办理结果',
  reply: '给举报人的答复',
  noticeMethod: '告知方式',
  notifiedParties: '已告知的当事人',
  decision: '处理决定书内容',
};

/** Photos a reporter may add when reopening (per reopen). */
export const REOPEN_MAX_PHOTOS = 9;

/** Complaints archived per sweep call. */
const CLOSE_BATCH = 500;

/** Who performs the step: the actor in the table, and the user behind it (null: a guest reporter or the system). */
type Acting = { actor: Actor; userId: number | null };

/** Moves complaints along the workflow table; every step is one transaction with its audit entry. */
@Injectable()
export class WorkflowService {
  private readonly cipher: PhoneCipher;

  constructor(
    private readonly clock: Clock,
    private readonly repo: ComplaintsRepository,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly safety: ContentSafetyService,
    private readonly steps: WorkflowRepository,
    private readonly access: AccessPolicy,
    @Inject(ENV) env: Env,
  ) {
    this.cipher = new PhoneCipher(env.secrets.phoneKey);
  }

  /** The reporter reopens their own; any other step is the bureau's (the policy says whose office). */
  async act(id: number, user: AuthUser, req: ComplaintActionRequest, photoIds: readonly string[] = []): Promise<ComplaintRecord> {
    const reopen = req.action === 'reopen';
    await this.access.require(user, reopen ? Permission.ComplaintReopen : Permission.ComplaintAct, id);
    const c = await this.repo.findById(id);
    if (!c) throw new DomainException('NOT_FOUND');
    const actor: Actor = reopen ? 'REPORTER' : user.role === 'ADMIN' ? 'ADMIN' : 'OFFICE_STAFF';
    return this.run(c, { actor, userId: user.id }, req, photoIds);
  }

  /** A guest reporter reopens: the caller has matched the tracking number and query code (they stand for the login). */
  reopenAsGuest(c: ComplaintRecord, reason: string, photoIds: readonly string[]): Promise<ComplaintRecord> {
    return this.run(c, { actor: 'REPORTER', userId: null }, { action: 'reopen', reason }, photoIds);
  }

  private async run(c: ComplaintRecord, by: Acting, req: ComplaintActionRequest, photoIds: readonly string[]): Promise<ComplaintRecord> {
    const openDeadlines = c.deadlines.filter((d) => d.state === 'OPEN').map((d) => d.kind);
    const found = findTransition({ status: c.status, kind: c.kind, action: req.action, actor: by.actor, openDeadlines });
    if (!found.ok) {
      if (found.reason === 'FORBIDDEN') throw new DomainException('FORBIDDEN');
      throw new DomainException('INVALID_TRANSITION', this.invalidMessage(c, req.action));
    }
    const t = found.transition;
    this.checkNeeds(t, req);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    if (req.action === 'reopen') {
      if (!c.resolvedAt || now.getTime() - c.resolvedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000) {
        throw new DomainException('REOPEN_WINDOW_CLOSED');
      }
      if (photoIds.length > REOPEN_MAX_PHOTOS) throw new DomainException('TOO_MANY_PHOTOS');
      if (photoIds.length > 0 && (await this.repo.countAttachableUploads(photoIds, by.userId)) !== new Set(photoIds).size) throw new DomainException('PHOTO_NOT_FOUND');
    }
    // 内容安全: the reopen reason and photos of a mini-program user; a new flag never weakens the record's.
    const reopenFlag =
      req.action === 'reopen' ? await this.safety.screen({ userId: by.userId, texts: [{ text: req.reason ?? '', scene: TEXT_SCENES.comment }], photoIds }) : null;
    if (req.action === 'extendVerification' && c.verifyExtended) throw new DomainException('EXTENSION_ALREADY_USED');
    if (req.action === 'extendCase' && c.caseExtended) throw new DomainException('CASE_EXTENSION_USED');
    const decision = req.action === 'decideCase' ? await this.decisionFor(c, req, by, now) : null;

    const starts = startsFor(t, c);
    const planned = [
      ...(await planDeadlines(this.calendar, starts, today)),
      // 处罚信息公示 counts from the decision's own date, which may be before the day it is recorded.
      ...(decision && requiresDisclosure(req.decision!) ? await planDeadlines(this.calendar, ['DISCLOSE'], req.decision!.decisionDate) : []),
    ];
    // A reporter with an account is told by the in-app notice written with the decision: met at once.
    const metAtOnce = (kind: DeadlineKind) => kind === 'NOTIFY_REPORTER' && c.reporterUserId !== null;
    const extension = await this.extensionFor(c, req.action);

    const write: StepWrite = {
      complaintId: c.id,
      fromStatus: c.status,
      claims: {
        ...(req.action === 'extendVerification' ? { verifyExtended: false as const } : {}),
        ...(req.action === 'extendCase' ? { caseExtended: false as const } : {}),
      },
      complaint: {
        status: t.to,
        ...(req.outcome && t.needs?.includes('outcome') ? { outcome: req.outcome } : {}),
        ...(t.to === 'RESOLVED' ? { resolvedAt: now, ...(c.firstResolvedAt ? {} : { firstResolvedAt: now }) } : {}),
        ...(t.to === 'CLOSED' ? { closedAt: now } : {}),
        ...(t.to === 'TRANSFERRED' ? { transferTo: req.transferTo } : {}),
        ...(req.action === 'extendVerification' ? { verifyExtended: true } : {}),
        ...(req.action === 'extendCase' ? { caseExtended: true } : {}),
        ...(req.action === 'reopen' ? { resolvedAt: null, outcome: null, reopenCount: { increment: 1 } } : {}),
        ...(reopenFlag ? { contentFlag: strongest([c.contentFlag as ContentFlag | null, reopenFlag]) } : {}),
      },
      stops: t.stops,
      onceWhileOpen: !!t.whileOpen,
      deadlines: planned.map((d) => ({
        kind: d.kind,
        startDate: toDbDate(d.startDate),
        workingDays: d.workingDays,
        unit: d.unit,
        dueDate: toDbDate(d.dueDate),
        ...(metAtOnce(d.kind) ? { metAt: now } : {}),
      })),
      extension: extension ? { deadlineId: extension.id, workingDays: extension.days, dueDate: toDbDate(extension.dueDate) } : null,
      decision,
      photoIds,
      event: {
        at: now,
        actorUserId: by.userId,
        actorRole: by.actor,
        action: req.action,
        fromStatus: c.status,
        toStatus: t.to,
        reason: req.reason ?? (req.rejectReason ? REJECT_REASONS[req.rejectReason] : null),
        payload: {
          ...(req.reply ? { reply: req.reply } : {}),
          ...(req.rejectReason ? { rejectReason: req.rejectReason } : {}),
          ...(req.transferTo ? { transferTo: req.transferTo } : {}),
          ...(req.outcome && t.needs?.includes('outcome') ? { outcome: req.outcome } : {}),
          ...(req.action === 'notifyReporter' ? { noticeMethod: req.noticeMethod } : {}),
          ...(req.action === 'notifyTermination' ? { notifiedParties: req.notifiedParties } : {}),
          ...(decision ? { decisionNo: decision.decisionNo, decisionType: decision.type } : {}),
          ...(photoIds.length ? { photoIds: [...photoIds] } : {}),
          ...(planned.length ? { deadlines: planned.map((d) => ({ kind: d.kind, dueDate: d.dueDate, ...(metAtOnce(d.kind) ? { met: true } : {}) })) } : {}),
          ...(extension ? { extendedTo: extension.dueDate } : {}),
        },
      },
    };
    let step: StepOutcome<boolean>;
    try {
      // The reporter's notices are written in the step's transaction: the step and its notices commit together.
      step = await this.steps.applyStep(write, (tx, event) => this.notifications.complaintTransitioned(tx, c.id, { ...event, action: req.action }, req.reply));
    } catch (err) {
      if (decision && isUniqueViolation(err)) throw new DomainException('DECISION_NO_TAKEN');
      throw err;
    }
    // Someone else moved it first, or took the once-only step: the table decides again on the fresh state.
    if (!step.moved) throw new DomainException('INVALID_TRANSITION', '该事项刚被他人处理，请刷新后再试');
    if (step.result) this.notifications.messagesQueued();
    return (await this.repo.findById(c.id))!;
  }

  /** The status in Chinese; for a step that was possible until its deadline was met, say that instead. */
  private invalidMessage(c: ComplaintRecord, action: ComplaintActionRequest['action']): string {
    const once = WORKFLOW.find((t) => t.action === action && t.from === c.status && (!t.kind || t.kind === c.kind) && t.whileOpen);
    if (once?.whileOpen) return `${DEADLINE_KIND_LABELS[once.whileOpen]}已办结，无需重复此操作`;
    return `当前状态「${COMPLAINT_STATUS_LABELS[c.status]}」下不能进行此操作`;
  }

  /** What the request must carry; the termination notice must name both parties. */
  private checkNeeds(t: Transition, req: ComplaintActionRequest): void {
    const missing = (t.needs ?? []).filter((n) => n !== 'notifiedParties' && req[n] === undefined);
    if (missing.length > 0) {
      throw new DomainException('ACTION_INPUT_MISSING', `此操作须填写：${missing.map((m) => NEED_LABELS[m]).join('、')}`);
    }
    if (t.needs?.includes('notifiedParties') && !NOTICE_PARTIES.every((p) => req.notifiedParties?.includes(p))) {
      throw new DomainException('NOTICE_PARTIES_REQUIRED');
    }
  }

  /** The decision row, checked before the transaction so a taken number gets its own answer. */
  private async decisionFor(c: ComplaintRecord, req: ComplaintActionRequest, by: Acting, now: Date) {
    if (c.penaltyDecision) throw new DomainException('INVALID_TRANSITION', '该案件已记录处理决定');
    if (!c.office) throw new DomainException('INVALID_TRANSITION', '该事项没有承办监管所，不能记录处理决定');
    const input = req.decision!;
    if (await this.steps.decisionNoTaken(input.decisionNo)) throw new DomainException('DECISION_NO_TAKEN');
    return penaltyDecisionRow(input, { complaintId: c.id, businessId: c.businessId, authority: c.office.name, recordedAt: now, recordedBy: by.userId }, this.cipher);
  }

  /** 核查延期 (+15 working days) and 办案期限延长 (+30 calendar days) move the open deadline, once each. */
  private async extensionFor(c: ComplaintRecord, action: ComplaintActionRequest['action']) {
    const spec =
      action === 'extendVerification'
        ? { kind: 'VERIFY' as const, add: VERIFY_EXTENSION_WORKING_DAYS }
        : action === 'extendCase'
          ? { kind: 'CASE_DECISION' as const, add: CASE_EXTENSION_CALENDAR_DAYS }
          : null;
    if (!spec) return null;
    const open = c.deadlines.find((d) => d.kind === spec.kind && d.state === 'OPEN');
    if (!open) throw new DomainException('INVALID_TRANSITION', `没有进行中的${DEADLINE_KIND_LABELS[spec.kind]}`);
    const days = open.workingDays + spec.add;
    return { id: open.id, days, dueDate: await dueAfter(this.calendar, fromDbDate(open.startDate), days, open.unit) };
  }

  /** 归档: resolved complaints the reporter can no longer reopen are closed by the system, a batch per call, each with its trail entry. */
  closeExpired(now: Date = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - REOPEN_WINDOW_DAYS * 86_400_000);
    return this.steps.closeExpired(cutoff, now, `办结满 ${REOPEN_WINDOW_DAYS} 日未重新打开，自动归档`, CLOSE_BATCH);
  }
}

/** Deadlines the step starts: nobody can be told on an anonymous tip, so it has no reporter notice. */
export function startsFor(t: Pick<Transition, 'starts'>, c: { anonymous: boolean }): DeadlineKind[] {
  return (t.starts ?? []).filter((k) => k !== 'NOTIFY_REPORTER' || !c.anonymous);
}
