import type { CadreListItem, DeadlineView, WorkbenchComplaint, WorkbenchQueue, WorkbenchQueueItem } from '@sa/contracts';
import type { MyBusiness } from '@sa/contracts';
import type { ReplyTemplate } from '../../api';
import { aBusiness } from '../../test/builders';

// Test data for the workbench screens, in the style of miniapp/src/test/builders.ts.
let nextId = 5000;

export function aDeadline(overrides: Partial<DeadlineView> = {}): DeadlineView {
  return {
    kind: 'VERIFY',
    startDate: '2026-11-30',
    days: 15,
    unit: 'WORKING_DAYS',
    dueDate: '2026-12-21',
    state: 'OPEN',
    metAt: null,
    overdue: false,
    workingDaysLeft: 8,
    provisional: false,
    escalatedAt: null,
    ...overrides,
  };
}

export function aQueueItem(overrides: Partial<WorkbenchQueueItem> = {}): WorkbenchQueueItem {
  const id = nextId++;
  return {
    id,
    trackingNo: `SA20261130-${String(id).padStart(6, '0')}`,
    kind: 'REPORT',
    category: 'POOR_HYGIENE',
    status: 'VERIFYING',
    statusLabel: '核查中',
    businessName: '老街面馆',
    streetName: '东湖街道',
    office: { id: 1, name: '东湖市场监管所' },
    cadre: { id: 7, name: '李社区', tier: 'COMMUNITY', title: '幸福社区居委会副主任' },
    receivedAt: '2026-11-30T01:30:00.000Z',
    byVolunteer: false,
    supportCount: 0,
    nextDeadline: aDeadline(),
    overdue: false,
    dueSoon: false,
    ...overrides,
  };
}

export function aQueue(items: WorkbenchQueueItem[], overrides: Partial<WorkbenchQueue> = {}): WorkbenchQueue {
  return {
    items,
    total: items.length,
    counts: { overdue: items.filter((i) => i.overdue).length, dueSoon: items.filter((i) => i.dueSoon).length, byStatus: { VERIFYING: items.length } },
    ...overrides,
  };
}

export function aWorkbenchComplaint(overrides: Partial<WorkbenchComplaint> = {}): WorkbenchComplaint {
  const id = nextId++;
  return {
    id,
    trackingNo: `SA20261130-${String(id).padStart(6, '0')}`,
    kind: 'REPORT',
    category: 'POOR_HYGIENE',
    status: 'SUBMITTED',
    statusLabel: '已提交',
    outcome: null,
    description: '后厨地面有积水，操作间苍蝇很多，餐具没有消毒。',
    photoIds: [],
    business: { id: 31, name: '老街面馆', licenceNo: 'JY14401000000031', address: '人民路 12 号', grade: 'C' },
    businessName: '老街面馆',
    businessAddress: '人民路 12 号',
    street: { id: 11, name: '东湖街道' },
    community: { id: 111, name: '幸福社区' },
    lat: null,
    lng: null,
    office: { id: 1, name: '东湖市场监管所' },
    cadre: { id: 7, name: '李社区', tier: 'COMMUNITY', title: '幸福社区居委会副主任' },
    transferTo: null,
    supportCount: 0,
    byVolunteer: false,
    receivedAt: '2026-11-30T01:30:00.000Z',
    resolvedAt: null,
    linked: null,
    deadlines: [aDeadline({ kind: 'ACCEPT', days: 7, dueDate: '2026-12-09', workingDaysLeft: 4 })],
    routing: [
      { rule: 'BUSINESS_OFFICE', reason: '经营主体所在街道由东湖市场监管所管辖', officeId: 1, cadreId: 7, transferTo: null, decidedAt: '2026-11-30T01:30:00.000Z' },
    ],
    trail: [
      { at: '2026-11-30T01:30:00.000Z', actorRole: 'RESIDENT', actorName: null, action: 'submit', actionLabel: '提交', from: null, to: 'SUBMITTED', reason: null, payload: null },
    ],
    followUps: [],
    penaltyDecision: null,
    reporter: { anonymous: false, name: '张*', phone: '138****0001', canCallBack: true },
    actions: ['accept', 'reject', 'transfer'],
    canReroute: true,
    canFollowUp: false,
    ratings: [],
    rectificationId: null,
    ...overrides,
  };
}

export function aMyBusiness(overrides: Partial<MyBusiness> = {}): MyBusiness {
  return {
    ...aBusiness(),
    assignmentId: nextId++,
    assignedAt: '2026-01-05T00:00:00.000Z',
    office: { id: 1, name: '东湖市场监管所' },
    commitment: null,
    openComplaints: 0,
    ...overrides,
  };
}

export function aTemplate(overrides: Partial<ReplyTemplate> = {}): ReplyTemplate {
  return { outcome: 'FIXED', label: '已整改', body: '经核查，您反映的问题属实，已责令经营者整改完毕。', updatedAt: null, ...overrides };
}

export function aCadre(overrides: Partial<CadreListItem> = {}): CadreListItem {
  const id = nextId++;
  return {
    id,
    name: `王干部${id}`,
    tier: 'STREET',
    title: '东湖街道办事处副主任',
    phone: '13800000000',
    active: true,
    area: { id: 11, name: '东湖街道', kind: 'STREET' },
    businessCount: 3,
    ...overrides,
  };
}
