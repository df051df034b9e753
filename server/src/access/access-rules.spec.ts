import { describe, expect, it } from 'vitest';
import type { Role } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import {
  type ComplaintPermission,
  type ComplaintSubject,
  complaintScope,
  decideComplaint,
  mayReadPhoto,
  Permission,
  type PhotoAttachments,
} from './access-rules';

const OFFICE = 1;
const OTHER_OFFICE = 2;
const CADRE = 10;
const OTHER_CADRE = 11;

const user = (role: Role, over: Partial<AuthUser> = {}): AuthUser => ({
  id: 100,
  role,
  displayName: '测试用户',
  officeId: role === 'OFFICE_STAFF' ? OFFICE : null,
  cadreId: role === 'CADRE' ? CADRE : null,
  sessionId: 1,
  ...over,
});

const who = {
  admin: user('ADMIN', { id: 1 }),
  staff: user('OFFICE_STAFF', { id: 2 }),
  otherStaff: user('OFFICE_STAFF', { id: 3, officeId: OTHER_OFFICE }),
  cadre: user('CADRE', { id: 4 }),
  otherCadre: user('CADRE', { id: 5, cadreId: OTHER_CADRE }),
  reporter: user('RESIDENT', { id: 6 }),
  stranger: user('RESIDENT', { id: 7 }),
  volunteer: user('VOLUNTEER', { id: 8 }),
};
type Who = keyof typeof who;

/** A complaint handled by OFFICE, answered for by CADRE, reported by `reporter`. */
const complaint: ComplaintSubject = { officeId: OFFICE, cadreId: CADRE, reporterUserId: who.reporter.id };

/** ok, or the HTTP status and code the caller is told. */
const outcome = (u: AuthUser, p: ComplaintPermission, c: ComplaintSubject | null = complaint) => {
  const d = decideComplaint(u, p, c);
  return d.ok ? 'ok' : d.code;
};

// Each role × each complaint permission, for the complaint above. NOT_FOUND: the caller may not know it exists.
const TABLE: Record<ComplaintPermission, Record<Who, string>> = {
  [Permission.ComplaintRead]: { admin: 'ok', staff: 'ok', otherStaff: 'NOT_FOUND', cadre: 'ok', otherCadre: 'NOT_FOUND', reporter: 'FORBIDDEN', stranger: 'FORBIDDEN', volunteer: 'FORBIDDEN' },
  [Permission.ComplaintAct]: { admin: 'ok', staff: 'ok', otherStaff: 'NOT_FOUND', cadre: 'FORBIDDEN', otherCadre: 'NOT_FOUND', reporter: 'FORBIDDEN', stranger: 'FORBIDDEN', volunteer: 'FORBIDDEN' },
  [Permission.ComplaintReroute]: { admin: 'ok', staff: 'ok', otherStaff: 'NOT_FOUND', cadre: 'FORBIDDEN', otherCadre: 'NOT_FOUND', reporter: 'FORBIDDEN', stranger: 'FORBIDDEN', volunteer: 'FORBIDDEN' },
  [Permission.ComplaintContact]: { admin: 'FORBIDDEN', staff: 'ok', otherStaff: 'NOT_FOUND', cadre: 'FORBIDDEN', otherCadre: 'NOT_FOUND', reporter: 'FORBIDDEN', stranger: 'FORBIDDEN', volunteer: 'FORBIDDEN' },
  [Permission.FollowUpWrite]: { admin: 'NOT_RESPONSIBLE_CADRE', staff: 'NOT_RESPONSIBLE_CADRE', otherStaff: 'NOT_FOUND', cadre: 'ok', otherCadre: 'NOT_FOUND', reporter: 'FORBIDDEN', stranger: 'FORBIDDEN', volunteer: 'FORBIDDEN' },
  [Permission.ComplaintReadOwn]: { admin: 'NOT_FOUND', staff: 'NOT_FOUND', otherStaff: 'NOT_FOUND', cadre: 'NOT_FOUND', otherCadre: 'NOT_FOUND', reporter: 'ok', stranger: 'NOT_FOUND', volunteer: 'NOT_FOUND' },
  [Permission.ComplaintReopen]: { admin: 'NOT_FOUND', staff: 'NOT_FOUND', otherStaff: 'NOT_FOUND', cadre: 'NOT_FOUND', otherCadre: 'NOT_FOUND', reporter: 'ok', stranger: 'NOT_FOUND', volunteer: 'NOT_FOUND' },
};

describe('access policy: complaints', () => {
  for (const [permission, row] of Object.entries(TABLE) as [ComplaintPermission, Record<Who, string>][]) {
    it(`${permission}: each role in and out of scope`, () => {
      const got = Object.fromEntries(Object.entries(who).map(([name, u]) => [name, outcome(u, permission)]));
      expect(got).toEqual(row);
    });
  }

  it('answers 404 for a complaint that does not exist, to anyone with a scope', () => {
    for (const p of Object.keys(TABLE) as ComplaintPermission[]) {
      for (const u of [who.admin, who.staff, who.cadre]) expect(outcome(u, p, null)).toBe('NOT_FOUND');
    }
  });

  it('refuses staff without an office and a cadre login without a cadre outright (403), for every workbench permission', () => {
    const noOffice = user('OFFICE_STAFF', { officeId: null });
    const noCadre = user('CADRE', { cadreId: null });
    for (const p of [Permission.ComplaintRead, Permission.ComplaintAct, Permission.ComplaintReroute, Permission.ComplaintContact, Permission.FollowUpWrite]) {
      expect(outcome(noOffice, p)).toBe('FORBIDDEN');
      expect(outcome(noCadre, p)).toBe('FORBIDDEN');
    }
  });

  it('never lets a complaint without an office or cadre match staff without one', () => {
    const unrouted: ComplaintSubject = { officeId: null, cadreId: null, reporterUserId: null };
    expect(outcome(who.staff, Permission.ComplaintRead, unrouted)).toBe('NOT_FOUND');
    expect(outcome(who.cadre, Permission.ComplaintRead, unrouted)).toBe('NOT_FOUND');
    expect(outcome(who.admin, Permission.ComplaintRead, unrouted)).toBe('ok');
  });

  it('gives the refusal its own message in Chinese', () => {
    const d = decideComplaint(who.cadre, Permission.ComplaintReroute, complaint);
    expect(d).toEqual({ ok: false, code: 'FORBIDDEN', message: '包保干部不能改派' });
    const contact = decideComplaint(who.admin, Permission.ComplaintContact, complaint);
    expect(!contact.ok && contact.message).toBe('只有承办监管所的工作人员可以查看完整联系方式');
  });
});

describe('access policy: the list scope', () => {
  it('is the where fragment of exactly the complaints each caller may read', () => {
    expect(complaintScope(who.admin)).toEqual({});
    expect(complaintScope(who.staff)).toEqual({ officeId: OFFICE });
    expect(complaintScope(who.cadre)).toEqual({ cadreId: CADRE });
    expect(complaintScope(who.reporter)).toEqual({ reporterUserId: who.reporter.id });
    expect(complaintScope(who.volunteer)).toEqual({ reporterUserId: who.volunteer.id });
  });

  it('agrees with the per-complaint decision for every caller and complaint', () => {
    const subjects: ComplaintSubject[] = [complaint, { officeId: OTHER_OFFICE, cadreId: OTHER_CADRE, reporterUserId: who.stranger.id }, { officeId: null, cadreId: null, reporterUserId: null }];
    for (const u of Object.values(who)) {
      const scope = complaintScope(u);
      const read = u.role === 'RESIDENT' || u.role === 'VOLUNTEER' ? Permission.ComplaintReadOwn : Permission.ComplaintRead;
      for (const c of subjects) {
        const listed = Object.entries(scope).every(([k, v]) => c[k as keyof ComplaintSubject] === v);
        expect(listed, `${u.role} ${u.id} ${JSON.stringify(c)}`).toBe(decideComplaint(u, read, c).ok);
      }
    }
  });

  it('throws 403 for a caller with no scope', () => {
    for (const u of [user('OFFICE_STAFF', { officeId: null }), user('CADRE', { cadreId: null })]) {
      expect(() => complaintScope(u)).toThrow(DomainException);
      try {
        complaintScope(u);
      } catch (e) {
        expect((e as DomainException).status).toBe(403);
      }
    }
  });
});

const none: PhotoAttachments = { risky: false, complaints: [], followUps: [], letters: [], articles: [] };
const sees = (p: PhotoAttachments) => Object.fromEntries([...Object.entries(who), ['guest', undefined] as const].map(([name, u]) => [name, mayReadPhoto(u as AuthUser | undefined, p)]));

describe('access policy: photos', () => {
  it('serves an unattached upload (a form preview) and an image of a live article to anyone with its id', () => {
    expect(Object.values(sees(none)).every(Boolean)).toBe(true);
    expect(Object.values(sees({ ...none, articles: [{ status: 'PUBLISHED' }, { status: 'WITHDRAWN' }] })).every(Boolean)).toBe(true);
  });

  it('a complaint photo: its reporter, the handling office, the responsible cadre and the admin', () => {
    expect(sees({ ...none, complaints: [complaint] })).toEqual({
      admin: true, staff: true, otherStaff: false, cadre: true, otherCadre: false, reporter: true, stranger: false, volunteer: false, guest: false,
    });
  });

  it('a follow-up photo: never the reporter; the cadre who took it even after a re-route', () => {
    const rerouted = { officeId: OTHER_OFFICE, cadreId: OTHER_CADRE, reporterUserId: who.reporter.id };
    expect(sees({ ...none, followUps: [{ cadreId: CADRE, complaint: rerouted }] })).toEqual({
      admin: true, staff: false, otherStaff: true, cadre: true, otherCadre: true, reporter: false, stranger: false, volunteer: false, guest: false,
    });
  });

  it('a commitment letter photo: the signing cadre, the office of the business street and the admin', () => {
    expect(sees({ ...none, letters: [{ cadreId: CADRE, officeId: OFFICE }] })).toEqual({
      admin: true, staff: true, otherStaff: false, cadre: true, otherCadre: false, reporter: false, stranger: false, volunteer: false, guest: false,
    });
  });

  it('an image only in withdrawn articles: the workbench editors (admin, office staff)', () => {
    expect(sees({ ...none, articles: [{ status: 'WITHDRAWN' }] })).toEqual({
      admin: true, staff: true, otherStaff: true, cadre: false, otherCadre: false, reporter: false, stranger: false, volunteer: false, guest: false,
    });
  });

  it('a photo judged risky: only the handling office and the admin, not even its reporter or cadre', () => {
    expect(sees({ ...none, risky: true, complaints: [complaint] })).toEqual({
      admin: true, staff: true, otherStaff: false, cadre: false, otherCadre: false, reporter: false, stranger: false, volunteer: false, guest: false,
    });
    expect(sees({ ...none, risky: true, followUps: [{ cadreId: CADRE, complaint }] }).staff).toBe(true);
    expect(sees({ ...none, risky: true }).admin).toBe(true);
    expect(sees({ ...none, risky: true }).staff).toBe(false);
  });
});
