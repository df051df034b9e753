import { z } from 'zod';
import { VOLUNTEER_CATEGORIES } from './auth';

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
  q: z.string().trim().max(50).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  grade: z.enum(GRADES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
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

export const businessInput = z.object({
  name: z.string().trim().min(2, '名称至少 2 个字').max(100),
  licenceNo: z.string().trim().toUpperCase().regex(LICENCE_NO, '许可证编号格式应为 JY 加 14 位数字'),
  businessTypeId: z.number().int().positive(),
  grade: z.enum(GRADES),
  address: z.string().trim().min(2).max(200),
  streetId: z.number().int().positive(),
  communityId: z.number().int().positive(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  hasSafetyOfficer: z.boolean().default(false),
  hasSafetyDirector: z.boolean().default(false),
});
export type BusinessInput = z.infer<typeof businessInput>;
export const businessPatch = businessInput.partial();

export type CadreDetail = CadreSummary & {
  phone: string;
  active: boolean;
  area: Ref & { kind: 'DISTRICT' | 'STREET' | 'COMMUNITY' };
  businesses: BusinessSummary[];
};

export const cadreInput = z.object({
  name: z.string().trim().min(2).max(40),
  tier: z.enum(CADRE_TIERS),
  title: z.string().trim().min(1).max(60),
  phone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写有效的手机号或座机号'),
  /** required for STREET tier */
  streetId: z.number().int().positive().nullable().optional(),
  /** required for COMMUNITY tier */
  communityId: z.number().int().positive().nullable().optional(),
});
export type CadreInput = z.infer<typeof cadreInput>;
export const cadrePatch = cadreInput.partial().extend({ active: z.boolean().optional() });

/** 包保: assign a business to a cadre; the previous assignment ends and its commitment letter is superseded. */
export const assignmentInput = z.object({
  businessId: z.number().int().positive(),
  cadreId: z.number().int().positive(),
  reason: z.string().trim().max(200).optional(),
});
export type AssignmentInput = z.infer<typeof assignmentInput>;

export type AssignmentView = {
  id: number;
  business: Ref;
  cadre: CadreSummary;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  commitment: null | { version: number; signedAt: string; supersededAt: string | null };
};

export const commitmentSignInput = z.object({ businessId: z.number().int().positive() });

export const volunteerInput = z.object({
  name: z.string().trim().min(2).max(40),
  category: z.enum(VOLUNTEER_CATEGORIES),
  phone: z.string().trim().regex(/^1\d{10}$/, '请填写有效的手机号'),
  streetId: z.number().int().positive().nullable().optional(),
});
export type VolunteerInput = z.infer<typeof volunteerInput>;
