import { COMPLAINT_KIND_LABELS, COMPLAINT_OUTCOME_LABELS, type ComplaintKind, type ComplaintOutcome } from '@sa/contracts';
import type { WorkflowAction } from '../complaints/workflow';

/** The four subscribe messages (订阅消息) a reporter can receive; each has its template id in the environment. */
export type SubscribeType = 'ACCEPTED' | 'TRANSFERRED' | 'DECIDED' | 'RESOLVED';
export type SubscribeTemplates = Partial<Record<SubscribeType, string>>;

export const SUBSCRIBE_TYPE_FOR_ACTION: Partial<Record<WorkflowAction, SubscribeType>> = {
  accept: 'ACCEPTED',
  transfer: 'TRANSFERRED',
  fileCase: 'DECIDED',
  noCase: 'DECIDED',
  notifyReporter: 'DECIDED',
  decideCase: 'DECIDED',
  notifyTermination: 'RESOLVED',
  resolve: 'RESOLVED',
};

/** The 办理状态 (phrase, at most 5 characters) and the default 备注 of each step that sends a message. */
const STEP_TEXT: Partial<Record<WorkflowAction, { status: string; note: string }>> = {
  fileCase: { status: '已立案', note: '经核查已立案调查' },
  noCase: { status: '不予立案', note: '经核查决定不予立案' },
  notifyReporter: { status: '已告知', note: '立案情况已告知' },
  decideCase: { status: '已作决定', note: '已依法作出处理决定' },
  notifyTermination: { status: '终止调解', note: '调解不成，已终止调解' },
};

/** The miniapp page a message opens. */
export const SUBSCRIBE_PAGE = 'pages/mine/index';

export type SubscribeData = Record<string, { value: string }>;
export type SubscribeMessage = { type: SubscribeType; templateId: string; page: string; data: SubscribeData };

export type SubscribeSubject = {
  id: number;
  trackingNo: string;
  kind: ComplaintKind;
  businessName: string | null;
  categoryLabel: string;
  outcome: ComplaintOutcome | null;
  transferTo: string | null;
};

/**
 * Every template shares one layout, so the bureau configures each in the WeChat console with the keys
 * character_string1 受理编号, thing2 事项, phrase3 办理状态, time4 办理时间, thing5 备注.
 * Returns null when the action sends no message or its template is not configured.
 */
export function subscribeMessageFor(
  c: SubscribeSubject,
  action: WorkflowAction,
  reply: string | undefined,
  templates: SubscribeTemplates,
  at: Date,
): SubscribeMessage | null {
  const type = SUBSCRIBE_TYPE_FOR_ACTION[action];
  const templateId = type ? templates[type] : undefined;
  if (!type || !templateId) return null;
  const step = STEP_TEXT[action];
  const status: Record<SubscribeType, string> = {
    ACCEPTED: '已受理',
    TRANSFERRED: '已转办',
    DECIDED: step?.status ?? '已办理',
    RESOLVED: step?.status ?? '已办结',
  };
  const note: Record<SubscribeType, string> = {
    ACCEPTED: '我们将在法定期限内办理',
    TRANSFERRED: `已转交${c.transferTo ?? '主管部门'}`,
    // A decision's details are not published yet: the reporter reads the written reply, not the decision.
    DECIDED: action === 'decideCase' ? step!.note : (reply ?? step?.note ?? '已办理'),
    RESOLVED: step ? (reply ?? step.note) : c.outcome ? `结果：${COMPLAINT_OUTCOME_LABELS[c.outcome]}` : (reply ?? '已办结'),
  };
  return {
    type,
    templateId,
    page: `${SUBSCRIBE_PAGE}?complaintId=${c.id}`,
    data: fitFields({
      character_string1: c.trackingNo,
      thing2: `${COMPLAINT_KIND_LABELS[c.kind]}：${c.businessName ?? c.categoryLabel}`,
      phrase3: status[type],
      time4: shanghaiMinute(at),
      thing5: note[type],
    }),
  };
}

// WeChat refuses a whole message (errcode 47003) when one value is too long, so values are cut to fit.
const LIMITS: [prefix: string, max: number][] = [
  ['character_string', 32],
  ['thing', 20],
  ['phrase', 5],
  ['number', 32],
  ['letter', 32],
  ['symbol', 5],
  ['name', 10],
];

/** Cuts each value to its field type's limit, counted in characters (not UTF-16 units); `thing` ends with "…". */
export function fitFields(values: Record<string, string>): SubscribeData {
  const data: SubscribeData = {};
  for (const [key, raw] of Object.entries(values)) {
    const max = LIMITS.find(([prefix]) => key.startsWith(prefix))?.[1];
    const value = raw.replace(/\s+/g, ' ').trim();
    data[key] = { value: max === undefined ? value : cut(value, max, key.startsWith('thing')) };
  }
  return data;
}

function cut(value: string, max: number, ellipsis: boolean): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return ellipsis ? `${chars.slice(0, max - 1).join('')}…` : chars.slice(0, max).join('');
}

const MINUTE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** WeChat's `time` value in Shanghai time: 2026年10月13日 09:05. */
export function shanghaiMinute(at: Date): string {
  const p = Object.fromEntries(MINUTE.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}
