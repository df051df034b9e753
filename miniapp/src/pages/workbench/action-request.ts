import {
  complaintActionRequest,
  type ComplaintActionRequest,
  type ComplaintOutcome,
  type NoticeMethod,
  type NoticeParty,
  type PartyKind,
  type PenaltyDecisionType,
  type PenaltyKind,
  type RejectReason,
  type WorkflowActionCode,
} from '@sa/contracts';

export type Need = 'reason' | 'rejectReason' | 'transferTo' | 'outcome' | 'reply' | 'noticeMethod' | 'notifiedParties' | 'decision';

/** What each action's form asks for (the server checks the same and answers ACTION_INPUT_MISSING otherwise). */
export const ACTION_NEEDS: Record<WorkflowActionCode, readonly Need[]> = {
  accept: [],
  reject: ['rejectReason', 'reply'],
  transfer: ['transferTo', 'reply'],
  startVerification: [],
  extendVerification: ['reason'],
  fileCase: [],
  noCase: ['reason'],
  notifyReporter: ['noticeMethod', 'reply'],
  decideCase: ['decision'],
  extendCase: ['reason'],
  startMediation: [],
  mediated: [],
  mediationFailed: ['reason'],
  notifyTermination: ['notifiedParties', 'outcome', 'reply'],
  resolve: ['outcome', 'reply'],
  reopen: ['reason'],
  reprocess: [],
  close: [],
};

export type DecisionDraft = {
  type: PenaltyDecisionType;
  decisionNo: string;
  partyKind: PartyKind;
  partyName: string;
  partyCreditCode: string;
  partyIdNo: string;
  violationType: string;
  legalBasis: string;
  penaltyContent: string;
  penaltyKinds: PenaltyKind[];
  fineAmount: string;
  confiscationAmount: string;
  decisionDate: string;
};

export type ActionDraft = {
  reason: string;
  rejectReason: RejectReason | null;
  transferTo: string;
  outcome: ComplaintOutcome | null;
  reply: string;
  noticeMethod: NoticeMethod | null;
  notifiedParties: NoticeParty[];
  decision: DecisionDraft;
};

export const emptyDecision = (partyName = ''): DecisionDraft => ({
  type: 'PENALTY',
  decisionNo: '',
  partyKind: 'ORGANISATION',
  partyName,
  partyCreditCode: '',
  partyIdNo: '',
  violationType: '',
  legalBasis: '',
  penaltyContent: '',
  penaltyKinds: [],
  fineAmount: '',
  confiscationAmount: '',
  decisionDate: '',
});

export const emptyActionDraft = (prefill: { transferTo?: string; partyName?: string } = {}): ActionDraft => ({
  reason: '',
  rejectReason: null,
  transferTo: prefill.transferTo ?? '',
  outcome: null,
  reply: '',
  noticeMethod: null,
  notifiedParties: [],
  decision: emptyDecision(prefill.partyName),
});

/** Field → Chinese message; decision fields are keyed `decision.<field>`. */
export type ActionErrors = Partial<Record<string, string>>;

const MISSING: Record<Exclude<Need, 'decision'>, string> = {
  reason: '请填写理由（至少 2 个字）',
  rejectReason: '请选择不予受理的法定理由',
  transferTo: '请填写承办部门',
  outcome: '请选择办理结果',
  reply: '请填写答复内容（至少 5 个字）',
  noticeMethod: '请选择告知方式',
  notifiedParties: '终止调解须告知投诉人和被投诉人双方',
};

// Where zod's own message is not in Chinese, what to tell the user about the field instead.
const FIELD_PROBLEMS: Record<string, string> = {
  reason: '理由须为 2–500 字',
  transferTo: '承办部门须为 2–100 字',
  reply: '答复内容须为 5–2000 字',
  'decision.type': '请选择决定类型',
  'decision.decisionNo': '决定书文号须为 4–60 字',
  'decision.partyKind': '请选择当事人类型',
  'decision.partyName': '当事人名称须为 2–100 字',
  'decision.violationType': '违法行为类型须为 2–100 字',
  'decision.legalBasis': '处罚依据须为 2–500 字',
  'decision.penaltyContent': '处罚内容须为 2–1000 字',
  'decision.decisionDate': '请选择决定日期',
};

const isChinese = (message: string) => /[\u4e00-\u9fa5]/.test(message);

export type BuiltAction = { ok: true; body: ComplaintActionRequest } | { ok: false; errors: ActionErrors };

const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

/** The request body for one action from its form, checked with the contract's schema before anything is sent. */
export function buildActionRequest(action: WorkflowActionCode, draft: ActionDraft): BuiltAction {
  const needs = ACTION_NEEDS[action];
  const errors: ActionErrors = {};
  if (needs.includes('reason') && draft.reason.trim().length < 2) errors.reason = MISSING.reason;
  if (needs.includes('rejectReason') && !draft.rejectReason) errors.rejectReason = MISSING.rejectReason;
  if (needs.includes('transferTo') && draft.transferTo.trim().length < 2) errors.transferTo = MISSING.transferTo;
  if (needs.includes('outcome') && !draft.outcome) errors.outcome = MISSING.outcome;
  if (needs.includes('reply') && draft.reply.trim().length < 5) errors.reply = MISSING.reply;
  if (needs.includes('noticeMethod') && !draft.noticeMethod) errors.noticeMethod = MISSING.noticeMethod;
  if (needs.includes('notifiedParties') && draft.notifiedParties.length < 2) errors.notifiedParties = MISSING.notifiedParties;

  const d = draft.decision;
  const candidate = {
    action,
    reason: needs.includes('reason') ? draft.reason : undefined,
    rejectReason: needs.includes('rejectReason') ? (draft.rejectReason ?? undefined) : undefined,
    transferTo: needs.includes('transferTo') ? draft.transferTo : undefined,
    outcome: needs.includes('outcome') ? (draft.outcome ?? undefined) : undefined,
    reply: needs.includes('reply') ? draft.reply : undefined,
    noticeMethod: needs.includes('noticeMethod') ? (draft.noticeMethod ?? undefined) : undefined,
    notifiedParties: needs.includes('notifiedParties') ? draft.notifiedParties : undefined,
    decision: needs.includes('decision')
      ? {
          type: d.type,
          decisionNo: d.decisionNo,
          partyKind: d.partyKind,
          partyName: d.partyName,
          // A credit code belongs to an organisation, an ID number to a person: only the one that applies is sent.
          partyCreditCode: d.partyKind === 'ORGANISATION' ? blankToUndefined(d.partyCreditCode) : undefined,
          partyIdNo: d.partyKind === 'NATURAL_PERSON' ? blankToUndefined(d.partyIdNo) : undefined,
          violationType: d.violationType,
          legalBasis: d.legalBasis,
          penaltyContent: d.penaltyContent,
          penaltyKinds: d.penaltyKinds,
          fineAmount: d.fineAmount.trim() === '' ? 0 : d.fineAmount.trim(),
          confiscationAmount: d.confiscationAmount.trim() === '' ? 0 : d.confiscationAmount.trim(),
          decisionDate: d.decisionDate,
        }
      : undefined,
  };
  const parsed = complaintActionRequest.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      if (errors[key]) continue;
      errors[key] = isChinese(issue.message) ? issue.message : (FIELD_PROBLEMS[key] ?? '请检查填写的内容');
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** Field errors the server sent back (VALIDATION_FAILED details), in the form's keys. */
export function serverFieldErrors(details: readonly { path: string; message: string }[]): ActionErrors {
  return Object.fromEntries(details.map((d) => [d.path.replace(/^body\./, ''), d.message]));
}
