import { View } from '@tarojs/components';
import {
  PARTY_KIND_LABELS,
  PARTY_KINDS,
  PENALTY_DECISION_TYPE_LABELS,
  PENALTY_DECISION_TYPES,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
} from '@sa/contracts';
import { WbCheckboxGroup, WbRadioGroup } from '../../components/wb-choice';
import { WbDate, WbInput, WbTextarea } from '../../components/wb-field';
import type { ActionErrors, DecisionDraft } from './action-request';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 处罚决定: what the decision document says, recorded for 处罚信息公示. */
export function DecisionForm({ draft, onChange, errors }: { draft: DecisionDraft; onChange: (draft: DecisionDraft) => void; errors: ActionErrors }) {
  const set = (change: Partial<DecisionDraft>) => onChange({ ...draft, ...change });
  const e = (field: string) => errors[`decision.${field}`];
  return (
    <View className='wb-decision-form'>
      <WbRadioGroup
        label='决定类型'
        className='wb-decision-type'
        value={draft.type}
        options={PENALTY_DECISION_TYPES.map((t) => ({ value: t, label: PENALTY_DECISION_TYPE_LABELS[t] }))}
        onChange={(type) => set({ type })}
        error={e('type')}
      />
      <WbInput label='决定书文号' className='wb-decision-no' value={draft.decisionNo} maxlength={60} placeholder='如 示范市监处罚〔2026〕12号' onChange={(decisionNo) => set({ decisionNo })} error={e('decisionNo')} />
      <WbRadioGroup
        label='当事人类型'
        className='wb-party-kind'
        value={draft.partyKind}
        options={PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k] }))}
        onChange={(partyKind) => set({ partyKind })}
        error={e('partyKind')}
      />
      <WbInput label='当事人名称' className='wb-party-name' value={draft.partyName} maxlength={100} onChange={(partyName) => set({ partyName })} error={e('partyName')} />
      {draft.partyKind === 'ORGANISATION' ? (
        <WbInput
          label='统一社会信用代码'
          className='wb-credit-code'
          value={draft.partyCreditCode}
          maxlength={18}
          placeholder='18 位'
          onChange={(partyCreditCode) => set({ partyCreditCode })}
          error={e('partyCreditCode')}
        />
      ) : (
        <WbInput
          label='身份证号码（选填）'
          className='wb-id-no'
          value={draft.partyIdNo}
          maxlength={18}
          hint='身份证号码加密保存，任何页面都不会显示，也不会公示。'
          onChange={(partyIdNo) => set({ partyIdNo })}
          error={e('partyIdNo')}
        />
      )}
      <WbInput label='违法行为类型' className='wb-violation' value={draft.violationType} maxlength={100} onChange={(violationType) => set({ violationType })} error={e('violationType')} />
      <WbTextarea label='处罚依据' className='wb-legal-basis' value={draft.legalBasis} maxlength={500} onChange={(legalBasis) => set({ legalBasis })} error={e('legalBasis')} />
      <WbTextarea label='处罚内容' className='wb-penalty-content' value={draft.penaltyContent} maxlength={1000} onChange={(penaltyContent) => set({ penaltyContent })} error={e('penaltyContent')} />
      <WbCheckboxGroup
        label={draft.type === 'PENALTY' ? '处罚种类' : '处罚种类（不予处罚的可不选）'}
        className='wb-penalty-kinds'
        values={draft.penaltyKinds}
        options={PENALTY_KINDS.map((k) => ({ value: k, label: PENALTY_KIND_LABELS[k] }))}
        onChange={(penaltyKinds) => set({ penaltyKinds })}
        error={e('penaltyKinds')}
      />
      <WbInput label='罚款金额（元）' className='wb-fine' value={draft.fineAmount} maxlength={16} placeholder='0' onChange={(fineAmount) => set({ fineAmount })} error={e('fineAmount')} />
      <WbInput
        label='没收金额（元）'
        className='wb-confiscation'
        value={draft.confiscationAmount}
        maxlength={16}
        placeholder='0'
        onChange={(confiscationAmount) => set({ confiscationAmount })}
        error={e('confiscationAmount')}
      />
      <WbDate label='决定日期' className='wb-decision-date' value={draft.decisionDate} end={today()} onChange={(decisionDate) => set({ decisionDate })} error={e('decisionDate')} />
    </View>
  );
}
