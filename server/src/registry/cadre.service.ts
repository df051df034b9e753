import { Injectable } from '@nestjs/common';
import type { CadreDetail, CadreInput, CadreListItem, CadreListQuery, CadrePatch, CadreTier, Page } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { AreaService } from './area.service';
import type { Ending } from './assignment.repository';
import { CadreRepository } from './cadre.repository';
import { cadreChangeReason } from './end-reasons';
import { fieldError } from './field-error';
import { cadreArea, toBusinessSummary, toCadreSummary } from './registry.mapper';
import { checkTierRule } from './tier-rule';

type Placement = { districtId: number; streetId: number | null; communityId: number | null };

@Injectable()
export class CadreService {
  constructor(
    private readonly repo: CadreRepository,
    private readonly areas: AreaService,
  ) {}

  async list(query: CadreListQuery): Promise<Page<CadreListItem>> {
    const { items, total } = await this.repo.list(query, { limit: query.limit, offset: query.offset });
    return {
      items: items.map((row) => ({
        ...toCadreSummary(row),
        phone: row.phone,
        active: row.active,
        area: cadreArea(row),
        businessCount: row._count.assignments,
      })),
      total,
    };
  }

  /** Office staff and admins see every cadre; a cadre sees only themself. */
  async detail(caller: AuthUser, id: number): Promise<CadreDetail> {
    const allowed = caller.role === 'OFFICE_STAFF' || caller.role === 'ADMIN' || (caller.role === 'CADRE' && caller.cadreId === id);
    if (!allowed) throw new DomainException('FORBIDDEN');
    const row = await this.repo.findDetail(id);
    if (!row) throw notFound();
    return {
      ...toCadreSummary(row),
      phone: row.phone,
      active: row.active,
      area: cadreArea(row),
      businesses: row.assignments.map((a) => toBusinessSummary(a.business)),
    };
  }

  async create(caller: AuthUser, input: CadreInput): Promise<CadreDetail> {
    const placement = await this.placement(input.tier, input.streetId, input.communityId);
    const { id } = await this.repo.create({ name: input.name, tier: input.tier, title: input.title, phone: input.phone, active: true, ...placement });
    return this.detail(caller, id);
  }

  /**
   * Deactivating a cadre ends all their assignments and signs their login out at once; changing their tier or
   * area ends those the tier rule no longer allows.
   */
  async update(caller: AuthUser, id: number, patch: CadrePatch): Promise<CadreDetail> {
    const current = await this.repo.findForTierRule(id);
    if (!current) throw notFound();
    const tier = patch.tier ?? current.tier;
    const moved = patch.tier !== undefined || patch.streetId !== undefined || patch.communityId !== undefined;
    const placement: Placement = moved
      ? await this.placement(
          tier,
          // A community cadre's street follows from the community unless the form names one to check against.
          patch.streetId !== undefined || tier === 'COMMUNITY' ? patch.streetId : current.streetId,
          patch.communityId !== undefined ? patch.communityId : current.communityId,
        )
      : { districtId: current.districtId, streetId: current.streetId, communityId: current.communityId };
    const changed = { tier, active: patch.active ?? current.active, ...placement };
    await this.repo.update(id, { name: patch.name, title: patch.title, phone: patch.phone, ...changed }, (assignments) =>
      assignments.flatMap(({ id: assignmentId, business }): Ending[] => {
        const rule = checkTierRule(business, changed);
        if (rule.ok) return [];
        const reason = cadreChangeReason(rule.reason);
        return [{ assignmentId, reasons: { endReason: reason, supersededReason: reason } }];
      }),
      { signOut: !changed.active },
    );
    return this.detail(caller, id);
  }

  /** CITY and DISTRICT cadres belong to the district, STREET to a street, COMMUNITY to a community of it. */
  private async placement(tier: CadreTier, streetId: number | null | undefined, communityId: number | null | undefined): Promise<Placement> {
    switch (tier) {
      case 'CITY':
      case 'DISTRICT':
        return { districtId: (await this.areas.district()).id, streetId: null, communityId: null };
      case 'STREET': {
        if (!streetId) throw fieldError('streetId', '街道干部须选择所属街道');
        const street = await this.areas.street(streetId);
        return { districtId: street.districtId, streetId: street.id, communityId: null };
      }
      case 'COMMUNITY': {
        if (!communityId) throw fieldError('communityId', '社区干部须选择所属社区');
        return streetId ? this.areas.place(streetId, communityId) : this.areas.community(communityId);
      }
    }
  }
}

function notFound(): DomainException {
  return new DomainException('NOT_FOUND', '包保干部不存在');
}
