import { Injectable } from '@nestjs/common';
import type { BusinessDetail, BusinessInput, BusinessPatch, BusinessSearchQuery, BusinessSummary, BusinessUpdateResult, Page } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { AreaService, type Place } from './area.service';
import type { Ending } from './assignment.repository';
import { searchTerm } from './business-search';
import { BusinessRepository } from './business.repository';
import { businessChangeReason } from './end-reasons';
import { isUniqueViolation } from './prisma-errors';
import { tierRuleNotice, toBusinessSummary, toCadreSummary, toRef } from './registry.mapper';
import { checkTierRule, type TierRuleViolation } from './tier-rule';

/** Callers who may see a cadre's phone number. */
const SEES_CADRE_PHONE = new Set<AuthUser['role']>(['OFFICE_STAFF', 'ADMIN']);

@Injectable()
export class BusinessService {
  constructor(
    private readonly repo: BusinessRepository,
    private readonly areas: AreaService,
  ) {}

  async search(query: BusinessSearchQuery): Promise<Page<BusinessSummary>> {
    const { items, total } = await this.repo.search(
      { ...searchTerm(query.q), streetId: query.streetId, communityId: query.communityId, grade: query.grade },
      { limit: query.limit, offset: query.offset },
    );
    return { items: items.map(toBusinessSummary), total };
  }

  async detail(id: number, caller: AuthUser | undefined): Promise<BusinessDetail> {
    const row = await this.repo.findDetail(id);
    if (!row) throw notFound();
    const cadre = row.assignments[0]?.cadre;
    return {
      ...toBusinessSummary(row),
      lat: row.lat,
      lng: row.lng,
      hasSafetyOfficer: row.hasSafetyOfficer,
      hasSafetyDirector: row.hasSafetyDirector,
      office: toRef(row.street.office),
      cadre: cadre
        ? { ...toCadreSummary(cadre), ...(caller && SEES_CADRE_PHONE.has(caller.role) ? { phone: cadre.phone } : {}) }
        : null,
    };
  }

  async create(input: BusinessInput, caller: AuthUser): Promise<BusinessDetail> {
    await this.areas.requireBusinessType(input.businessTypeId);
    await this.areas.place(input.streetId, input.communityId);
    const { id } = await this.repo
      .create({ ...input, lat: input.lat ?? null, lng: input.lng ?? null })
      .catch(licenceTaken);
    return this.detail(id, caller);
  }

  /**
   * A change of grade or place ends the current assignment when the tier rule no longer holds for its cadre;
   * the answer says which ended and names the rule, so the admin knows to assign again.
   */
  async update(id: number, patch: BusinessPatch, caller: AuthUser): Promise<BusinessDetail & BusinessUpdateResult> {
    const current = await this.repo.findRulePlace(id);
    if (!current) throw notFound();
    if (patch.businessTypeId !== undefined) await this.areas.requireBusinessType(patch.businessTypeId);
    let place: Place = { districtId: current.street.districtId, streetId: current.streetId, communityId: current.communityId };
    if (patch.streetId !== undefined || patch.communityId !== undefined) {
      place = await this.areas.place(patch.streetId ?? current.streetId, patch.communityId ?? current.communityId);
    }
    const changed = { grade: patch.grade ?? current.grade, ...place };
    const ended = await this.repo
      .update(id, patch, (assignments) =>
        assignments.flatMap(({ id: assignmentId, cadre }): (Ending & { violation: TierRuleViolation })[] => {
          const rule = checkTierRule(changed, cadre);
          if (rule.ok) return [];
          const reason = businessChangeReason(rule.reason);
          return [{ assignmentId, reasons: { endReason: reason, supersededReason: reason }, violation: rule.reason }];
        }),
      )
      .catch(licenceTaken);
    const endedAssignments = ended.map(({ ending, cadre }) => ({ cadre: toCadreSummary(cadre), reason: ending.reasons.endReason, violation: ending.violation }));
    return {
      ...(await this.detail(id, caller)),
      endedAssignments: endedAssignments.map(({ cadre, reason }) => ({ cadre, reason })),
      notice: tierRuleNotice(changed.grade, endedAssignments),
    };
  }
}

function notFound(): DomainException {
  return new DomainException('NOT_FOUND', '经营主体不存在');
}

/** The licence number is the only unique field a user can collide on. */
function licenceTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new DomainException('LICENCE_NO_TAKEN');
  throw error;
}
