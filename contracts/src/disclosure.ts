import { z } from 'zod';
import { formText, isoDate, paging, type Page } from './common';
import type { PartyKind } from './complaints';
import { plainText, type Ref } from './registry';
import type { DeadlineView } from './workbench';

/** Where a penalty decision stands with its 处罚信息公示 (总局令第45号). */
export const DISCLOSURE_STATES = ['PENDING', 'PUBLISHED', 'WITHDRAWN'] as const;
export type DisclosureState = (typeof DISCLOSURE_STATES)[number];
export const DISCLOSURE_STATE_LABELS: Record<DisclosureState, string> = { PENDING: '待公示', PUBLISHED: '已公示', WITHDRAWN: '已撤回' };

/** The complaint's audit-trail actions for its disclosure, with their labels in the trail. */
export const DISCLOSURE_EVENT_LABELS = {
  disclose: '处罚信息公示',
  correctDisclosure: '更正公示信息',
  withdrawDisclosure: '撤回处罚信息公示',
} as const;
export type DisclosureEventAction = keyof typeof DISCLOSURE_EVENT_LABELS;

/** GET /api/v1/workbench/penalties: one tab of the staff list; `q` matches the decision number, party or business. */
export const workbenchPenaltiesQuery = z.object({
  state: z.enum(DISCLOSURE_STATES).default('PENDING'),
  q: plainText(0, 50).optional(),
  ...paging,
});
export type WorkbenchPenaltiesQuery = z.infer<typeof workbenchPenaltiesQuery>;

/** A decision to disclose as staff see it: the real party name, and the masked one the public will read. */
export type StaffDisclosure = {
  id: number;
  complaintId: number;
  trackingNo: string;
  state: DisclosureState;
  decisionNo: string;
  partyKind: PartyKind;
  partyName: string;
  /** 当事人 as published: a natural person's name masked */
  publicPartyName: string;
  partyCreditCode: string | null;
  violationType: string;
  penaltyContent: string;
  authority: string;
  decisionDate: string;
  disclosedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  business: Ref | null;
  office: Ref | null;
  /** the DISCLOSE limit (20 working days from the decision); null for one withdrawn before any limit */
  deadline: DeadlineView | null;
};
export type StaffDisclosureList = Page<StaffDisclosure> & { counts: Record<DisclosureState, number> };

// The same 18-character form as penaltyDecisionInput's.
const creditCode = z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位');

/** PATCH /api/v1/workbench/penalties/{id}: 更正 the public fields, with the reason for the audit trail. */
export const disclosureCorrectionInput = z
  .object({
    partyName: formText(2, 100, { minMessage: '请填写当事人名称' }).optional(),
    partyCreditCode: creditCode.optional(),
    violationType: formText(2, 100, { minMessage: '请填写违法行为类型' }).optional(),
    penaltyContent: formText(2, 1000, { multiline: true, minMessage: '请填写处罚内容' }).optional(),
    authority: formText(2, 100, { minMessage: '请填写处罚机关' }).optional(),
    decisionDate: isoDate.optional(),
    reason: formText(2, 500, { multiline: true, minMessage: '请填写更正理由' }),
  })
  .refine((c) => Object.entries(c).some(([key, value]) => key !== 'reason' && value !== undefined), { message: '请至少修改一项公示内容', path: ['partyName'] });
export type DisclosureCorrectionInput = z.infer<typeof disclosureCorrectionInput>;

/** POST /api/v1/workbench/penalties/{id}/withdraw: 撤回, e.g. the decision was revoked (撤销决定). */
export const disclosureWithdrawalInput = z.object({
  reason: formText(2, 500, { multiline: true, minMessage: '请填写撤回理由（如处罚决定已被撤销）' }),
});
export type DisclosureWithdrawalInput = z.infer<typeof disclosureWithdrawalInput>;
