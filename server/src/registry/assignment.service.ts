import { Injectable } from '@nestjs/common';
import type {
  AssignmentInput,
  AssignmentView,
  CommitmentRecordInput,
  CommitmentStatusQuery,
  CommitmentStatusRow,
  CommitmentView,
  MyBusiness,
  Page,
} from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { dayToDbDate, shanghaiDate } from '../calendar/working-days';
import { OPEN_STATUSES } from '../complaints/workflow';
import { AssignmentRepository } from './assignment.repository';
import { BusinessRepository } from './business.repository';
import { END_REASONS } from './end-reasons';
import { toAssignmentView, toBusinessSummary, toCadreSummary, toCommitmentVersion, toRef } from './registry.mapper';
import { checkTierRule } from './tier-rule';

/** 包保: who answers for which business, and the 三清单+一承诺 letters they sign. */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly repo: AssignmentRepository,
    private readonly businesses: BusinessRepository,
    private readonly clock: Clock,
  ) {}

  /** The tier rule decides; the previous assignment ends and its letter is superseded in the same transaction. */
  async assign(input: AssignmentInput): Promise<AssignmentView> {
    const outcome = await this.repo.reassign(
      input.businessId,
      input.cadreId,
      { endReason: input.reason || END_REASONS.cadreChanged, supersededReason: END_REASONS.cadreChanged },
      checkTierRule,
    );
    switch (outcome.kind) {
      case 'business-not-found':
        throw new DomainException('NOT_FOUND', '经营主体不存在');
      case 'cadre-not-found':
        throw new DomainException('NOT_FOUND', '包保干部不存在');
      case 'refused':
        throw new DomainException(outcome.reason);
      case 'assigned':
        return this.view(outcome.assignmentId);
    }
  }

  async history(businessId: number): Promise<Page<AssignmentView>> {
    if (!(await this.businesses.exists(businessId))) throw new DomainException('NOT_FOUND', '经营主体不存在');
    const rows = await this.repo.history(businessId);
    return { items: rows.map(toAssignmentView), total: rows.length };
  }

  /** The logged-in cadre's data scope, optionally narrowed by part of the name or the licence number. */
  async myBusinesses(caller: AuthUser, q?: string): Promise<Page<MyBusiness>> {
    if (caller.cadreId === null) return { items: [], total: 0 };
    const text = q?.trim().toUpperCase();
    const rows = (await this.repo.scopeOfCadre(caller.cadreId)).filter(
      (row) => !text || row.business.name.toUpperCase().includes(text) || row.business.licenceNo.includes(text),
    );
    const open = await this.repo.openComplaintCounts(caller.cadreId, rows.map((r) => r.business.id), OPEN_STATUSES);
    const items = rows.map((row): MyBusiness => {
      const letter = row.commitments[0];
      return {
        ...toBusinessSummary(row.business),
        assignmentId: row.id,
        assignedAt: row.startedAt.toISOString(),
        office: toRef(row.business.street.office),
        openComplaints: open.get(row.business.id) ?? 0,
        commitment: letter ? { version: letter.version, signedAt: letter.signedAt.toISOString() } : null,
      };
    });
    return { items, total: items.length };
  }

  /**
   * 承诺书: only the cadre who currently answers for the business records it, with the day it was signed (not in the
   * future, not before they were assigned) and a photo of the signed paper; it becomes the business's next version.
   */
  async record(caller: AuthUser, input: CommitmentRecordInput): Promise<CommitmentView> {
    if (caller.cadreId === null) throw new DomainException('FORBIDDEN', '当前账号未关联包保干部');
    if (!(await this.businesses.exists(input.businessId))) throw new DomainException('NOT_FOUND', '经营主体不存在');
    const current = await this.repo.findCurrent(input.businessId);
    if (!current || current.cadreId !== caller.cadreId) throw new DomainException('NOT_CURRENT_CADRE');
    const today = shanghaiDate(this.clock.now());
    if (input.signedOn > today) throw signedOnError('签订日期不能晚于今天');
    const assignedOn = shanghaiDate(current.startedAt);
    if (input.signedOn < assignedOn) throw signedOnError(`签订日期不能早于包保开始日期（${assignedOn}）`);
    if (!(await this.repo.uploadExists(input.photoUploadId))) throw new DomainException('PHOTO_NOT_FOUND');
    const letter = await this.repo.record(
      { id: current.id, businessId: input.businessId, cadreId: caller.cadreId },
      { signedAt: dayToDbDate(input.signedOn), photoUploadId: input.photoUploadId },
      END_REASONS.newLetterSigned,
    );
    if (!letter) throw new DomainException('NOT_CURRENT_CADRE');
    return {
      ...toCommitmentVersion(letter),
      assignmentId: letter.assignmentId,
      business: toRef(letter.business),
      cadre: toCadreSummary(letter.cadre),
    };
  }

  /** The admin's 承诺书 status per business: current cadre and standing letter, or none. */
  async commitmentStatus(query: CommitmentStatusQuery): Promise<Page<CommitmentStatusRow>> {
    const signed = query.status === undefined ? undefined : query.status === 'signed';
    const { rows, total } = await this.repo.commitmentStatus({ signed, streetId: query.streetId, q: query.q }, { limit: query.limit, offset: query.offset });
    return {
      items: rows.map((row): CommitmentStatusRow => {
        const cadre = row.assignments[0]?.cadre;
        const letter = row.commitments[0];
        return {
          ...toBusinessSummary(row),
          cadre: cadre ? toCadreSummary(cadre) : null,
          commitment: letter ? { version: letter.version, signedAt: letter.signedAt.toISOString() } : null,
        };
      }),
      total,
    };
  }

  private async view(id: number): Promise<AssignmentView> {
    const row = await this.repo.findView(id);
    if (!row) throw new DomainException('NOT_FOUND');
    return toAssignmentView(row);
  }
}

function signedOnError(message: string): DomainException {
  return new DomainException('VALIDATION_FAILED', `提交的内容不符合要求：signedOn：${message}`, [{ path: 'signedOn', message }]);
}
