import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintActionRequest, DeadlineKind } from '@sa/contracts';
import { REJECT_REASONS } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { Clock } from '../common/clock';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { NotificationsService } from '../notifications/notifications.service';
import { PRISMA, type Prisma } from '../database/database';
import { type ComplaintRecord, ComplaintsRepository } from './complaints.repository';
import { fromDbDate, planDeadlines, toDbDate } from './deadlines';
import { type Actor, findTransition, REOPEN_WINDOW_DAYS, type Transition, VERIFY_EXTENSION_WORKING_DAYS } from './workflow';

const NEED_LABELS: Record<NonNullable<Transition['needs']>[number], string> = {
  reason: '理由',
  rejectReason: '不予受理的法定理由',
  transferTo: '转办部门',
  outcome: '办理结果',
  reply: '给举报人的答复',
};

/** Moves complaints along the workflow table; every step is one transaction with its audit entry. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly clock: Clock,
    private readonly repo: ComplaintsRepository,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    @Inject(PRISMA) private readonly prisma: Prisma,
  ) {}

  /** Staff can act on their office's complaints, the admin on all, the reporter on their own. */
  actorFor(c: ComplaintRecord, user: AuthUser, action: ComplaintActionRequest['action']): Actor | null {
    if (action === 'reopen') return c.reporterUserId === user.id ? 'REPORTER' : null;
    if (user.role === 'ADMIN') return 'ADMIN';
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null && c.officeId === user.officeId) return 'OFFICE_STAFF';
    return null;
  }

  async act(id: number, user: AuthUser, req: ComplaintActionRequest): Promise<ComplaintRecord> {
    const c = await this.repo.findById(id);
    const actor = c ? this.actorFor(c, user, req.action) : null;
    if (!c || !actor) throw new DomainException('NOT_FOUND');
    const found = findTransition({ status: c.status, kind: c.kind, action: req.action, actor });
    if (!found.ok) {
      if (found.reason === 'FORBIDDEN') throw new DomainException('FORBIDDEN');
      throw new DomainException('INVALID_TRANSITION', `当前状态「${c.status}」下不能进行此操作`);
    }
    const t = found.transition;
    const missing = (t.needs ?? []).filter((n) => req[n] === undefined);
    if (missing.length > 0) {
      throw new DomainException('ACTION_INPUT_MISSING', `此操作须填写：${missing.map((m) => NEED_LABELS[m]).join('、')}`);
    }
    const now = this.clock.now();
    const today = shanghaiDate(now);
    if (req.action === 'reopen') {
      if (!c.resolvedAt || now.getTime() - c.resolvedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000) {
        throw new DomainException('REOPEN_WINDOW_CLOSED');
      }
    }
    if (req.action === 'extendVerification' && c.verifyExtended) throw new DomainException('EXTENSION_ALREADY_USED');

    // Only a real-name reporter is told of the case decision; nobody can be told on an anonymous tip.
    const starts: DeadlineKind[] = (t.starts ?? []).filter((k) => k !== 'NOTIFY_REPORTER' || !c.anonymous);
    const planned = await planDeadlines(this.calendar, starts, today);
    const extension = req.action === 'extendVerification' ? await this.extendedVerifyDue(c) : null;

    const moved = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.complaint.updateMany({
        where: { id: c.id, status: c.status },
        data: {
          status: t.to,
          ...(req.outcome ? { outcome: req.outcome } : {}),
          ...(t.to === 'RESOLVED' ? { resolvedAt: now } : {}),
          ...(t.to === 'CLOSED' ? { closedAt: now } : {}),
          ...(t.to === 'TRANSFERRED' ? { transferTo: req.transferTo } : {}),
          ...(req.action === 'extendVerification' ? { verifyExtended: true } : {}),
          ...(req.action === 'reopen' ? { resolvedAt: null, outcome: null } : {}),
        },
      });
      // Someone else moved it first: the table decides again on the fresh state.
      if (updated.count !== 1) return false;
      if (t.stops?.length) {
        await tx.deadline.updateMany({ where: { complaintId: c.id, kind: { in: [...t.stops] }, state: 'OPEN' }, data: { state: 'MET', metAt: now } });
      }
      if (planned.length) {
        await tx.deadline.createMany({
          data: planned.map((d) => ({ complaintId: c.id, kind: d.kind, startDate: toDbDate(d.startDate), workingDays: d.workingDays, dueDate: toDbDate(d.dueDate) })),
        });
      }
      if (extension) {
        await tx.deadline.update({ where: { id: extension.id }, data: { workingDays: extension.workingDays, dueDate: toDbDate(extension.dueDate) } });
      }
      await tx.complaintEvent.create({
        data: {
          complaintId: c.id,
          at: now,
          actorUserId: user.id,
          actorRole: actor,
          action: req.action,
          fromStatus: c.status,
          toStatus: t.to,
          reason: req.reason ?? (req.rejectReason ? REJECT_REASONS[req.rejectReason] : null),
          payload: {
            ...(req.reply ? { reply: req.reply } : {}),
            ...(req.rejectReason ? { rejectReason: req.rejectReason } : {}),
            ...(req.transferTo ? { transferTo: req.transferTo } : {}),
            ...(req.outcome ? { outcome: req.outcome } : {}),
            ...(planned.length ? { deadlines: planned.map((d) => ({ kind: d.kind, dueDate: d.dueDate })) } : {}),
            ...(extension ? { extendedTo: extension.dueDate } : {}),
          },
        },
      });
      return true;
    });
    if (!moved) throw new DomainException('INVALID_TRANSITION', '该事项刚被他人处理，请刷新后再试');
    const after = (await this.repo.findById(c.id))!;
    await this.notifications.complaintTransitioned(after, req.action, req.reply);
    return after;
  }

  /** 核查延期: the open verification deadline moves 15 working days further, once. */
  private async extendedVerifyDue(c: ComplaintRecord) {
    const open = c.deadlines.find((d) => d.kind === 'VERIFY' && d.state === 'OPEN');
    if (!open) throw new DomainException('INVALID_TRANSITION', '没有进行中的核查期限');
    const workingDays = open.workingDays + VERIFY_EXTENSION_WORKING_DAYS;
    return { id: open.id, workingDays, dueDate: await this.calendar.addWorkingDays(fromDbDate(open.startDate), workingDays) };
  }

  /** 归档: resolved complaints the reporter can no longer reopen are closed by the system, each with its trail entry. */
  async closeExpired(now: Date = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - REOPEN_WINDOW_DAYS * 86_400_000);
    const due = await this.prisma.complaint.findMany({ where: { status: 'RESOLVED', resolvedAt: { lt: cutoff } }, select: { id: true }, take: 500 });
    let closed = 0;
    for (const { id } of due) {
      const done = await this.prisma.$transaction(async (tx) => {
        // Conditional: another instance's sweep or a last-minute reopen wins cleanly.
        const moved = await tx.complaint.updateMany({ where: { id, status: 'RESOLVED', resolvedAt: { lt: cutoff } }, data: { status: 'CLOSED', closedAt: now } });
        if (moved.count !== 1) return false;
        await tx.complaintEvent.create({
          data: { complaintId: id, at: now, actorRole: 'SYSTEM', action: 'close', fromStatus: 'RESOLVED', toStatus: 'CLOSED', reason: `办结满 ${REOPEN_WINDOW_DAYS} 日未重新打开，自动归档` },
        });
        return true;
      });
      if (done) closed++;
    }
    return closed;
  }
}

