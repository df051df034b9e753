import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KIND_LABELS,
  type ComplaintCategory,
  COMPLAINT_OUTCOME_LABELS,
  type ComplaintKind,
  type ComplaintOutcome,
  type NotificationKind,
} from '@sa/contracts';
import type { WorkflowAction } from '../complaints/workflow';

export type InboxNotice = { kind: NotificationKind; title: string; body: string };

/**
 * What a notice may say about a complaint. It deliberately has no reporter fields and no description
 * (free text that may name the reporter): cadres and businesses must never learn who reported.
 */
export type NoticeSubject = {
  trackingNo: string;
  kind: ComplaintKind;
  businessName: string | null;
  categoryLabel: string;
  officeName: string | null;
  outcome: ComplaintOutcome | null;
  transferTo: string | null;
};

const BODY_MAX = 500;

export function categoryLabel(category: string): string {
  return COMPLAINT_CATEGORIES[category as ComplaintCategory]?.label ?? category;
}

const about = (c: NoticeSubject) => c.businessName ?? c.categoryLabel;

/** To the responsible cadre and the handling office's staff when a complaint arrives. */
export function receivedNotice(c: NoticeSubject): InboxNotice {
  const kind = COMPLAINT_KIND_LABELS[c.kind];
  return {
    kind: 'COMPLAINT_RECEIVED',
    title: `新${kind}：${about(c)}`,
    body: `收到一件${kind}（${c.categoryLabel}），受理编号 ${c.trackingNo}${c.officeName ? `，由${c.officeName}办理` : ''}。请在工作台查看。`,
  };
}

/** Actions the reporter hears about in the inbox. */
export const REPORTER_INBOX_ACTIONS: readonly WorkflowAction[] = [
  'accept', 'reject', 'transfer', 'fileCase', 'noCase', 'notifyReporter', 'decideCase', 'notifyTermination', 'resolve',
];

/** To the reporter after a step they must be told about; null for steps that are internal. */
export function reporterNotice(c: NoticeSubject, action: WorkflowAction, reply?: string): InboxNotice | null {
  const kind = COMPLAINT_KIND_LABELS[c.kind];
  const head = `受理编号 ${c.trackingNo}（${about(c)}）`;
  const texts: Partial<Record<WorkflowAction, [string, string]>> = {
    accept: [`您的${kind}已受理`, `${head}已受理，我们将在法定期限内办理并告知结果。`],
    reject: [`您的${kind}不予受理`, `${head}不予受理。`],
    transfer: [`您的${kind}已转办`, `${head}不属于本部门职责，已转交${c.transferTo ?? '主管部门'}处理。`],
    fileCase: ['您举报的问题已立案', `${head}经核查，已立案调查。`],
    noCase: ['您举报的问题不予立案', `${head}经核查，决定不予立案。`],
    notifyReporter: ['您举报问题的处理情况', `${head}的立案情况已告知您。`],
    decideCase: ['您举报的问题已作出处理决定', `${head}已依法作出处理决定。`],
    notifyTermination: ['您的投诉已终止调解', `${head}经调解，双方未能达成一致，调解终止。您可依法通过其他途径解决。`],
    resolve: [`您的${kind}已办结`, `${head}已办结${c.outcome ? `，办理结果：${COMPLAINT_OUTCOME_LABELS[c.outcome]}` : ''}。`],
  };
  const text = REPORTER_INBOX_ACTIONS.includes(action) ? texts[action] : undefined;
  if (!text) return null;
  const [title, body] = text;
  return { kind: 'COMPLAINT_UPDATE', title, body: clip(reply ? `${body}答复：${reply}` : body) };
}

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length <= BODY_MAX ? text : `${chars.slice(0, BODY_MAX - 1).join('')}…`;
}
