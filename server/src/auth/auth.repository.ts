import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { isUniqueViolation } from '../registry/prisma-errors';
import type { FailureRecord } from './lockout';
import { type AccountState, isStaffRole, touchBefore } from './session-policy';

const userWithVolunteer = { volunteer: { select: { name: true, category: true } } } as const;
const withCadreState = { cadre: { select: { active: true } } } as const;

type LoginRow = {
  id: number | null;
  role: string | null;
  displayName: string | null;
  passwordHash: string | null;
  disabled: boolean | null;
  cadreActive: boolean | null;
  failures: number | null;
  lockedUntil: Date | null;
};

/** What password login needs to know about an account. */
export type LoginAccount = AccountState & { id: number; role: Role; displayName: string; passwordHash: string | null };

type SessionRow = {
  id: number;
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: number;
  role: Role;
  displayName: string;
  officeId: number | null;
  cadreId: number | null;
  disabled: boolean;
  cadreActive: boolean | null;
};

/** The only place that queries users, sessions, login failures and the volunteer roster for authentication. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * The account (with its cadre's state) and the (typed username, source) pair's failure record in one statement
   * that always returns one row, so a known and an unknown username cost the same database work.
   */
  async findForLogin(username: string, key: string, source: string): Promise<{ user: LoginAccount | null; failures: FailureRecord | null }> {
    const [row] = await this.prisma.$queryRaw<LoginRow[]>`
      SELECT u.id, u.role::text AS role, u."displayName", u."passwordHash", u.disabled, c.active AS "cadreActive",
             f.failures, f."lockedUntil"
      FROM (SELECT 1) AS attempt
      LEFT JOIN "User" u ON u.username = ${username}
      LEFT JOIN "Cadre" c ON c.id = u."cadreId"
      LEFT JOIN "LoginFailure" f ON f."loginKey" = ${key} AND f.source = ${source}`;
    const user: LoginAccount | null =
      row && row.id !== null
        ? {
            id: row.id,
            role: row.role as Role,
            displayName: row.displayName!,
            passwordHash: row.passwordHash,
            disabled: row.disabled!,
            cadre: row.cadreActive === null ? null : { active: row.cadreActive },
          }
        : null;
    return { user, failures: row && row.failures !== null ? { failures: row.failures, lockedUntil: row.lockedUntil } : null };
  }

  findUserByUsername(username: string) {
    return this.prisma.user.findUnique({ where: { username }, include: withCadreState });
  }

  findUserById(id: number) {
    return this.prisma.user.findUnique({ where: { id }, include: userWithVolunteer });
  }

  /** First WeChat login creates the resident; a concurrent first login of the same openid ends with one user. */
  async findOrCreateWechatUser(openid: string) {
    const existing = await this.prisma.user.findUnique({ where: { openid }, include: withCadreState });
    if (existing) return existing;
    return this.prisma.user.upsert({
      where: { openid },
      update: {},
      create: { openid, role: 'RESIDENT', displayName: `微信用户${openid.slice(-4)}` },
      include: withCadreState,
    });
  }

  /** One more wrong password from the pair (an unknown username's too); returns the count now stored. */
  async recordLoginFailure(key: string, source: string, restart: boolean): Promise<number> {
    const where = { loginKey_source: { loginKey: key, source } };
    const update = restart ? { failures: 1, lockedUntil: null } : { failures: { increment: 1 } };
    try {
      const row = await this.prisma.loginFailure.upsert({ where, create: { loginKey: key, source, failures: 1 }, update, select: { failures: true } });
      return row.failures;
    } catch (err) {
      // Two wrong passwords racing to create the pair's row: the loser counts on the winner's.
      if (!isUniqueViolation(err)) throw err;
      return (await this.prisma.loginFailure.update({ where, data: update, select: { failures: true } })).failures;
    }
  }

  async lockLogin(key: string, source: string, until: Date): Promise<void> {
    await this.prisma.loginFailure.updateMany({ where: { loginKey: key, source }, data: { lockedUntil: until } });
  }

  /** Sessions that ended or were revoked, and wrong-password counts last added to before `failuresBefore` and not locked now. */
  async pruneStale(now: Date, failuresBefore: Date): Promise<{ sessions: number; loginFailures: number }> {
    const sessions = await this.prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null } }] } });
    const loginFailures = await this.prisma.loginFailure.deleteMany({
      where: { updatedAt: { lt: failuresBefore }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    });
    return { sessions: sessions.count, loginFailures: loginFailures.count };
  }

  async clearLoginFailures(key: string, source: string): Promise<void> {
    await this.prisma.loginFailure.deleteMany({ where: { loginKey: key, source } });
  }

  createSession(userId: number, tokenHash: string, now: Date, expiresAt: Date) {
    return this.prisma.session.create({ data: { userId, tokenHash, createdAt: now, lastSeenAt: now, expiresAt } });
  }

  /** Asked on every request: the session, its user and the cadre's state in one statement. */
  async findSession(tokenHash: string) {
    const rows = await this.prisma.$queryRaw<SessionRow[]>`
      SELECT s.id, s."revokedAt", s."expiresAt", s."lastSeenAt", u.id AS "userId", u.role::text AS role, u."displayName",
             u."officeId", u."cadreId", u.disabled, c.active AS "cadreActive"
      FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "Cadre" c ON c.id = u."cadreId"
      WHERE s."tokenHash" = ${tokenHash}`;
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      revokedAt: r.revokedAt,
      expiresAt: r.expiresAt,
      lastSeenAt: r.lastSeenAt,
      user: {
        id: r.userId,
        role: r.role,
        displayName: r.displayName,
        officeId: r.officeId,
        cadreId: r.cadreId,
        disabled: r.disabled,
        cadre: r.cadreActive === null ? null : { active: r.cadreActive },
      },
    };
  }

  /** Conditional, so a busy session writes at most once a minute rather than on every request. */
  async touchSession(id: number, now: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id, lastSeenAt: { lt: touchBefore(now) } }, data: { lastSeenAt: now } });
  }

  revokeSession(id: number, now: Date) {
    return this.prisma.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  }

  /**
   * 账号绑定: in one transaction the openid moves to the staff user. A resident holding it (the mini-program's
   * silent login at launch) loses it and is signed out, keeping their complaints; another staff user holding
   * it means the WeChat is taken.
   */
  async bindWechat(userId: number, openid: string, now: Date): Promise<'bound' | 'taken'> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const holder = await tx.user.findUnique({ where: { openid }, select: { id: true, role: true } });
        if (holder && holder.id !== userId) {
          if (isStaffRole(holder.role)) return 'taken';
          await tx.user.update({ where: { id: holder.id }, data: { openid: null } });
          await tx.session.updateMany({ where: { userId: holder.id, revokedAt: null }, data: { revokedAt: now } });
        }
        await tx.user.update({ where: { id: userId }, data: { openid, wechatBoundAt: now } });
        return 'bound';
      });
    } catch (err) {
      // Another staff user bound the same WeChat in between.
      if (isUniqueViolation(err)) return 'taken';
      throw err;
    }
  }

  /** False when the user had no WeChat bound. */
  async unbindWechat(userId: number): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({ where: { id: userId, openid: { not: null } }, data: { openid: null, wechatBoundAt: null } });
    return count === 1;
  }

  findVolunteerByCode(invitationCode: string) {
    return this.prisma.volunteer.findUnique({ where: { invitationCode } });
  }

  /** Binds only if the code is still unbound, so two users racing for one code cannot both win. */
  async bindVolunteer(volunteerId: number, userId: number, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const bound = await tx.volunteer.updateMany({
        where: { id: volunteerId, userId: null, active: true },
        data: { userId, boundAt: now },
      });
      if (bound.count !== 1) return false;
      await tx.user.update({ where: { id: userId }, data: { role: 'VOLUNTEER' } });
      return true;
    });
  }
}
