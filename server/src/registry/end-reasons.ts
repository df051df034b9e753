import { CADRE_CHANGED_REASON } from '@sa/contracts';
import type { TierRuleViolation } from './tier-rule';

/** Why assignments end and letters are superseded, as the history shows it to the bureau. */
export const END_REASONS = {
  cadreChanged: CADRE_CHANGED_REASON,
  cadreDeactivated: '包保干部停用',
  newLetterSigned: '新版承诺书签订',
} as const;

/** A change to the business (grade, street, community) broke the tier rule for its cadre. */
export function businessChangeReason(violation: TierRuleViolation): string {
  switch (violation) {
    case 'TIER_MISMATCH':
      return '经营主体分级调整，原包保干部层级不符';
    case 'CADRE_OUT_OF_AREA':
      return '经营主体所在区域变更，原包保干部不属于该区域';
    case 'CADRE_INACTIVE':
      return END_REASONS.cadreDeactivated;
  }
}

/** A change to the cadre (tier, area, active) broke the tier rule for one of their businesses. */
export function cadreChangeReason(violation: TierRuleViolation): string {
  switch (violation) {
    case 'TIER_MISMATCH':
      return '包保干部层级调整，与经营主体分级不符';
    case 'CADRE_OUT_OF_AREA':
      return '包保干部所属区域调整，不再覆盖该经营主体';
    case 'CADRE_INACTIVE':
      return END_REASONS.cadreDeactivated;
  }
}
