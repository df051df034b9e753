import type { PenaltyDecisionInput } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import type { PhoneCipher } from '../common/phone-crypto';
import { toDbDate } from './deadlines';

type Db = P.TransactionClient;

/** What the workflow knows when it records a decision, besides the form. */
export type DecisionContext = { complaintId: number; businessId: number | null; authority: string; recordedAt: Date; recordedBy: number | null };

/**
 * The PenaltyDecision row for 处罚信息公示. A natural person's ID number is stored only encrypted (it is never
 * shown); an organisation has none, so one sent anyway is not kept. Amounts are stored as exact decimals.
 */
export function penaltyDecisionRow(d: PenaltyDecisionInput, ctx: DecisionContext, cipher: PhoneCipher): P.PenaltyDecisionUncheckedCreateInput {
  return {
    complaintId: ctx.complaintId,
    businessId: ctx.businessId,
    type: d.type,
    decisionNo: d.decisionNo,
    partyKind: d.partyKind,
    partyName: d.partyName,
    partyCreditCode: d.partyCreditCode ?? null,
    partyIdNoEnc: d.partyKind === 'NATURAL_PERSON' && d.partyIdNo ? cipher.encrypt(d.partyIdNo) : null,
    violationType: d.violationType,
    legalBasis: d.legalBasis,
    penaltyContent: d.penaltyContent,
    penaltyKinds: [...d.penaltyKinds],
    fineAmount: d.fineAmount.toFixed(2),
    confiscationAmount: d.confiscationAmount.toFixed(2),
    authority: ctx.authority,
    decisionDate: toDbDate(d.decisionDate),
    recordedAt: ctx.recordedAt,
    recordedBy: ctx.recordedBy,
  };
}

/** The only place that writes and looks up penalty decisions. */
export const penaltyDecisions = {
  /** Whether a decision number (文书号) is already used by any case. */
  async decisionNoTaken(db: Db, decisionNo: string): Promise<boolean> {
    return (await db.penaltyDecision.findUnique({ where: { decisionNo }, select: { id: true } })) !== null;
  },

  /** Inside the workflow step's transaction, with the status change and its audit entry. */
  async insert(db: Db, row: P.PenaltyDecisionUncheckedCreateInput): Promise<void> {
    await db.penaltyDecision.create({ data: row, select: { id: true } });
  },
};
