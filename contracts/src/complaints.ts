import { z } from 'zod';

export const COMPLAINT_KINDS = ['COMPLAINT', 'REPORT'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = { COMPLAINT: '投诉', REPORT: '举报' };

export const COMPLAINT_STATUSES = [
  'SUBMITTED', 'ACCEPTED', 'REJECTED', 'TRANSFERRED', 'VERIFYING', 'CASE_FILED', 'NO_CASE',
  'MEDIATING', 'MEDIATED', 'MEDIATION_FAILED', 'RESOLVED', 'REOPENED', 'CLOSED',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  REJECTED: '不予受理',
  TRANSFERRED: '已转办',
  VERIFYING: '核查中',
  CASE_FILED: '已立案',
  NO_CASE: '不予立案',
  MEDIATING: '调解中',
  MEDIATED: '调解成功',
  MEDIATION_FAILED: '调解不成',
  RESOLVED: '已办结',
  REOPENED: '已重新打开',
  CLOSED: '已归档',
};

export const COMPLAINT_OUTCOMES = ['FIXED', 'NOT_FIXED', 'NO_VIOLATION', 'DUPLICATE', 'NOT_OUR_REMIT'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];
export const COMPLAINT_OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  FIXED: '已整改',
  NOT_FIXED: '未整改',
  NO_VIOLATION: '未发现违法行为',
  DUPLICATE: '重复举报',
  NOT_OUR_REMIT: '不属于本部门职责',
};

export const DEADLINE_KINDS = ['ACCEPT', 'VERIFY', 'MEDIATE', 'NOTIFY_REPORTER'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  ACCEPT: '受理期限',
  VERIFY: '核查期限',
  MEDIATE: '调解期限',
  NOTIFY_REPORTER: '告知举报人期限',
};

/** 不予受理 reasons (市场监督管理投诉举报处理暂行办法). */
export const REJECT_REASONS = {
  NOT_OUR_REMIT: '不属于市场监督管理部门职责或本机关管辖',
  HANDLED_ELSEWHERE: '法院、仲裁机构、其他行政机关、消费者协会等已经受理或处理',
  NO_CONSUMER_DISPUTE: '不是为生活消费需要购买、使用商品或接受服务，或不存在消费者权益争议',
  OVER_THREE_YEARS: '自知道或应当知道权益受到侵害之日起超过三年',
  MATERIALS_MISSING: '未提供投诉人姓名、电话、住址及被投诉人、具体诉求、事实等必要材料',
  OTHER_LEGAL_GROUNDS: '法律、法规、规章规定不予受理的其他情形',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

/** Complaint categories; `remit: false` ones are proposed for transfer (转办) to the named department. */
export const COMPLAINT_CATEGORIES = {
  UNLICENSED: { label: '无证经营', remit: true },
  EXPIRED_FOOD: { label: '过期变质食品', remit: true },
  POOR_HYGIENE: { label: '卫生条件差', remit: true },
  ILLEGAL_ADDITIVES: { label: '非法添加', remit: true },
  FALSE_ADVERTISING: { label: '虚假宣传', remit: true },
  DIRTY_TABLEWARE: { label: '餐具不洁', remit: true },
  BANNED_WILD_AQUATIC: { label: '禁捕野生水产', remit: true },
  PRICE: { label: '价格问题', remit: false, transferTo: '区发展和改革局（价格主管部门）' },
  OTHER: { label: '其他', remit: true },
} as const satisfies Record<string, { label: string; remit: boolean; transferTo?: string }>;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;
export const COMPLAINT_CATEGORY_CODES = Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]];
