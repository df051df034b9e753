import {
  CADRE_TIER_LABELS,
  TIER_FOR_GRADE,
  type AssignmentView,
  type BusinessSummary,
  type CadreDetail,
  type CadreSummary,
  type CadreTier,
  type CommitmentVersion,
  type Grade,
  type Ref,
  type VolunteerCategory,
  type VolunteerView,
} from '@sa/contracts';
import type { TierRuleBusiness, TierRuleViolation } from './tier-rule';

// Row shapes the repositories select; the mappers turn them into the contracts' response types.
type Named = { id: number; name: string };

export type BusinessSummaryRow = Named & {
  licenceNo: string;
  grade: Grade;
  address: string;
  businessType: Named;
  street: Named;
  community: Named;
};

export type CadreSummaryRow = Named & { tier: CadreTier; title: string };

export type CadreAreaRow = CadreSummaryRow & {
  phone: string;
  active: boolean;
  district: Named;
  street: Named | null;
  community: Named | null;
};

export type LetterRow = {
  id: number;
  version: number;
  signedAt: Date;
  supersededAt: Date | null;
  supersededReason: string | null;
  photoUploadId: string | null;
};

export type AssignmentRow = {
  id: number;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  business: Named;
  cadre: CadreSummaryRow;
  commitments: LetterRow[];
};

export type VolunteerRow = Named & {
  category: VolunteerCategory;
  phone: string;
  invitationCode: string;
  userId: number | null;
  boundAt: Date | null;
  active: boolean;
  street: Named | null;
};

export type BusinessRuleRow = { grade: Grade; streetId: number; communityId: number; street: { districtId: number } };

export const toRef = (row: Named): Ref => ({ id: row.id, name: row.name });

export function toBusinessSummary(row: BusinessSummaryRow): BusinessSummary {
  return {
    id: row.id,
    name: row.name,
    licenceNo: row.licenceNo,
    grade: row.grade,
    businessType: toRef(row.businessType),
    address: row.address,
    street: toRef(row.street),
    community: toRef(row.community),
  };
}

export function toCadreSummary(row: CadreSummaryRow): CadreSummary {
  return { id: row.id, name: row.name, tier: row.tier, title: row.title };
}

/** CITY and DISTRICT cadres belong to the district, STREET cadres to a street, COMMUNITY cadres to a community. */
export function cadreArea(row: CadreAreaRow): CadreDetail['area'] {
  if (row.tier === 'STREET' && row.street) return { kind: 'STREET', ...toRef(row.street) };
  if (row.tier === 'COMMUNITY' && row.community) return { kind: 'COMMUNITY', ...toRef(row.community) };
  return { kind: 'DISTRICT', ...toRef(row.district) };
}

export function toCommitmentVersion(row: LetterRow): CommitmentVersion {
  return {
    id: row.id,
    version: row.version,
    signedAt: row.signedAt.toISOString(),
    supersededAt: row.supersededAt?.toISOString() ?? null,
    supersededReason: row.supersededReason,
    photoUploadId: row.photoUploadId,
  };
}

export function toAssignmentView(row: AssignmentRow): AssignmentView {
  const commitments = [...row.commitments].sort((a, b) => a.version - b.version).map(toCommitmentVersion);
  const latest = commitments.at(-1);
  return {
    id: row.id,
    business: toRef(row.business),
    cadre: toCadreSummary(row.cadre),
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason,
    commitment: latest ? { version: latest.version, signedAt: latest.signedAt, supersededAt: latest.supersededAt } : null,
    commitments,
  };
}

export function toVolunteerView(row: VolunteerRow): VolunteerView {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    phone: row.phone,
    street: row.street ? toRef(row.street) : null,
    invitationCode: row.invitationCode,
    bound: row.userId !== null,
    boundAt: row.boundAt?.toISOString() ?? null,
    active: row.active,
  };
}

export function toTierRuleBusiness(row: BusinessRuleRow): TierRuleBusiness {
  return { grade: row.grade, districtId: row.street.districtId, streetId: row.streetId, communityId: row.communityId };
}

/** Who each grade must be answered for by, in the words of the tier rule (分级包保). */
const GRADE_RULE: Record<Grade, string> = {
  A: `A 级经营主体须由${CADRE_TIER_LABELS[TIER_FOR_GRADE.A]}干部包保`,
  B: `B 级经营主体须由${CADRE_TIER_LABELS[TIER_FOR_GRADE.B]}干部包保`,
  C: 'C 级经营主体须由所在街道的街道干部包保',
  D: 'D 级经营主体须由所在社区的社区干部包保',
};

/**
 * The admin's message when a change to a business ended assignments, naming the rule and the cadres, e.g.
 * 按分级包保规则，B 级经营主体须由区级干部包保：原包保干部 张三（社区）已解除包保，请重新指派。 null when none ended.
 */
export function tierRuleNotice(grade: Grade, ended: { cadre: CadreSummary; violation: TierRuleViolation }[]): string | null {
  if (ended.length === 0) return null;
  const who = ended.map(({ cadre }) => `${cadre.name}（${CADRE_TIER_LABELS[cadre.tier]}）`).join('、');
  const why = ended.every((e) => e.violation === 'CADRE_INACTIVE') ? '已停用，' : '';
  return `按分级包保规则，${GRADE_RULE[grade]}：原包保干部 ${who}${why}已解除包保，请重新指派。`;
}
