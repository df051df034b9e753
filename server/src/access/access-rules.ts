import type { ErrorCode } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';

/**
 * What a caller may do with a complaint or a photo. The one place the data-scope rule is written: office staff
 * act for their office's streets, a 包保 cadre sees the complaints about the businesses they answer for (never who
 * reported), a reporter their own reports, the bureau admin everything.
 */
export const Permission = {
  /** the workbench's detail and trail */
  ComplaintRead: 'complaint.read',
  /** a workflow step taken by the bureau (受理, 核查, 立案, 办结 …) */
  ComplaintAct: 'complaint.act',
  /** 改派 to another office or cadre */
  ComplaintReroute: 'complaint.reroute',
  /** the reporter's full name, phone and address, to call them back (回访) */
  ComplaintContact: 'complaint.contact',
  /** the reporter's own view of their report */
  ComplaintReadOwn: 'complaint.readOwn',
  /** 重新打开 by the reporter */
  ComplaintReopen: 'complaint.reopen',
  /** 跟进记录 by the responsible cadre */
  FollowUpWrite: 'followUp.write',
  /** one uploaded photo, wherever it is attached */
  PhotoRead: 'photo.read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export type ComplaintPermission = Exclude<Permission, typeof Permission.PhotoRead>;

/** The fields of a complaint the rule reads. */
export type ComplaintSubject = { officeId: number | null; cadreId: number | null; reporterUserId: number | null };

/** How a caller stands to one complaint. */
export type Relation = 'admin' | 'office' | 'cadre' | 'reporter';

export function relationsTo(user: AuthUser, c: ComplaintSubject): Set<Relation> {
  const r = new Set<Relation>();
  if (user.role === 'ADMIN') r.add('admin');
  if (user.role === 'OFFICE_STAFF' && user.officeId !== null && c.officeId === user.officeId) r.add('office');
  if (user.role === 'CADRE' && user.cadreId !== null && c.cadreId === user.cadreId) r.add('cadre');
  if (c.reporterUserId !== null && c.reporterUserId === user.id) r.add('reporter');
  return r;
}

type Rule = {
  /** who may */
  allow: readonly Relation[];
  /** who may know the complaint exists, and so hears `refused` (403) rather than 404 */
  knows: readonly Relation[];
  refused: { code: ErrorCode; message?: string };
  /** a workbench permission: a caller with no data scope at all (staff without an office, …) is refused outright */
  workbench: boolean;
};

const WORKBENCH_SCOPE = ['admin', 'office', 'cadre'] as const;

/** The table: one row per permission. */
export const COMPLAINT_RULES: Record<ComplaintPermission, Rule> = {
  [Permission.ComplaintRead]: { allow: WORKBENCH_SCOPE, knows: WORKBENCH_SCOPE, refused: { code: 'FORBIDDEN' }, workbench: true },
  [Permission.ComplaintAct]: { allow: ['admin', 'office'], knows: WORKBENCH_SCOPE, refused: { code: 'FORBIDDEN', message: '只有承办监管所的工作人员或区食安办可以办理' }, workbench: true },
  [Permission.ComplaintReroute]: { allow: ['admin', 'office'], knows: WORKBENCH_SCOPE, refused: { code: 'FORBIDDEN', message: '包保干部不能改派' }, workbench: true },
  [Permission.ComplaintContact]: { allow: ['office'], knows: WORKBENCH_SCOPE, refused: { code: 'FORBIDDEN', message: '只有承办监管所的工作人员可以查看完整联系方式' }, workbench: true },
  [Permission.FollowUpWrite]: { allow: ['cadre'], knows: WORKBENCH_SCOPE, refused: { code: 'NOT_RESPONSIBLE_CADRE', message: '只有该事项的包保干部可以添加跟进记录' }, workbench: true },
  // A report that is not one's own is, to its reader, not there (staff read it in the workbench, not here).
  [Permission.ComplaintReadOwn]: { allow: ['reporter'], knows: ['reporter'], refused: { code: 'NOT_FOUND' }, workbench: false },
  [Permission.ComplaintReopen]: { allow: ['reporter'], knows: ['reporter'], refused: { code: 'NOT_FOUND' }, workbench: false },
};

export type Decision = { ok: true } | { ok: false; code: ErrorCode; message?: string };

/** Whether `user` may do `permission` to complaint `c` (null: no such complaint), and if not, what they are told. */
export function decideComplaint(user: AuthUser, permission: ComplaintPermission, c: ComplaintSubject | null): Decision {
  const rule = COMPLAINT_RULES[permission];
  if (rule.workbench && !hasWorkbenchScope(user)) return { ok: false, code: 'FORBIDDEN' };
  if (!c) return { ok: false, code: 'NOT_FOUND' };
  const rel = relationsTo(user, c);
  if (rule.allow.some((r) => rel.has(r))) return { ok: true };
  if (rule.knows.some((r) => rel.has(r))) return { ok: false, ...rule.refused };
  return { ok: false, code: 'NOT_FOUND' };
}

function hasWorkbenchScope(user: AuthUser): boolean {
  return user.role === 'ADMIN' || (user.role === 'OFFICE_STAFF' && user.officeId !== null) || (user.role === 'CADRE' && user.cadreId !== null);
}

/**
 * The complaints a caller may list, as a Prisma `where` fragment (a `ComplaintWhereInput`; at most one key, `{}`
 * for the admin): exactly those `decideComplaint` lets them read (`ComplaintRead` for staff and cadres,
 * `ComplaintReadOwn` for residents and volunteers). Staff without an office or a cadre login without a cadre
 * have no scope: 403.
 */
export type ComplaintScope = { officeId?: number; cadreId?: number; reporterUserId?: number };

export function complaintScope(user: AuthUser): ComplaintScope {
  switch (user.role) {
    case 'ADMIN':
      return {} satisfies P.ComplaintWhereInput;
    case 'OFFICE_STAFF':
      if (user.officeId === null) break;
      return { officeId: user.officeId } satisfies P.ComplaintWhereInput;
    case 'CADRE':
      if (user.cadreId === null) break;
      return { cadreId: user.cadreId } satisfies P.ComplaintWhereInput;
    case 'RESIDENT':
    case 'VOLUNTEER':
      return { reporterUserId: user.id } satisfies P.ComplaintWhereInput;
  }
  throw new DomainException('FORBIDDEN');
}

/** Everything a photo is attached to, as far as the rule needs it. */
export type PhotoAttachments = {
  /** WeChat's content check judged it risky */
  risky: boolean;
  complaints: ComplaintSubject[];
  followUps: { cadreId: number; complaint: ComplaintSubject }[];
  /** signed commitment letters: the cadre who signed and the office covering the business's street */
  letters: { cadreId: number; officeId: number | null }[];
  articles: { status: string }[];
};

/**
 * Who may look at a photo. Once attached it is evidence or a record:
 * - a complaint's photo: its reporter, the handling office, the responsible cadre and the admin;
 * - a follow-up's photo: the handling office, the complaint's cadre (and the cadre who took it) and the admin,
 *   never the reporter or the public;
 * - a signed commitment letter's photo: the cadre who signed it, the office covering the business's street and the admin;
 * - an article's image (宣传) once every article showing it is withdrawn: the workbench's editors (admin, office
 *   staff) only; while a published article or a draft shows it, the unguessable id is enough (as at
 *   /api/v1/public/images), so the editor's plain <img> shows it.
 * Before that (a form's preview) the unguessable id is enough.
 * A photo WeChat's content check judged risky: only the handling office of its complaints and the admin.
 */
export function mayReadPhoto(user: AuthUser | undefined, p: PhotoAttachments): boolean {
  if (p.risky) {
    if (!user) return false;
    const handling = [...p.complaints, ...p.followUps.map((f) => f.complaint)];
    return user.role === 'ADMIN' || handling.some((c) => relationsTo(user, c).has('office'));
  }
  const withdrawnOnly = p.articles.length > 0 && p.articles.every((a) => a.status === 'WITHDRAWN');
  if (p.complaints.length === 0 && p.followUps.length === 0 && p.letters.length === 0 && !withdrawnOnly) return true;
  if (!user) return false;
  if (user.role === 'ADMIN') return true;
  const sees = (c: ComplaintSubject, who: readonly Relation[]) => {
    const rel = relationsTo(user, c);
    return who.some((r) => rel.has(r));
  };
  const noReporter = { reporterUserId: null };
  return (
    (withdrawnOnly && user.role === 'OFFICE_STAFF') ||
    p.complaints.some((c) => sees(c, ['reporter', 'office', 'cadre'])) ||
    p.followUps.some((f) => sees(f.complaint, ['office', 'cadre']) || sees({ officeId: null, cadreId: f.cadreId, ...noReporter }, ['cadre'])) ||
    p.letters.some((l) => sees({ officeId: l.officeId, cadreId: l.cadreId, ...noReporter }, ['office', 'cadre']))
  );
}
