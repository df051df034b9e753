import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  COMPLAINT_KIND_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_OUTCOMES,
  type ComplaintOutcome,
  type ReporterContact,
  type WorkbenchComplaint,
  type WorkbenchQuery,
  type WorkbenchQueue,
} from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { AccessPolicy, type ComplaintPermission, Permission } from '../access/access.policy';
import { DomainException } from '../common/domain-exception';
import { Clock } from '../common/clock';
import { PhoneCipher } from '../common/phone-crypto';
import { ENV, type Env } from '../config/env';
import { CalendarService } from '../calendar/calendar.service';
import { addCalendarDays, shanghaiDate } from '../calendar/working-days';
import type { InboxNotice } from '../notifications/inbox-notices';
import { NotificationsService } from '../notifications/notifications.service';
import { RatingsService } from '../ratings/ratings.service';
import { type ComplaintRecord, ComplaintsRepository } from './complaints.repository';
import { toDbDate } from './deadlines';
import { type DeadlineContext, dueSoonBefore, queueItem, type Viewer, workbenchComplaint } from './complaint-views';
import { WorkbenchRepository } from './workbench.repository';

/** Replies staff start from, per outcome; staff can edit them. */
export const DEFAULT_REPLY_TEMPLATES: Record<ComplaintOutcome, string> = {
  FIXED: '您反映的问题已核查属实，我局已责令经营者整改，经复查已整改到位。感谢您对食品安全工作的支持。',
  NOT_FIXED: '您反映的问题已核查属实，我局已责令经营者限期整改，目前尚未整改到位，我局将继续跟踪督促并依法处理。',
  NO_VIOLATION: '经现场核查，未发现您反映的违法违规行为。如有新的线索，欢迎继续反映。',
  DUPLICATE: '您反映的问题与已受理的事项相同，已并入该事项一并办理，办理结果将一并告知。',
  NOT_OUR_REMIT: '您反映的问题不属于市场监管部门职责范围，已告知您向有权处理的部门反映。',
};

/** To the new office's staff and the new cadre after a re-route; no reason text, which may quote the reporter. */
export function reroutedNotice(c: { trackingNo: string; kind: ComplaintRecord['kind']; businessName: string | null }, officeName: string): InboxNotice {
  const kind = COMPLAINT_KIND_LABELS[c.kind];
  return {
    kind: 'COMPLAINT_RECEIVED',
    title: `改派${kind}：${c.businessName ?? c.trackingNo}`,
    body: `受理编号 ${c.trackingNo} 的${kind}已改派由${officeName}办理。请在工作台查看。`,
  };
}

/** Instant at which a Shanghai calendar day starts. */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

@Injectable()
export class WorkbenchService {
  private readonly cipher: PhoneCipher;

  constructor(
    private readonly clock: Clock,
    private readonly complaints: ComplaintsRepository,
    private readonly repo: WorkbenchRepository,
    private readonly access: AccessPolicy,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    // The ratings module builds on this one, so its service is looked up, not imported.
    private readonly modules: ModuleRef,
    @Inject(ENV) env: Env,
  ) {
    this.cipher = new PhoneCipher(env.secrets.phoneKey);
  }

  private viewerOf(c: ComplaintRecord, user: AuthUser): Viewer {
    if (user.role === 'CADRE') {
      if (user.cadreId === null) throw new DomainException('FORBIDDEN');
      return { kind: 'cadre', cadreId: user.cadreId, reporterSecrets: this.reporterSecrets(c) };
    }
    return {
      kind: 'staff',
      actor: user.role === 'ADMIN' ? 'ADMIN' : 'OFFICE_STAFF',
      handles: this.access.allows(user, Permission.ComplaintAct, c),
      seesContact: this.access.allows(user, Permission.ComplaintContact, c),
    };
  }

  /** Everything that would tell a cadre who reported, to be removed from the text they read. */
  private reporterSecrets(c: ComplaintRecord): string[] {
    const secrets = [c.reporterName, c.reporterPhoneMasked];
    if (c.reporterPhoneEnc) secrets.push(this.cipher.decrypt(c.reporterPhoneEnc));
    if (c.reporterAddressEnc) secrets.push(this.cipher.decrypt(c.reporterAddressEnc));
    return secrets.filter((s): s is string => !!s);
  }

  /** Today in Shanghai and the calendar, read once for a whole page. */
  private async deadlineContext(): Promise<DeadlineContext> {
    const [calendar, scheduledYears] = await Promise.all([this.calendar.calendar(), this.calendar.scheduledYears()]);
    return { today: shanghaiDate(this.clock.now()), calendar, scheduledYears };
  }

  async queue(user: AuthUser, q: WorkbenchQuery): Promise<WorkbenchQueue> {
    if (q.receivedFrom && q.receivedTo && q.receivedFrom > q.receivedTo) {
      throw new DomainException('VALIDATION_FAILED', '提交的内容不符合要求：receivedFrom：开始日期不能晚于结束日期', [
        { path: 'receivedFrom', message: '开始日期不能晚于结束日期' },
      ]);
    }
    const ctx = await this.deadlineContext();
    const page = await this.repo.queue(
      {
        scope: this.access.scopeFilter(user),
        status: q.status,
        kind: q.kind,
        category: q.category,
        streetId: q.streetId,
        cadreId: q.cadreId,
        receivedFrom: q.receivedFrom ? shanghaiMidnight(q.receivedFrom) : undefined,
        receivedBefore: q.receivedTo ? shanghaiMidnight(addCalendarDays(q.receivedTo, 1)) : undefined,
        volunteerOnly: q.volunteerOnly,
        overdue: q.overdue,
        trackingNo: q.trackingNo || undefined,
      },
      { today: toDbDate(ctx.today), dueSoonBefore: toDbDate(dueSoonBefore(ctx.calendar, ctx.today)), limit: q.limit, offset: q.offset },
    );
    return {
      items: page.rows.map((r) => queueItem(r, r.streetName, ctx)),
      total: page.total,
      counts: { overdue: page.overdue, dueSoon: page.dueSoon, byStatus: page.byStatus },
    };
  }

  /** The complaint once the policy allows `permission`: out of scope is 404, so its existence is not revealed. */
  async load(id: number, user: AuthUser, permission: ComplaintPermission = Permission.ComplaintRead): Promise<ComplaintRecord> {
    await this.access.require(user, permission, id);
    const c = await this.complaints.findById(id);
    if (!c) throw new DomainException('NOT_FOUND');
    return c;
  }

  async get(id: number, user: AuthUser): Promise<WorkbenchComplaint> {
    return this.detail(await this.load(id, user), user);
  }

  /** The detail of a complaint already loaded (e.g. after a workflow step, which may take it out of scope). */
  async detail(c: ComplaintRecord, user: AuthUser): Promise<WorkbenchComplaint> {
    const [extras, ctx, rated] = await Promise.all([
      this.repo.detailExtras(c),
      this.deadlineContext(),
      this.modules.get(RatingsService, { strict: false }).ofComplaint(c.id, user),
    ]);
    const linked = extras.linked && this.access.allows(user, Permission.ComplaintRead, extras.linked)
      ? { id: extras.linked.id, trackingNo: extras.linked.trackingNo, kind: extras.linked.kind, status: extras.linked.status }
      : null;
    return workbenchComplaint(c, { ...extras, linked, ...rated }, this.viewerOf(c, user), ctx);
  }

  /** The full contact, only to the handling office's staff who must call back; the look-up is audited. */
  async contact(id: number, user: AuthUser): Promise<ReporterContact> {
    const c = await this.load(id, user, Permission.ComplaintContact);
    if (c.anonymous || !c.reporterPhoneEnc) throw new DomainException('NOT_FOUND', '匿名举报没有联系方式');
    await this.repo.logContactViewed(c.id, user.id, c.status);
    return {
      name: c.reporterName,
      phone: this.cipher.decrypt(c.reporterPhoneEnc),
      address: c.reporterAddressEnc ? this.cipher.decrypt(c.reporterAddressEnc) : null,
    };
  }

  /** 改派: staff of the handling office or the admin; the new office's staff and cadre hear of it in their inbox. */
  async reroute(id: number, user: AuthUser, body: { officeId: number; cadreId: number | null; reason: string }): Promise<WorkbenchComplaint> {
    const c = await this.load(id, user, Permission.ComplaintReroute);
    const office = await this.repo.findOffice(body.officeId);
    if (!office) throw new DomainException('NOT_FOUND', '监管所不存在');
    if (body.cadreId !== null) {
      const cadre = await this.repo.findCadre(body.cadreId);
      if (!cadre) throw new DomainException('NOT_FOUND', '包保干部不存在');
      if (!cadre.active) throw new DomainException('CADRE_INACTIVE');
    }
    const notice = reroutedNotice({ trackingNo: c.trackingNo, kind: c.kind, businessName: c.business?.name ?? c.businessName }, office.name);
    await this.repo.reroute(c.id, { ...body, userId: user.id, actorRole: user.role, status: c.status }, async (tx, eventId) => {
      const to = await this.notifications.recipients(tx, { officeId: body.officeId, cadreIds: [body.cadreId] });
      await this.notifications.notify(tx, to.filter((u) => u !== user.id), notice, c.id, `complaint:${c.id}:reroute:${eventId}`);
    });
    // After a re-route the caller may no longer be in scope; they still see the result of their own step.
    return this.detail((await this.complaints.findById(c.id))!, user);
  }

  async templates() {
    const saved = new Map((await this.repo.listTemplates()).map((t) => [t.outcome, t]));
    return COMPLAINT_OUTCOMES.map((outcome) => ({
      outcome,
      label: COMPLAINT_OUTCOME_LABELS[outcome],
      body: saved.get(outcome)?.body ?? DEFAULT_REPLY_TEMPLATES[outcome],
      updatedAt: saved.get(outcome)?.updatedAt.toISOString() ?? null,
    }));
  }

  async saveTemplate(outcome: ComplaintOutcome, body: string, user: AuthUser) {
    await this.repo.upsertTemplate(outcome, body, user.id);
    return (await this.templates()).find((t) => t.outcome === outcome)!;
  }
}
