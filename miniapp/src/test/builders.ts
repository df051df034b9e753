import type { AreasTree, BusinessDetail, BusinessSummary, LoginResponse, Me } from '@sa/contracts';

export function aMe(overrides: Partial<Me> = {}): Me {
  return { id: 1, displayName: '张居民', role: 'RESIDENT', volunteer: null, officeId: null, cadreId: null, ...overrides };
}

export function aLogin(token: string, user: Partial<Me> = {}): LoginResponse {
  const { id, displayName, role } = aMe(user);
  return { token, expiresAt: '2099-01-01T00:00:00.000Z', user: { id, displayName, role } };
}

let nextId = 100;

export function aBusiness(overrides: Partial<BusinessSummary> = {}): BusinessSummary {
  const id = nextId++;
  return {
    id,
    name: `老街面馆${id}`,
    licenceNo: `JY1440100000${String(id).padStart(4, '0')}`,
    grade: 'D',
    businessType: { id: 1, name: '餐饮服务' },
    address: '人民路 12 号',
    street: { id: 11, name: '东湖街道' },
    community: { id: 111, name: '幸福社区' },
    ...overrides,
  };
}

export function aBusinessDetail(overrides: Partial<BusinessDetail> = {}): BusinessDetail {
  return {
    ...aBusiness(),
    lat: null,
    lng: null,
    hasSafetyOfficer: true,
    hasSafetyDirector: false,
    office: { id: 1, name: '东湖市场监管所' },
    cadre: { id: 7, name: '李社区', tier: 'COMMUNITY', title: '幸福社区居委会副主任' },
    ...overrides,
  };
}

export function anOffice(id: number, name: string, overrides: Partial<AreasTree['offices'][number]> = {}) {
  return {
    id,
    name,
    address: `建设路 ${id} 号`,
    phone: `020-8000000${id}`,
    streets: [{ id: id * 10, name: `第${id}街道`, communities: [{ id: id * 100, name: `第${id}社区`, population: 8000 }] }],
    ...overrides,
  };
}

export function someAreas(offices = [anOffice(1, '东湖市场监管所'), anOffice(2, '西岭市场监管所'), anOffice(3, '南港市场监管所')]): AreasTree {
  return { district: { id: 1, name: '示范区' }, offices };
}
