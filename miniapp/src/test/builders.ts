import type {
  AreasTree,
  BusinessDetail,
  BusinessSummary,
  ComplaintPublicView,
  ComplaintReceipt,
  LoginResponse,
  Me,
  MyComplaintItem,
  NotificationItem,
  SimilarComplaint,
  UploadResponse,
} from '@sa/contracts';

export function aMe(overrides: Partial<Me> = {}): Me {
  return { id: 1, displayName: '张居民', role: 'RESIDENT', volunteer: null, officeId: null, cadreId: null, wechatBound: false, phoneMasked: null, ...overrides };
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

export function aReceipt(overrides: Partial<ComplaintReceipt> = {}): ComplaintReceipt {
  const id = nextId++;
  return {
    id,
    trackingNo: `SA20261130-${String(id).padStart(6, '0')}`,
    kind: 'REPORT',
    status: 'SUBMITTED',
    queryCode: null,
    linked: null,
    office: { id: 1, name: '东湖市场监管所' },
    deadlines: [{ kind: 'VERIFY', dueDate: '2026-12-21', provisional: false }],
    ...overrides,
  };
}

export function aComplaintView(overrides: Partial<ComplaintPublicView> = {}): ComplaintPublicView {
  const id = nextId++;
  return {
    id,
    trackingNo: `SA20261130-${String(id).padStart(6, '0')}`,
    kind: 'COMPLAINT',
    category: 'EXPIRED_FOOD',
    status: 'ACCEPTED',
    statusLabel: '已受理',
    outcome: null,
    businessName: '老街面馆',
    description: '货架上的牛奶已过保质期三天，仍在销售',
    photoIds: [],
    place: { businessName: '老街面馆', address: '人民路 12 号', streetName: '东湖街道', communityName: '幸福社区' },
    receivedAt: '2026-11-30T01:30:00.000Z',
    office: { name: '东湖市场监管所', phone: '020-81110001' },
    deadlines: [{ kind: 'MEDIATE', dueDate: '2027-02-08', state: 'OPEN', provisional: false }],
    timeline: [
      { at: '2026-11-30T01:30:00.000Z', status: 'SUBMITTED', statusLabel: '已提交', note: null },
      { at: '2026-12-01T02:00:00.000Z', status: 'ACCEPTED', statusLabel: '已受理', note: null },
    ],
    reply: null,
    canReopen: false,
    supportCount: 0,
    rating: null,
    ...overrides,
  };
}

export function aSimilarComplaint(overrides: Partial<SimilarComplaint> = {}): SimilarComplaint {
  const id = nextId++;
  return {
    id,
    trackingNo: `SA20261128-${String(id).padStart(6, '0')}`,
    kind: 'REPORT',
    category: 'POOR_HYGIENE',
    status: 'VERIFYING',
    businessName: '老街面馆',
    receivedAt: '2026-11-28T04:00:00.000Z',
    supportCount: 2,
    distanceMetres: null,
    ...overrides,
  };
}

/** A line of 我的投诉举报: the user's own report. */
export function anOwnReport(overrides: Partial<ComplaintPublicView> = {}): MyComplaintItem {
  return { ...aComplaintView(overrides), relation: 'OWN' };
}

/** A line of 我的投诉举报: someone else's report the user added 附议 to. */
export function aSupportedReport(overrides: Partial<Extract<MyComplaintItem, { relation: 'SUPPORTED' }>> = {}): MyComplaintItem {
  const id = nextId++;
  return {
    relation: 'SUPPORTED',
    id,
    trackingNo: `SA20261127-${String(id).padStart(6, '0')}`,
    kind: 'REPORT',
    category: 'POOR_HYGIENE',
    status: 'VERIFYING',
    statusLabel: '核查中',
    businessName: '老街面馆',
    receivedAt: '2026-11-27T04:00:00.000Z',
    supportCount: 3,
    supportedAt: '2026-11-28T06:00:00.000Z',
    ...overrides,
  };
}

export function anUpload(overrides: Partial<UploadResponse> = {}): UploadResponse {
  const n = nextId++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    mime: 'image/jpeg',
    bytes: 120_000,
    width: 1280,
    height: 960,
    location: null,
    ...overrides,
  };
}

export function aNotification(overrides: Partial<NotificationItem> = {}): NotificationItem {
  return {
    id: nextId++,
    kind: 'COMPLAINT_UPDATE',
    title: '您反映的问题已受理',
    body: '东湖市场监管所已受理您的投诉',
    complaintId: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}
