import { z } from 'zod';
import { ROLES, type Role } from './auth';
import { formText, isoDate, pageParams } from './common';
import type { ContentFlag } from './content-safety';
import type { StaffRating } from './ratings';
import {
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintOutcome,
  type ComplaintStatus,
  type DeadlineKind,
  type DeadlineState,
  type DeadlineUnit,
  type NoticeParty,
  type PartyKind,
  type PenaltyDecisionType,
  type PenaltyKind,
  type WORKFLOW_ACTIONS,
  photoIdList,
  trackComplaintQuery,
} from './complaints';
import { dbId, dbIdParam, type CadreSummary, type Ref } from './registry';

const booleanQuery = z.enum(['true', 'false'], '取值应为 true 或 false').transform((v) => v === 'true');

/** GET /api/v1/workbench/complaints: the queue, overdue first. */
export const workbenchQuery = z.object({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  kind: z.enum(COMPLAINT_KINDS).optional(),
  category: z.enum(COMPLAINT_CATEGORY_CODES).optional(),
  streetId: dbIdParam.optional(),
  cadreId: dbIdParam.optional(),
  /** received on or after / on or before, Asia/Shanghai dates */
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  /** only reports filed by 社会监督员 */
  volunteerOnly: booleanQuery.optional(),
  overdue: booleanQuery.optional(),
  /** tracking number, whole or a part (e.g. the last digits) */
  trackingNo: z.string().trim().toUpperCase().max(20).regex(/^[A-Z0-9-]*$/, '受理编号只含字母、数字和连字符').optional(),
  ...pageParams(100, 100_000, 20),
});
export type WorkbenchQuery = z.infer<typeof workbenchQuery>;

export type WorkflowActionCode = (typeof WORKFLOW_ACTIONS)[number];

/** A deadline as staff see it; working days left are counted on the working-day calendar. */
export type DeadlineView = {
  kind: DeadlineKind;
  startDate: string;
  /** length of the limit, in `unit`s */
  days: number;
  unit: DeadlineUnit;
  dueDate: string;
  state: DeadlineState;
  metAt: string | null;
  overdue: boolean;
  /** OPEN only: working days from today to the due date (0 = due today); negative = working days over */
  workingDaysLeft: number | null;
  /** the limit runs into a year whose official holiday schedule is not entered yet */
  provisional: boolean;
  escalatedAt: string | null;
};

/** One row of the queue. */
export type WorkbenchQueueItem = {
  id: number;
  trackingNo: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  status: ComplaintStatus;
  statusLabel: string;
  businessName: string | null;
  streetName: string | null;
  office: Ref | null;
  cadre: CadreSummary | null;
  receivedAt: string;
  byVolunteer: boolean;
  supportCount: number;
  /** the nearest open deadline */
  nextDeadline: DeadlineView | null;
  overdue: boolean;
  /** due within 3 working days and not overdue */
  dueSoon: boolean;
  /** content-safety flag for staff (内容待复核 / 未经内容安全检测 / 图片疑似违规); null when clean or not checked */
  contentFlag?: ContentFlag | null;
};

export type WorkbenchQueue = {
  items: WorkbenchQueueItem[];
  total: number;
  counts: { overdue: number; dueSoon: number; byStatus: Partial<Record<ComplaintStatus, number>> };
};

export type AuditEntry = {
  at: string;
  actorRole: string;
  /** the staff member's display name; null for the system, the reporter and cadre-hidden actors */
  actorName: string | null;
  action: string;
  actionLabel: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  reason: string | null;
  payload: unknown;
};

export const FOLLOW_UP_KINDS = ['VISITED', 'URGED', 'NOTE'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKind, string> = { VISITED: '已到店查看', URGED: '已督促整改', NOTE: '情况说明' };

/** POST /api/v1/workbench/complaints/:id/follow-ups (the complaint's 包保 cadre) */
export const followUpInput = z.object({
  kind: z.enum(FOLLOW_UP_KINDS, '请选择跟进方式'),
  note: formText(2, 1000, { multiline: true, minMessage: '请填写跟进情况' }),
  photoIds: photoIdList,
});
export type FollowUpInput = z.infer<typeof followUpInput>;

export type FollowUpView = {
  id: number;
  kind: FollowUpKind;
  kindLabel: string;
  note: string;
  photoIds: string[];
  cadre: CadreSummary;
  createdAt: string;
  contentFlag?: ContentFlag | null;
};

export type PenaltyDecisionView = {
  id: number;
  type: PenaltyDecisionType;
  decisionNo: string;
  partyKind: PartyKind;
  partyName: string;
  partyCreditCode: string | null;
  /** never the ID number itself */
  hasPartyIdNo: boolean;
  violationType: string;
  legalBasis: string;
  penaltyContent: string;
  penaltyKinds: PenaltyKind[];
  /** yuan, as a decimal string ("5000.00") */
  fineAmount: string;
  confiscationAmount: string;
  authority: string;
  decisionDate: string;
  recordedAt: string;
};

/** GET /api/v1/workbench/complaints/:id */
export type WorkbenchComplaint = {
  id: number;
  trackingNo: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  status: ComplaintStatus;
  statusLabel: string;
  outcome: ComplaintOutcome | null;
  description: string;
  photoIds: string[];
  business: null | { id: number; name: string; licenceNo: string; address: string; grade: string };
  businessName: string | null;
  businessAddress: string | null;
  street: Ref | null;
  community: Ref | null;
  lat: number | null;
  lng: number | null;
  office: Ref | null;
  cadre: CadreSummary | null;
  transferTo: string | null;
  supportCount: number;
  byVolunteer: boolean;
  receivedAt: string;
  resolvedAt: string | null;
  /** the other half of a 投诉+举报 submission */
  linked: null | { id: number; trackingNo: string; kind: ComplaintKind; status: ComplaintStatus; statusLabel: string };
  deadlines: DeadlineView[];
  /** oldest first; the last one is current */
  routing: { rule: string; reason: string; officeId: number | null; cadreId: number | null; transferTo: string | null; decidedAt: string }[];
  trail: AuditEntry[];
  followUps: FollowUpView[];
  penaltyDecision: PenaltyDecisionView | null;
  /** content-safety flag for staff; null when clean or not checked */
  contentFlag?: ContentFlag | null;
  /**
   * Staff only (absent for cadres, who never learn who reported). Anonymous reports show as 匿名举报人.
   * `canCallBack`: this viewer may reveal the full contact ("查看联系方式", audited).
   */
  reporter?:
    | { anonymous: true; label: '匿名举报人' }
    | { anonymous: false; name: string | null; phone: string | null; canCallBack: boolean };
  /** buttons, from the workflow table, for this viewer now */
  actions: WorkflowActionCode[];
  /** may this viewer re-route it (staff and admin) / add a follow-up (its cadre) */
  canReroute: boolean;
  canFollowUp: boolean;
  /** 好差评 given on this complaint, first round first (never who gave them) */
  ratings: StaffRating[];
  /** the 差评整改 task opened by a poor first rating */
  rectificationId: number | null;
};

/** GET /api/v1/workbench/complaints/:id/contact (audited) */
export type ReporterContact = { name: string | null; phone: string; address: string | null };

/** PATCH /api/v1/admin/businesses/:id answers the business and, when the tier rule ended assignments, why. */
export type BusinessUpdateResult = {
  endedAssignments: { cadre: CadreSummary; reason: string }[];
  /** e.g. 按分级包保规则，B 级经营主体须由区级干部包保：原包保干部 张三（社区）已解除，请重新指派。 */
  notice: string | null;
};

/** GET /api/v1/me/businesses?q= */
export const myBusinessesQuery = z.object({ q: formText(0, 50).optional() });

/** POST /api/v1/commitments: the cadre signs 三清单+一承诺 on paper and records it with a photo. */
export const commitmentRecordInput = z.object({
  businessId: dbId,
  signedOn: isoDate,
  photoUploadId: z.string().uuid('请上传签字承诺书的照片'),
});
export type CommitmentRecordInput = z.infer<typeof commitmentRecordInput>;

/** POST /api/v1/auth/wechat/bind: a staff member binds their WeChat once with username and password (账号绑定). */
export const bindWechatRequest = z.object({
  code: formText(1, 200, { minMessage: '缺少登录凭证' }),
  username: formText(1, 64, { minMessage: '请输入用户名' }),
  password: z.string().min(1, '请输入密码').max(200),
});
export type BindWechatRequest = z.infer<typeof bindWechatRequest>;

/** Staff accounts the admin manages. */
export const STAFF_ROLES = ['OFFICE_STAFF', 'CADRE', 'ADMIN'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const userListQuery = z.object({
  q: formText(0, 40).optional(),
  role: z.enum(ROLES).optional(),
  disabled: booleanQuery.optional(),
  ...pageParams(200, 100_000, 50),
});
export type UserListQuery = z.infer<typeof userListQuery>;

const password = z.string().min(10, '密码至少 10 位').max(200).regex(/[A-Za-z]/, '密码须包含字母').regex(/\d/, '密码须包含数字');

export const userCreateInput = z
  .object({
    username: z.string().trim().min(3, '用户名至少 3 位').max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能用小写字母、数字、点、下划线和连字符'),
    displayName: formText(2, 40),
    role: z.enum(STAFF_ROLES),
    officeId: dbId.optional(),
    cadreId: dbId.optional(),
    password,
  })
  .superRefine((u, ctx) => {
    if (u.role === 'OFFICE_STAFF' && !u.officeId) ctx.addIssue({ code: 'custom', path: ['officeId'], message: '监管所工作人员须选择所属监管所' });
    if (u.role === 'CADRE' && !u.cadreId) ctx.addIssue({ code: 'custom', path: ['cadreId'], message: '包保干部账号须关联干部' });
  });
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userPatch = z.object({
  displayName: formText(2, 40).optional(),
  officeId: dbId.optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});
export type UserPatch = z.infer<typeof userPatch>;

export type UserView = {
  id: number;
  username: string | null;
  displayName: string;
  role: Role;
  office: Ref | null;
  cadre: CadreSummary | null;
  disabled: boolean;
  wechatBound: boolean;
  activeSessions: number;
  lastSeenAt: string | null;
  createdAt: string;
};

/** The logged-in reporter's reopen body (POST /api/v1/complaints/:id/reopen). */
export const reopenRequest = z.object({
  reason: formText(2, 500, { multiline: true, minMessage: '请说明未解决的情况' }),
  photoIds: photoIdList,
});
export type ReopenRequest = z.infer<typeof reopenRequest>;

/** POST /api/v1/complaints/track/reopen: a guest reopens with the tracking number and query code. */
export const guestReopenRequest = trackComplaintQuery.extend(reopenRequest.shape);
export type GuestReopenRequest = z.infer<typeof guestReopenRequest>;

/** GET /api/v1/admin/calendar/years: which years have their official schedule entered. */
export type CalendarYearStatus = { year: number; hasSchedule: boolean; provisionalDeadlines: number };

export type { NoticeParty };
