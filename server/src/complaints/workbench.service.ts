import { Inject, Injectable } from '@nestjs/common';
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_OUTCOMES, type ComplaintOutcome, type ComplaintStatus } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { Clock } from '../common/clock';
import { PhoneCipher } from '../common/phone-crypto';
import { ENV, type Env } from '../config/env';
import { shanghaiDate } from '../calendar/working-days';
import { type ComplaintRecord, ComplaintsRepository } from './complaints.repository';
import { toDbDate } from './deadlines';
import { type Viewer, workbenchView } from './complaint-views';
import { type Scope, WorkbenchRepository } from './workbench.repository';

/** Replies staff start from, per outcome; staff can edit them. */
export const DEFAULT_REPLY_TEMPLATES: Record<ComplaintOutcome, string> = {
  FIXED: '您反映的问题已核查属实，我局已责令经营者整改，经复查已整改到位。感谢您对食品安全工作的支持。',
  NOT_FIXED: '您反映的问题已核查属实，我局已责令经营者限期整改，目前尚未整改到位，我局将继续跟踪督促并依法处理。',
  NO_VIOLATION: '经现场核查，未发现您反映的违法违规行为。如有新的线索，欢迎继续反映。',
  DUPLICATE: '您反映的问题与已受理的事项相同，已并入该事项一并办理，办理结果将一并告知。',
  NOT_OUR_REMIT: '您反映的问题不属于市场监管部门职责范围，已告知您向有权处理的部门反映。',
};

@Injectable()
export class WorkbenchService {
  private readonly phones: PhoneCipher;

  constructor(
    private readonly clock: Clock,
    private readonly complaints: ComplaintsRepository,
    private readonly repo: WorkbenchRepository,
    @Inject(ENV) env: Env,
  ) {
    this.phones = new PhoneCipher(env.secrets.phoneKey);
  }

  /** A cadre's scope is the complaints they answer for; office staff their office's; the admin everything. */
  scopeOf(user: AuthUser): Scope {
    if (user.role === 'ADMIN') return { all: true };
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null) return { officeId: user.officeId };
    if (user.role === 'CADRE' && user.cadreId !== null) return { cadreId: user.cadreId };
    throw new DomainException('FORBIDDEN');
  }

  private inScope(c: ComplaintRecord, user: AuthUser): boolean {
    const scope = this.scopeOf(user);
    if ('all' in scope) return true;
    if ('officeId' in scope) return c.officeId === scope.officeId;
    return c.cadreId === scope.cadreId;
  }

  viewerOf(c: ComplaintRecord, user: AuthUser): Viewer {
    if (user.role === 'CADRE') return { kind: 'cadre' };
    return { kind: 'staff', actor: user.role === 'ADMIN' ? 'ADMIN' : 'OFFICE_STAFF', seesContact: user.role === 'OFFICE_STAFF' && c.officeId === user.officeId };
  }

  async queue(user: AuthUser, q: { status?: ComplaintStatus; overdue?: boolean; limit: number; offset: number }) {
    const today = shanghaiDate(this.clock.now());
    const page = await this.repo.queue({ scope: this.scopeOf(user), status: q.status, overdueOnly: q.overdue, today: toDbDate(today), limit: q.limit, offset: q.offset });
    const rows = await Promise.all(page.ids.map((id) => this.complaints.findById(id)));
    return {
      items: rows.filter((c): c is ComplaintRecord => c !== null).map((c) => workbenchView(c, this.viewerOf(c, user), today)),
      total: page.total,
      counts: { overdue: page.overdue, byStatus: page.byStatus },
    };
  }

  /** Out-of-scope complaints are 404, so their existence is not revealed. */
  view(c: ComplaintRecord, user: AuthUser) {
    return workbenchView(c, this.viewerOf(c, user), shanghaiDate(this.clock.now()));
  }

  async get(id: number, user: AuthUser) {
    const c = await this.load(id, user);
    return workbenchView(c, this.viewerOf(c, user), shanghaiDate(this.clock.now()));
  }

  async load(id: number, user: AuthUser): Promise<ComplaintRecord> {
    const c = await this.complaints.findById(id);
    if (!c || !this.inScope(c, user)) throw new DomainException('NOT_FOUND');
    return c;
  }

  /** The full phone, only to the handling office's staff who must call back; the look-up is audited. */
  async contact(id: number, user: AuthUser) {
    const c = await this.load(id, user);
    if (user.role !== 'OFFICE_STAFF' || c.officeId !== user.officeId) throw new DomainException('FORBIDDEN', '只有承办监管所的工作人员可以查看完整联系方式');
    if (c.anonymous || !c.reporterPhoneEnc) throw new DomainException('NOT_FOUND', '匿名举报没有联系方式');
    await this.repo.logContactViewed(c.id, user.id, c.status);
    return { name: c.reporterName, phone: this.phones.decrypt(c.reporterPhoneEnc) };
  }

  async reroute(id: number, user: AuthUser, body: { officeId: number; cadreId: number | null; reason: string }) {
    const c = await this.load(id, user);
    if (user.role === 'CADRE') throw new DomainException('FORBIDDEN');
    if (!(await this.repo.findOffice(body.officeId))) throw new DomainException('NOT_FOUND', '监管所不存在');
    if (body.cadreId !== null) {
      const cadre = await this.repo.findCadre(body.cadreId);
      if (!cadre) throw new DomainException('NOT_FOUND', '包保干部不存在');
      if (!cadre.active) throw new DomainException('CADRE_INACTIVE');
    }
    await this.repo.reroute(c.id, { ...body, userId: user.id, actorRole: user.role, status: c.status });
    // After a re-route the caller may no longer be in scope; they still see the result of their own step.
    const after = (await this.complaints.findById(c.id))!;
    return workbenchView(after, this.viewerOf(after, user), shanghaiDate(this.clock.now()));
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
