import { z } from 'zod';
import { VOLUNTEER_CATEGORIES, type VolunteerCategory } from './auth';
import { formText, idParam, pageParams } from './common';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const CADRE_TIERS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY'] as const;
export type CadreTier = (typeof CADRE_TIERS)[number];
export const CADRE_TIER_LABELS: Record<CadreTier, string> = {
  CITY: '市级',
  DISTRICT: '区级',
  STREET: '街道',
  COMMUNITY: '社区',
};

/** 两个责任: the cadre tier that answers for each business grade (A large ... D micro). */
export const TIER_FOR_GRADE: Record<Grade, CadreTier> = { A: 'CITY', B: 'DISTRICT', C: 'STREET', D: 'COMMUNITY' };

export const LICENCE_NO = /^JY\d{14}$/;

export type Ref = { id: number; name: string };

// Database ids are 32-bit: a larger number is the user's mistake (400), not a database error (500).
const MAX_ID = 2_147_483_647;
/** An id in a JSON body. */
export const dbId = z.number().int().positive().max(MAX_ID, '编号超出范围');
/** An id in a query string or path. */
export const dbIdParam = idParam;
/** Free text from a form on one line (see formText). */
export const plainText = (min: number, max: number, minMessage?: string) => formText(min, max, { minMessage });

export type AreasTree = {
  district: Ref;
  offices: {
    id: number;
    name: string;
    address: string;
    phone: string;
    streets: { id: number; name: string; communities: { id: number; name: string; population: number }[] }[];
  }[];
};

export const businessSearchQuery = z.object({
  q: plainText(0, 50).optional(),
  streetId: dbIdParam.optional(),
  communityId: dbIdParam.optional(),
  grade: z.enum(GRADES).optional(),
  ...pageParams(50, 100_000, 20),
});
export type BusinessSearchQuery = z.infer<typeof businessSearchQuery>;

export type BusinessSummary = {
  id: number;
  name: string;
  licenceNo: string;
  grade: Grade;
  businessType: Ref;
  address: string;
  street: Ref;
  community: Ref;
};

export type CadreSummary = { id: number; name: string; tier: CadreTier; title: string };

export type BusinessDetail = BusinessSummary & {
  lat: number | null;
  lng: number | null;
  hasSafetyOfficer: boolean;
  hasSafetyDirector: boolean;
  office: Ref;
  /** 当前包保干部; phone only for staff and admins. */
  cadre: null | (CadreSummary & { phone?: string });
};

const businessFields = z.object({
  name: plainText(2, 100, '名称至少 2 个字'),
  licenceNo: z.string().trim().toUpperCase().regex(LICENCE_NO, '许可证编号格式应为 JY 加 14 位数字'),
  businessTypeId: dbId,
  grade: z.enum(GRADES),
  address: plainText(2, 200),
  streetId: dbId,
  communityId: dbId,
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  hasSafetyOfficer: z.boolean(),
  hasSafetyDirector: z.boolean(),
});
export const businessInput = businessFields.extend({
  hasSafetyOfficer: z.boolean().default(false),
  hasSafetyDirector: z.boolean().default(false),
});
export type BusinessInput = z.infer<typeof businessInput>;
/** Only the fields sent change (no defaults here, so a patch never resets a flag it did not mention). */
export const businessPatch = businessFields.partial();
export type BusinessPatch = z.infer<typeof businessPatch>;

export type CadreDetail = CadreSummary & {
  phone: string;
  active: boolean;
  area: Ref & { kind: 'DISTRICT' | 'STREET' | 'COMMUNITY' };
  businesses: BusinessSummary[];
};

const cadreFields = z.object({
  name: plainText(2, 40),
  tier: z.enum(CADRE_TIERS),
  title: plainText(1, 60),
  phone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写有效的手机号或座机号'),
  /** required for STREET tier */
  streetId: dbId.nullable().optional(),
  /** required for COMMUNITY tier */
  communityId: dbId.nullable().optional(),
});
export const cadreInput = cadreFields.superRefine((c, ctx) => {
  if (c.tier === 'STREET' && !c.streetId) ctx.addIssue({ code: 'custom', path: ['streetId'], message: '街道干部须选择所属街道' });
  if (c.tier === 'COMMUNITY' && !c.communityId) ctx.addIssue({ code: 'custom', path: ['communityId'], message: '社区干部须选择所属社区' });
});
export type CadreInput = z.infer<typeof cadreInput>;
/** The tier/area pairing of a patch is checked against the stored cadre by the server. */
export const cadrePatch = cadreFields.partial().extend({ active: z.boolean().optional() });
export type CadrePatch = z.infer<typeof cadrePatch>;

const booleanQuery = z.enum(['true', 'false'], '取值应为 true 或 false').transform((v) => v === 'true');

export const cadreListQuery = z.object({
  tier: z.enum(CADRE_TIERS).optional(),
  /** name or title, substring */
  q: plainText(0, 40).optional(),
  active: booleanQuery.optional(),
  streetId: dbIdParam.optional(),
  ...pageParams(200, 100_000, 50),
});
export type CadreListQuery = z.infer<typeof cadreListQuery>;

export type CadreListItem = CadreSummary & {
  phone: string;
  active: boolean;
  area: CadreDetail['area'];
  /** businesses the cadre currently answers for */
  businessCount: number;
};

/** 包保: assign a business to a cadre; the previous assignment ends and its commitment letter is superseded. */
export const assignmentInput = z.object({
  businessId: dbId,
  cadreId: dbId,
  reason: plainText(0, 200).optional(),
});
export type AssignmentInput = z.infer<typeof assignmentInput>;

export type CommitmentVersion = {
  id: number;
  version: number;
  signedAt: string;
  supersededAt: string | null;
  supersededReason: string | null;
  /** the photo of the signed paper letter (GET /api/v1/uploads/:id); null for letters recorded before photos */
  photoUploadId: string | null;
};

export type AssignmentView = {
  id: number;
  business: Ref;
  cadre: CadreSummary;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  /** the latest letter signed under this assignment */
  commitment: null | { version: number; signedAt: string; supersededAt: string | null };
  /** every letter signed under this assignment, oldest first */
  commitments: CommitmentVersion[];
};

/** Superseded reason of a letter whose assignment ended because the cadre changed. */
export const CADRE_CHANGED_REASON = '包保干部变更';

/** 三清单+一承诺 as recorded by the cadre (the request is `commitmentRecordInput` in workbench.ts). */
export type CommitmentView = CommitmentVersion & { business: Ref; cadre: CadreSummary; assignmentId: number };

/** A business in the logged-in cadre's scope, with the state of their commitment for it. */
export type MyBusiness = BusinessSummary & {
  assignmentId: number;
  assignedAt: string;
  /** the office covering the business's street */
  office: Ref;
  /** complaints about this business in the cadre's scope that are not yet resolved */
  openComplaints: number;
  /** the cadre's current (unsuperseded) letter for this business; null: still to sign */
  commitment: null | { version: number; signedAt: string };
};

const volunteerFields = z.object({
  name: plainText(2, 40),
  category: z.enum(VOLUNTEER_CATEGORIES),
  phone: z.string().trim().regex(/^1\d{10}$/, '请填写有效的手机号'),
  streetId: dbId.nullable().optional(),
});
export const volunteerInput = volunteerFields;
export type VolunteerInput = z.infer<typeof volunteerInput>;
/** `active: false` deactivates: the bound user loses the volunteer role until reactivated. */
export const volunteerPatch = volunteerFields.partial().extend({ active: z.boolean().optional() });
export type VolunteerPatch = z.infer<typeof volunteerPatch>;

export const volunteerListQuery = z.object({
  q: plainText(0, 40).optional(),
  category: z.enum(VOLUNTEER_CATEGORIES).optional(),
  streetId: dbIdParam.optional(),
  active: booleanQuery.optional(),
  ...pageParams(200, 100_000, 50),
});
export type VolunteerListQuery = z.infer<typeof volunteerListQuery>;

/** 社会监督员 roster entry; `invitationCode` is what the volunteer enters in the mini-program to bind. */
export type VolunteerView = {
  id: number;
  name: string;
  category: VolunteerCategory;
  phone: string;
  street: Ref | null;
  invitationCode: string;
  bound: boolean;
  boundAt: string | null;
  active: boolean;
};

/** GET /api/v1/admin/commitments: each business's current 包保 cadre and whether their current letter is signed. */
export const commitmentStatusQuery = z.object({
  status: z.enum(['signed', 'unsigned']).optional(),
  streetId: dbIdParam.optional(),
  q: plainText(0, 50).optional(),
  ...pageParams(100, 100_000, 20),
});
export type CommitmentStatusQuery = z.infer<typeof commitmentStatusQuery>;

/** One row of that list (a Page of them): no cadre means no current assignment; no commitment means unsigned. */
export type CommitmentStatusRow = BusinessSummary & {
  cadre: CadreSummary | null;
  commitment: null | { version: number; signedAt: string };
};
