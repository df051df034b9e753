import { Injectable } from '@nestjs/common';
import type { AssignmentInput, AssignmentView, CommitmentSignInput, CommitmentView, MyBusiness, Page } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
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

  /** The logged-in cadre's data scope: the businesses they currently answer for. */
  async myBusinesses(caller: AuthUser): Promise<Page<MyBusiness>> {
    if (caller.cadreId === null) return { items: [], total: 0 };
    const rows = await this.repo.scopeOfCadre(caller.cadreId);
    const items = rows.map((row): MyBusiness => {
      const letter = row.commitments[0];
      return {
        ...toBusinessSummary(row.business),
        assignmentId: row.id,
        assignedAt: row.startedAt.toISOString(),
        commitment: letter ? { version: letter.version, signedAt: letter.signedAt.toISOString() } : null,
      };
    });
    return { items, total: items.length };
  }

  /** Only the cadre who currently answers for the business signs; the new letter is the business's next version. */
  async sign(caller: AuthUser, input: CommitmentSignInput): Promise<CommitmentView> {
    if (caller.cadreId === null) throw new DomainException('FORBIDDEN', '当前账号未关联包保干部');
    if (!(await this.businesses.exists(input.businessId))) throw new DomainException('NOT_FOUND', '经营主体不存在');
    const current = await this.repo.findCurrent(input.businessId);
    if (!current || current.cadreId !== caller.cadreId) throw new DomainException('NOT_CURRENT_CADRE');
    const letter = await this.repo.sign({ id: current.id, businessId: input.businessId, cadreId: caller.cadreId }, END_REASONS.newLetterSigned);
    if (!letter) throw new DomainException('NOT_CURRENT_CADRE');
    return {
      ...toCommitmentVersion(letter),
      assignmentId: letter.assignmentId,
      business: toRef(letter.business),
      cadre: toCadreSummary(letter.cadre),
    };
  }

  private async view(id: number): Promise<AssignmentView> {
    const row = await this.repo.findView(id);
    if (!row) throw new DomainException('NOT_FOUND');
    return toAssignmentView(row);
  }
}
