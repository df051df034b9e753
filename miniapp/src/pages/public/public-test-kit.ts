// Builders for the 示范街区, 示范街 and business page specs.
import type { ModelStreet, ModelStreetDetail, PenaltyDisclosure, PublicBusiness } from '@sa/contracts';
import { aBusiness } from '../../test/builders';

export function aModelStreet(id: number, name: string, over: Partial<ModelStreet> = {}): ModelStreet {
  return {
    id,
    code: `MS-${id}`,
    name,
    description: `${name}汇集了面馆、小吃和茶饮店，统一实行明厨亮灶。`,
    address: `青岚区${name}`,
    street: { id: 11, name: '东湖街道' },
    businessCount: 18,
    ...over,
  };
}

export function aModelStreetDetail(id: number, name: string, over: Partial<ModelStreetDetail> = {}): ModelStreetDetail {
  return { ...aModelStreet(id, name), businesses: [], ...over };
}

export function aPublicBusiness(over: Partial<PublicBusiness> = {}): PublicBusiness {
  return { ...aBusiness(), cadre: { name: '王某某', tier: 'COMMUNITY' }, modelStreet: null, openReports: 0, ...over };
}

export function aDisclosure(id: number, over: Partial<PenaltyDisclosure> = {}): PenaltyDisclosure {
  return {
    id,
    decisionNo: `青岚市监罚〔2026〕${id}号`,
    partyName: '李记小吃店',
    partyKind: 'ORGANISATION',
    partyCreditCode: '92339901MA2C0XXXX1',
    violationType: '销售超过保质期的食品',
    penaltyContent: '警告，罚款人民币 5000 元',
    authority: '青岚区市场监督管理局',
    decisionDate: '2026-09-18',
    disclosedDate: '2026-09-25',
    business: { id: 1, name: '李记小吃店' },
    ...over,
  };
}
