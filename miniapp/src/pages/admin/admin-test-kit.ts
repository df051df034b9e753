// Test support for the admin screens' specs: builders of what the admin endpoints answer, and an admin session
// served by the fake server. Not imported by any page.
import type {
  AssignmentView,
  CadreListItem,
  CadreSummary,
  CalendarYearStatus,
  Page,
  Role,
  UserView,
  VolunteerView,
} from '@sa/contracts';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aMe, someAreas } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { storage } from '../../test/fake-taro';
import { onTestFinished, vi } from 'vitest';

let nextId = 500;

export const pageOf = <T>(items: T[], total = items.length): Page<T> => ({ items, total });

export function aCadre(overrides: Partial<CadreListItem> = {}): CadreListItem {
  const id = nextId++;
  return {
    id,
    name: `干部${id}`,
    tier: 'COMMUNITY',
    title: '社区居委会副主任',
    phone: '13800000000',
    active: true,
    area: { id: 100, name: '第1社区', kind: 'COMMUNITY' },
    businessCount: 3,
    ...overrides,
  };
}

export const summaryOf = (c: CadreListItem): CadreSummary => ({ id: c.id, name: c.name, tier: c.tier, title: c.title });

export function anAssignment(businessId: number, cadre: CadreSummary, overrides: Partial<AssignmentView> = {}): AssignmentView {
  return {
    id: nextId++,
    business: { id: businessId, name: '经营主体' },
    cadre,
    startedAt: '2026-03-01T02:00:00.000Z',
    endedAt: null,
    endReason: null,
    commitment: null,
    commitments: [],
    ...overrides,
  };
}

export function aUser(overrides: Partial<UserView> = {}): UserView {
  const id = nextId++;
  return {
    id,
    username: `staff${id}`,
    displayName: `工作人员${id}`,
    role: 'OFFICE_STAFF',
    office: { id: 1, name: '东湖市场监管所' },
    cadre: null,
    disabled: false,
    wechatBound: false,
    activeSessions: 2,
    lastSeenAt: '2026-11-30T01:00:00.000Z',
    createdAt: '2026-01-05T01:00:00.000Z',
    ...overrides,
  };
}

export function aVolunteer(overrides: Partial<VolunteerView> = {}): VolunteerView {
  const id = nextId++;
  return {
    id,
    name: `监督员${id}`,
    category: 'PARENT',
    phone: '13900000000',
    street: { id: 10, name: '第1街道' },
    invitationCode: `K7Q${id}`,
    bound: false,
    boundAt: null,
    active: true,
    ...overrides,
  };
}

export function aYearStatus(overrides: Partial<CalendarYearStatus> = {}): CalendarYearStatus {
  return { year: 2026, hasSchedule: true, provisionalDeadlines: 0, ...overrides };
}

type Route = (req: SentRequest) => { statusCode: number; data?: unknown } | undefined;

/** A route answering one method and path (and nothing else). */
export const on =
  (method: string, pathname: string, reply: (req: SentRequest) => { statusCode: number; data?: unknown }): Route =>
  (req) =>
    req.method === method && path(req) === pathname ? reply(req) : undefined;

export const ok = (data: unknown) => ({ statusCode: 200, data });

/**
 * Signs in as `role` through the real client (a stored token and GET /me) with the given routes served, and
 * answers the areas too. Returns every request sent, in order.
 */
export async function signedInAs(role: Role, ...routes: Route[]): Promise<SentRequest[]> {
  storage.set(TOKEN_KEY, 'tok');
  const sent = serve(
    on('GET', '/api/v1/me', () => ok(aMe({ role, displayName: '区食安办管理员' }))),
    on('GET', '/api/v1/areas', () => ok(someAreas())),
    ...routes,
  );
  await restoreSession();
  return sent;
}

/** The requests other than the session and the areas: what the screen itself sent. */
export const sentBy = (sent: SentRequest[], method: string, pathname: string) =>
  sent.filter((r) => r.method === method && path(r) === pathname);

/**
 * The width the screen is laid out for: 'stacked' (a phone, the panel below the list) or 'side-by-side' (a desktop,
 * min-width 900px). Stubs window.matchMedia, which jsdom lacks, and scrollIntoView, to see what is scrolled to,
 * for the rest of the test.
 */
export function laidOut(layout: 'stacked' | 'side-by-side') {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: layout === 'side-by-side' && query === '(min-width: 900px)',
      media: query,
      onchange: null,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
      addListener: vi.fn(),
      removeListener: vi.fn(),
      dispatchEvent: vi.fn(),
    })),
  );
  const scrolled: Element[] = [];
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
  onTestFinished(() => {
    vi.unstubAllGlobals();
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });
  return { scrolled };
}
