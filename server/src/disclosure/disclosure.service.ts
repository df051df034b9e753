import { Injectable } from '@nestjs/common';
import type {
  DisclosureCorrectionInput,
  PenaltyDisclosureList,
  PublicPenaltiesQuery,
  StaffDisclosure,
  StaffDisclosureList,
  WorkbenchPenaltiesQuery,
} from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import type { AuthUser } from '../auth/auth.decorators';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { type DeadlineContext, deadlineView } from '../complaints/complaint-views';
import { fromDbDate, toDbDate } from '../complaints/deadlines';
import { DEADLINE_LIMITS } from '../complaints/workflow';
import { type DisclosureAction, disclosureState, disclosureStep, publicDisclosure, publicPartyName } from './disclosure-rules';
import { type DisclosureEvent, type DisclosureScope, DisclosureRepository, type StaffDisclosureRow } from './disclosure.repository';

/** The public fields staff may correct, in the order the trail lists them. */
const CORRECTABLE = ['partyName', 'partyCreditCode', 'violationType', 'penaltyContent', 'authority', 'decisionDate'] as const;
type Correctable = (typeof CORRECTABLE)[number];

/** 处罚信息公示: the staff steps on a decision's public summary, and the public list. */
@Injectable()
export class DisclosureService {
  constructor(
    private readonly repo: DisclosureRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** Staff of the handling office act on their office's decisions; the admin on all. */
  scopeOf(user: AuthUser): DisclosureScope {
    if (user.role === 'ADMIN') return { all: true };
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null) return { officeId: user.officeId };
    throw new DomainException('FORBIDDEN');
  }

  async list(user: AuthUser, q: WorkbenchPenaltiesQuery): Promise<StaffDisclosureList> {
    const [page, ctx] = await Promise.all([this.repo.staffPage(this.scopeOf(user), q.state, q.q || undefined, q), this.deadlineContext()]);
    return { items: page.rows.map((r) => this.staffView(r, ctx)), total: page.total, counts: page.counts };
  }

  async publicList(q: PublicPenaltiesQuery): Promise<PenaltyDisclosureList> {
    const page = await this.repo.publicPage({ q: q.q || undefined, businessId: q.businessId }, q);
    return {
      items: page.rows.map((r) =>
        publicDisclosure({
          ...r,
          decisionDate: fromDbDate(r.decisionDate),
          disclosedDate: shanghaiDate(r.disclosedAt!),
          business: r.complaint.business,
        }),
      ),
      total: page.total,
    };
  }

  async disclose(id: number, user: AuthUser): Promise<StaffDisclosure> {
    const row = await this.load(id, user, 'disclose');
    const now = this.clock.now();
    const done = await this.repo.disclose(id, now, this.event(row, user, 'disclose', null, { decisionNo: row.decisionNo, disclosedDate: shanghaiDate(now) }));
    return this.after(id, user, done);
  }

  async correct(id: number, user: AuthUser, input: DisclosureCorrectionInput): Promise<StaffDisclosure> {
    const row = await this.load(id, user, 'correct');
    if (input.partyCreditCode !== undefined && row.partyKind !== 'ORGANISATION') throw new DomainException('DISCLOSURE_CREDIT_CODE_ORGANISATION_ONLY');
    const now = this.clock.now();
    if (input.decisionDate !== undefined && input.decisionDate > shanghaiDate(now)) throw new DomainException('DISCLOSURE_DATE_IN_FUTURE');

    const current: Record<Correctable, string | null> = { ...row, decisionDate: fromDbDate(row.decisionDate) };
    const changes: Partial<Record<Correctable, { from: string | null; to: string }>> = {};
    for (const field of CORRECTABLE) {
      const to = input[field];
      if (to !== undefined && to !== current[field]) changes[field] = { from: current[field], to };
    }
    if (Object.keys(changes).length === 0) {
      throw new DomainException('VALIDATION_FAILED', '提交的内容与现有公示信息相同，没有需要更正的内容', [{ path: 'partyName', message: '请至少修改一项公示内容' }]);
    }
    const data: P.PenaltyDecisionUpdateManyMutationInput = Object.fromEntries(
      Object.entries(changes).map(([field, c]) => [field, field === 'decisionDate' ? toDbDate(c.to) : c.to]),
    );
    const limit = row.complaint.deadlines[0];
    const move =
      changes.decisionDate && limit?.state === 'OPEN'
        ? { startDate: toDbDate(changes.decisionDate.to), dueDate: toDbDate(await this.calendar.addWorkingDays(changes.decisionDate.to, DEADLINE_LIMITS.DISCLOSE.days)) }
        : null;
    const payload = {
      decisionNo: row.decisionNo,
      changes,
      ...(move ? { deadlines: [{ kind: 'DISCLOSE', dueDate: fromDbDate(move.dueDate) }] } : {}),
    } as P.InputJsonObject;
    const done = await this.repo.correct(id, data, move, now, this.event(row, user, 'correctDisclosure', input.reason, payload));
    return this.after(id, user, done);
  }

  async withdraw(id: number, user: AuthUser, reason: string): Promise<StaffDisclosure> {
    const row = await this.load(id, user, 'withdraw');
    const now = this.clock.now();
    const done = await this.repo.withdraw(id, reason, now, this.event(row, user, 'withdrawDisclosure', reason, { decisionNo: row.decisionNo, wasPublished: row.disclosedAt !== null }));
    return this.after(id, user, done);
  }

  /** Out of scope is 404, so other offices' cases are not revealed; then the step table decides. */
  private async load(id: number, user: AuthUser, action: DisclosureAction): Promise<StaffDisclosureRow> {
    const scope = this.scopeOf(user);
    const row = await this.repo.findStaff(id);
    if (!row || ('officeId' in scope && row.complaint.officeId !== scope.officeId)) throw new DomainException('NOT_FOUND');
    const step = disclosureStep(disclosureState(row), action);
    if (!step.ok) throw new DomainException(step.code);
    return row;
  }

  private event(row: StaffDisclosureRow, user: AuthUser, action: string, reason: string | null, payload: P.InputJsonObject): DisclosureEvent {
    return { complaintId: row.complaintId, status: row.complaint.status, userId: user.id, role: user.role, action, reason, payload };
  }

  /** The fresh row; when the conditional update lost a race, the refusal the table gives on the new state. */
  private async after(id: number, user: AuthUser, done: boolean): Promise<StaffDisclosure> {
    const row = (await this.repo.findStaff(id))!;
    if (!done) {
      const state = disclosureState(row);
      throw new DomainException(state === 'PUBLISHED' ? 'DISCLOSURE_ALREADY_PUBLISHED' : state === 'WITHDRAWN' ? 'DISCLOSURE_WITHDRAWN' : 'DISCLOSURE_NOT_PUBLISHED', '该公示刚被他人处理，请刷新后再试');
    }
    return this.staffView(row, await this.deadlineContext());
  }

  private async deadlineContext(): Promise<DeadlineContext> {
    const [calendar, scheduledYears] = await Promise.all([this.calendar.calendar(), this.calendar.scheduledYears()]);
    return { today: shanghaiDate(this.clock.now()), calendar, scheduledYears };
  }

  private staffView(r: StaffDisclosureRow, ctx: DeadlineContext): StaffDisclosure {
    const limit = r.complaint.deadlines[0];
    return {
      id: r.id,
      complaintId: r.complaintId,
      trackingNo: r.complaint.trackingNo,
      state: disclosureState(r) ?? 'PENDING',
      decisionNo: r.decisionNo,
      partyKind: r.partyKind,
      partyName: r.partyName,
      publicPartyName: publicPartyName(r.partyKind, r.partyName),
      partyCreditCode: r.partyKind === 'ORGANISATION' ? r.partyCreditCode : null,
      violationType: r.violationType,
      penaltyContent: r.penaltyContent,
      authority: r.authority,
      decisionDate: fromDbDate(r.decisionDate),
      disclosedAt: r.disclosedAt?.toISOString() ?? null,
      withdrawnAt: r.disclosureWithdrawnAt?.toISOString() ?? null,
      withdrawReason: r.disclosureWithdrawReason,
      business: r.complaint.business,
      office: r.complaint.office,
      deadline: limit ? deadlineView(limit, ctx) : null,
    };
  }
}
