import type {
  AssignmentInput,
  AssignmentView,
  BusinessDetail,
  BusinessInput,
  BusinessSummary,
  BusinessPatch,
  BusinessUpdateResult,
  CadreDetail,
  CadreInput,
  CadreListItem,
  CadrePatch,
  CadreTier,
  CalendarDayInput,
  CalendarDaysResponse,
  CalendarYearStatus,
  CommitmentStatusRow,
  Grade,
  Page,
  Ref,
  Role,
  SweepResult,
  UserCreateInput,
  UserPatch,
  UserView,
  VolunteerCategory,
  VolunteerInput,
  VolunteerPatch,
  VolunteerView,
} from '@sa/contracts';
import { request } from './client';

// The 区食安办's endpoints. List filters are the query-string forms of the contracts' list queries.

export type AdminBusinessSearch = { q?: string; streetId?: number; grade?: Grade; limit?: number; offset?: number };

/** The public search, with the admin's filters (name part or licence prefix, street, grade). */
export function searchAdminBusinesses(search: AdminBusinessSearch) {
  return request<Page<BusinessSummary>>('GET', '/api/v1/businesses', { query: { limit: 20, ...search } });
}

/** 业态, for the business form. */
export function fetchBusinessTypes(): Promise<Ref[]> {
  return request<Ref[]>('GET', '/api/v1/business-types');
}

export function createBusiness(body: BusinessInput): Promise<BusinessDetail> {
  return request<BusinessDetail>('POST', '/api/v1/admin/businesses', { body });
}

/** A grade change may end assignments the tier rule no longer allows: the answer says which, and why. */
export function updateBusiness(id: number, body: BusinessPatch): Promise<BusinessDetail & BusinessUpdateResult> {
  return request<BusinessDetail & BusinessUpdateResult>('PATCH', `/api/v1/admin/businesses/${id}`, { body });
}

/** The server answers with a page (`{ items, total }`) like every list; the screens want the rows. */
export async function fetchAssignments(businessId: number): Promise<AssignmentView[]> {
  return (await request<Page<AssignmentView>>('GET', `/api/v1/businesses/${businessId}/assignments`)).items;
}

/** 包保: 422 TIER_MISMATCH / CADRE_OUT_OF_AREA / CADRE_INACTIVE with the rule in Chinese. */
export function assignCadre(body: AssignmentInput): Promise<AssignmentView> {
  return request<AssignmentView>('POST', '/api/v1/admin/assignments', { body });
}

export type CommitmentStatusSearch = { status?: 'signed' | 'unsigned'; streetId?: number; q?: string; limit?: number; offset?: number };

export function fetchCommitmentStatus(search: CommitmentStatusSearch): Promise<Page<CommitmentStatusRow>> {
  return request<Page<CommitmentStatusRow>>('GET', '/api/v1/admin/commitments', { query: { limit: 20, ...search } });
}

export type CadreSearch = { tier?: CadreTier; q?: string; active?: boolean; streetId?: number; limit?: number; offset?: number };

const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

export function fetchCadres(search: CadreSearch): Promise<Page<CadreListItem>> {
  const { active, ...rest } = search;
  return request<Page<CadreListItem>>('GET', '/api/v1/cadres', { query: { limit: 50, ...rest, active: flag(active) } });
}

export function createCadre(body: CadreInput): Promise<CadreDetail> {
  return request<CadreDetail>('POST', '/api/v1/admin/cadres', { body });
}

/** `active: false` deactivates the cadre: their assignments end and they are signed out. */
export function updateCadre(id: number, body: CadrePatch): Promise<CadreDetail> {
  return request<CadreDetail>('PATCH', `/api/v1/admin/cadres/${id}`, { body });
}

export type VolunteerSearch = {
  q?: string;
  category?: VolunteerCategory;
  streetId?: number;
  active?: boolean;
  limit?: number;
  offset?: number;
};

export function fetchVolunteers(search: VolunteerSearch): Promise<Page<VolunteerView>> {
  const { active, ...rest } = search;
  return request<Page<VolunteerView>>('GET', '/api/v1/admin/volunteers', { query: { limit: 50, ...rest, active: flag(active) } });
}

export function createVolunteer(body: VolunteerInput): Promise<VolunteerView> {
  return request<VolunteerView>('POST', '/api/v1/admin/volunteers', { body });
}

export function updateVolunteer(id: number, body: VolunteerPatch): Promise<VolunteerView> {
  return request<VolunteerView>('PATCH', `/api/v1/admin/volunteers/${id}`, { body });
}

export type UserSearch = { q?: string; role?: Role; disabled?: boolean; limit?: number; offset?: number };

export function fetchUsers(search: UserSearch): Promise<Page<UserView>> {
  const { disabled, ...rest } = search;
  return request<Page<UserView>>('GET', '/api/v1/admin/users', { query: { limit: 50, ...rest, disabled: flag(disabled) } });
}

export function createUser(body: UserCreateInput): Promise<UserView> {
  return request<UserView>('POST', '/api/v1/admin/users', { body });
}

/** `disabled: true` also signs the user out everywhere; a password resets it. */
export function updateUser(id: number, body: UserPatch): Promise<UserView> {
  return request<UserView>('PATCH', `/api/v1/admin/users/${id}`, { body });
}

export type RevokeResult = { revoked: number };

/** 强制下线: ends every session of the user. */
export function revokeUserSessions(id: number): Promise<RevokeResult> {
  return request<RevokeResult>('POST', `/api/v1/admin/users/${id}/revoke-sessions`);
}

export function fetchCalendarDays(year: number): Promise<CalendarDaysResponse> {
  return request<CalendarDaysResponse>('GET', '/api/v1/calendar/days', { query: { year } });
}

/** Sets the day as 放假 or 调休上班, replacing what it was. */
export function putCalendarDay(date: string, body: CalendarDayInput): Promise<unknown> {
  return request<unknown>('PUT', `/api/v1/admin/calendar/days/${date}`, { body });
}

export function deleteCalendarDay(date: string): Promise<unknown> {
  return request<unknown>('DELETE', `/api/v1/admin/calendar/days/${date}`);
}

export function fetchCalendarYears(): Promise<CalendarYearStatus[]> {
  return request<CalendarYearStatus[]>('GET', '/api/v1/admin/calendar/years');
}

/** 期限巡检 now, instead of waiting for the timer. */
export function runSweep(): Promise<SweepResult> {
  return request<SweepResult>('POST', '/api/v1/admin/sweep');
}
