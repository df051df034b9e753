import { PENALTY_KINDS, type DisclosureState, type ErrorCode, type PartyKind, type PenaltyDecisionType, type PenaltyDisclosure, type PenaltyKind, type Ref } from '@sa/contracts';

/** Penalty kinds that make a decision public; a warning alone is not disclosed (总局令第45号 第六条). */
export const DISCLOSED_PENALTY_KINDS: readonly PenaltyKind[] = PENALTY_KINDS.filter((k) => k !== 'WARNING');

/** Whether a decision is published: a 行政处罚决定 with at least one kind other than 警告 (never 不予处罚). */
export function requiresDisclosure(d: { type: PenaltyDecisionType; penaltyKinds: readonly string[] }): boolean {
  return d.type === 'PENALTY' && d.penaltyKinds.some((k) => (DISCLOSED_PENALTY_KINDS as readonly string[]).includes(k));
}

/** A natural person's name as published: the first character, then one * for each other (张三 → 张*, 欧阳娜娜 → 欧***). */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

export function publicPartyName(partyKind: PartyKind, partyName: string): string {
  return partyKind === 'NATURAL_PERSON' ? maskPersonName(partyName) : partyName;
}

type StateRow = { type: PenaltyDecisionType; penaltyKinds: readonly string[]; disclosedAt: Date | null; disclosureWithdrawnAt: Date | null };

/** null: the decision is never disclosed (warning only, 不予处罚). */
export function disclosureState(d: StateRow): DisclosureState | null {
  if (!requiresDisclosure(d)) return null;
  if (d.disclosureWithdrawnAt) return 'WITHDRAWN';
  return d.disclosedAt ? 'PUBLISHED' : 'PENDING';
}

export type DisclosureAction = 'disclose' | 'correct' | 'withdraw';

/**
 * The disclosure's steps as a table: from which state each is allowed and where it leads. Correcting a pending
 * one fixes the record before it goes out; withdrawing a pending one (the decision was revoked first) ends its limit.
 */
export const DISCLOSURE_STEPS: readonly { from: DisclosureState; action: DisclosureAction; to: DisclosureState }[] = [
  { from: 'PENDING', action: 'disclose', to: 'PUBLISHED' },
  { from: 'PENDING', action: 'correct', to: 'PENDING' },
  { from: 'PUBLISHED', action: 'correct', to: 'PUBLISHED' },
  { from: 'PENDING', action: 'withdraw', to: 'WITHDRAWN' },
  { from: 'PUBLISHED', action: 'withdraw', to: 'WITHDRAWN' },
];

/** Why a step is refused in a state where the table has no row for it. */
const REFUSAL: Record<DisclosureState, ErrorCode> = {
  PENDING: 'DISCLOSURE_NOT_PUBLISHED',
  PUBLISHED: 'DISCLOSURE_ALREADY_PUBLISHED',
  WITHDRAWN: 'DISCLOSURE_WITHDRAWN',
};

export type StepResult = { ok: true; to: DisclosureState } | { ok: false; code: ErrorCode };

export function disclosureStep(state: DisclosureState | null, action: DisclosureAction): StepResult {
  if (state === null) return { ok: false, code: 'DISCLOSURE_NOT_REQUIRED' };
  const step = DISCLOSURE_STEPS.find((s) => s.from === state && s.action === action);
  return step ? { ok: true, to: step.to } : { ok: false, code: REFUSAL[state] };
}

export type PublicRow = {
  id: number;
  decisionNo: string;
  partyKind: PartyKind;
  partyName: string;
  partyCreditCode: string | null;
  violationType: string;
  penaltyContent: string;
  authority: string;
  decisionDate: string;
  disclosedDate: string;
  business: Ref | null;
};

/** Exactly the fields of the public summary; the ID number is not even an input. */
export function publicDisclosure(r: PublicRow): PenaltyDisclosure {
  return {
    id: r.id,
    decisionNo: r.decisionNo,
    partyName: publicPartyName(r.partyKind, r.partyName),
    partyKind: r.partyKind,
    partyCreditCode: r.partyKind === 'ORGANISATION' ? r.partyCreditCode : null,
    violationType: r.violationType,
    penaltyContent: r.penaltyContent,
    authority: r.authority,
    decisionDate: r.decisionDate,
    disclosedDate: r.disclosedDate,
    business: r.business,
  };
}
