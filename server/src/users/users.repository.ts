import { Inject, Injectable } from '@nestjs/common';
import type { Prisma as PrismaTypes, Role } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { cadreSummarySelect } from '../registry/registry.selects';

export type UserFilter = { q?: string; role?: Role; disabled?: boolean };

export type NewUser = {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  officeId: number | null;
  cadreId: number | null;
};

export type UserChange = { displayName?: string; officeId?: number; disabled?: boolean; passwordHash?: string };

const viewSelect = (liveSessions: PrismaTypes.SessionWhereInput) =>
  ({
    id: true,
    username: true,
    displayName: true,
    role: true,
    disabled: true,
    openid: true,
    createdAt: true,
    office: { select: { id: true, name: true } },
    cadre: { select: cadreSummarySelect },
    sessions: { orderBy: { lastSeenAt: 'desc' }, take: 1, select: { lastSeenAt: true } },
    _count: { select: { sessions: { where: liveSessions } } },
  }) satisfies PrismaTypes.UserSelect;

export type UserRow = PrismaTypes.UserGetPayload<{ select: ReturnType<typeof viewSelect> }>;

/** The only place that queries and writes user accounts for the admin. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async list(filter: UserFilter, page: { limit: number; offset: number }, liveSessions: PrismaTypes.SessionWhereInput) {
    const where: PrismaTypes.UserWhereInput = {
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.disabled !== undefined ? { disabled: filter.disabled } : {}),
      ...(filter.q
        ? { OR: [{ username: { contains: filter.q, mode: 'insensitive' } }, { displayName: { contains: filter.q, mode: 'insensitive' } }] }
        : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.user.findMany({ where, orderBy: [{ role: 'desc' }, { username: 'asc' }, { id: 'asc' }], take: page.limit, skip: page.offset, select: viewSelect(liveSessions) }),
      this.prisma.user.count({ where }),
    ]);
    return { items, total };
  }

  findView(id: number, liveSessions: PrismaTypes.SessionWhereInput): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { id }, select: viewSelect(liveSessions) });
  }

  findUser(id: number) {
    return this.prisma.user.findUnique({ where: { id }, select: { id: true, role: true, username: true } });
  }

  officeExists(id: number): Promise<boolean> {
    return this.prisma.office.count({ where: { id } }).then((n) => n === 1);
  }

  findCadre(id: number) {
    return this.prisma.cadre.findUnique({ where: { id }, select: { id: true, active: true, user: { select: { id: true } } } });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.prisma.user.count({ where: { username } }).then((n) => n > 0);
  }

  create(data: NewUser) {
    return this.prisma.user.create({ data, select: { id: true } });
  }

  /**
   * Disabling revokes every session and a new password clears the lockout counters of the account's username
   * (`loginKey`, from every source), in the same transaction.
   */
  update(id: number, change: UserChange, now: Date, loginKey: string | null) {
    return this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: change, select: { id: true } });
      if (change.disabled === true) await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
      if (change.passwordHash !== undefined && loginKey !== null) await tx.loginFailure.deleteMany({ where: { loginKey } });
    });
  }

  /** Revokes the sessions that were still live; returns how many. */
  async revokeSessions(userId: number, liveSessions: PrismaTypes.SessionWhereInput, now: Date): Promise<number> {
    const { count } = await this.prisma.session.updateMany({ where: { ...liveSessions, userId }, data: { revokedAt: now } });
    return count;
  }
}
