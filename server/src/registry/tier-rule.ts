import { TIER_FOR_GRADE, type CadreTier, type Grade } from '@sa/contracts';

/** Where a business sits: its grade and its area (district → street → community). */
export type TierRuleBusiness = { grade: Grade; districtId: number; streetId: number; communityId: number };

/** The cadre's tier and the area they belong to: CITY and DISTRICT the district, STREET a street, COMMUNITY a community. */
export type TierRuleCadre = {
  tier: CadreTier;
  active: boolean;
  districtId: number;
  streetId: number | null;
  communityId: number | null;
};

export type TierRuleViolation = 'TIER_MISMATCH' | 'CADRE_OUT_OF_AREA' | 'CADRE_INACTIVE';
export type TierRuleResult = { ok: true } | { ok: false; reason: TierRuleViolation };

/**
 * 两个责任 包保 rule: A businesses to CITY cadres, B to DISTRICT, C to a STREET cadre of the business's street,
 * D to a COMMUNITY cadre of the business's community. The one place this rule lives.
 */
export function checkTierRule(business: TierRuleBusiness, cadre: TierRuleCadre): TierRuleResult {
  if (!cadre.active) return { ok: false, reason: 'CADRE_INACTIVE' };
  if (cadre.tier !== TIER_FOR_GRADE[business.grade]) return { ok: false, reason: 'TIER_MISMATCH' };
  if (!inArea(business, cadre)) return { ok: false, reason: 'CADRE_OUT_OF_AREA' };
  return { ok: true };
}

function inArea(business: TierRuleBusiness, cadre: TierRuleCadre): boolean {
  switch (cadre.tier) {
    case 'CITY':
    case 'DISTRICT':
      return cadre.districtId === business.districtId;
    case 'STREET':
      return cadre.streetId === business.streetId;
    case 'COMMUNITY':
      return cadre.communityId === business.communityId;
    default:
      return assertUnreachable(cadre.tier);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected cadre tier ${String(value)}`);
}
