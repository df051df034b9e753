// Prisma selections shared by the registry repositories; each matches a row type in registry.mapper.ts.
export const refSelect = { select: { id: true, name: true } } as const;

export const businessSummarySelect = {
  id: true,
  name: true,
  licenceNo: true,
  grade: true,
  address: true,
  businessType: refSelect,
  street: refSelect,
  community: refSelect,
} as const;

export const cadreSummarySelect = { id: true, name: true, tier: true, title: true } as const;

export const cadreAreaSelect = {
  ...cadreSummarySelect,
  phone: true,
  active: true,
  district: refSelect,
  street: refSelect,
  community: refSelect,
} as const;

/** What the tier rule needs to know about a business. */
export const businessRuleSelect = { grade: true, streetId: true, communityId: true, street: { select: { districtId: true } } } as const;

/** What the tier rule needs to know about a cadre. */
export const cadreRuleSelect = { id: true, tier: true, active: true, districtId: true, streetId: true, communityId: true } as const;

export const letterSelect = { id: true, version: true, signedAt: true, supersededAt: true, supersededReason: true } as const;
