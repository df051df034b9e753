import { describe, expect, it } from 'vitest';
import { disclosureState, disclosureStep, maskPersonName, publicDisclosure, requiresDisclosure } from './disclosure-rules';

describe('which decisions are disclosed', () => {
  it('publishes a penalty with any kind besides a warning', () => {
    expect(requiresDisclosure({ type: 'PENALTY', penaltyKinds: ['FINE'] })).toBe(true);
    expect(requiresDisclosure({ type: 'PENALTY', penaltyKinds: ['WARNING', 'CONFISCATE_PROPERTY'] })).toBe(true);
    expect(requiresDisclosure({ type: 'PENALTY', penaltyKinds: ['REVOKE_LICENCE'] })).toBe(true);
  });

  it('does not publish a warning alone or a 不予处罚 decision', () => {
    expect(requiresDisclosure({ type: 'PENALTY', penaltyKinds: ['WARNING'] })).toBe(false);
    expect(requiresDisclosure({ type: 'NO_PENALTY', penaltyKinds: [] })).toBe(false);
    expect(requiresDisclosure({ type: 'NO_PENALTY', penaltyKinds: ['FINE'] })).toBe(false);
  });
});

describe('masking a natural person', () => {
  it('keeps the first character and stars each other one', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('李大明')).toBe('李**');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName(' 王五 ')).toBe('王*');
  });

  it('counts characters, not UTF-16 units (𠮷 is one character)', () => {
    expect(maskPersonName('𠮷野家')).toBe('𠮷**');
  });
});

describe('the public summary', () => {
  const row = {
    id: 1,
    decisionNo: '青岚市监罚〔2026〕12号',
    partyKind: 'NATURAL_PERSON' as const,
    partyName: '李大明',
    partyCreditCode: '92320102MA1XXXXX1K',
    violationType: '销售超过保质期的食品',
    penaltyContent: '没收过期酸奶 12 盒，罚款 5000 元',
    authority: '青岚区市场监督管理局',
    decisionDate: '2026-11-20',
    disclosedDate: '2026-11-25',
    business: { id: 3, name: '李记小吃店' },
  };

  it('masks a person and never shows them a credit code', () => {
    expect(publicDisclosure(row)).toEqual({ ...row, partyName: '李**', partyCreditCode: null });
  });

  it('shows an organisation by name with its credit code', () => {
    const org = publicDisclosure({ ...row, partyKind: 'ORGANISATION', partyName: '青岚鲜味餐饮管理有限公司' });
    expect(org.partyName).toBe('青岚鲜味餐饮管理有限公司');
    expect(org.partyCreditCode).toBe('92320102MA1XXXXX1K');
  });

  it('has exactly the fields the rule names', () => {
    expect(Object.keys(publicDisclosure(row)).sort()).toEqual(
      ['authority', 'business', 'decisionDate', 'decisionNo', 'disclosedDate', 'id', 'partyCreditCode', 'partyKind', 'partyName', 'penaltyContent', 'violationType'].sort(),
    );
  });
});

describe('disclosure steps', () => {
  const decided = { type: 'PENALTY' as const, penaltyKinds: ['FINE'], disclosedAt: null, disclosureWithdrawnAt: null };

  it('follows the decision from pending to published to withdrawn', () => {
    expect(disclosureState(decided)).toBe('PENDING');
    expect(disclosureState({ ...decided, disclosedAt: new Date() })).toBe('PUBLISHED');
    expect(disclosureState({ ...decided, disclosedAt: new Date(), disclosureWithdrawnAt: new Date() })).toBe('WITHDRAWN');
    expect(disclosureState({ ...decided, penaltyKinds: ['WARNING'] })).toBeNull();
  });

  it('allows each step only where the table says, with the reason otherwise', () => {
    expect(disclosureStep('PENDING', 'disclose')).toEqual({ ok: true, to: 'PUBLISHED' });
    expect(disclosureStep('PUBLISHED', 'disclose')).toEqual({ ok: false, code: 'DISCLOSURE_ALREADY_PUBLISHED' });
    expect(disclosureStep('WITHDRAWN', 'disclose')).toEqual({ ok: false, code: 'DISCLOSURE_WITHDRAWN' });
    expect(disclosureStep('WITHDRAWN', 'correct')).toEqual({ ok: false, code: 'DISCLOSURE_WITHDRAWN' });
    expect(disclosureStep('PENDING', 'withdraw')).toEqual({ ok: true, to: 'WITHDRAWN' });
    expect(disclosureStep(null, 'disclose')).toEqual({ ok: false, code: 'DISCLOSURE_NOT_REQUIRED' });
  });
});
