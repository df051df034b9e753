import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';

const userWithVolunteer = { volunteer: { select: { name: true, category: true } } } as const;

/** The only place that queries users, sessions and the volunteer roster for authentication. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  findUserByUsername(username: string) {
    return this.prisma.user.findUnique({ where: { username } });
  }

  findUserById(id: number) {
    return this.prisma.user.findUnique({ where: { id }, include: userWithVolunteer });
  }

  /** First WeChat login creates the resident; a concurrent first login of the same openid ends with one user. */
  async findOrCreateWechatUser(openid: string) {
    const existing = await this.prisma.user.findUnique({ where: { openid } });
    if (existing) return existing;
    return this.prisma.user.upsert({
      where: { openid },
      update: {},
      create: { openid, role: 'RESIDENT', displayName: `微信用户${openid.slice(-4)}` },
    });
  }

  recordFailedLogin(userId: number, lockedUntil: Date | null) {
    return this.prisma.user.update({
      where: { id: userId },
      data: { failedLogins: { increment: 1 }, ...(lockedUntil ? { lockedUntil } : {}) },
    });
  }

  clearFailedLogins(userId: number) {
    return this.prisma.user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil: null } });
  }

  createSession(userId: number, tokenHash: string, expiresAt: Date) {
    return this.prisma.session.create({ data: { userId, tokenHash, expiresAt } });
  }

  findSession(tokenHash: string) {
    return this.prisma.session.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  revokeSession(id: number) {
    return this.prisma.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  findVolunteerByCode(invitationCode: string) {
    return this.prisma.volunteer.findUnique({ where: { invitationCode } });
  }

  /** Binds only if the code is still unbound, so two users racing for one code cannot both win. */
  async bindVolunteer(volunteerId: number, userId: number): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const bound = await tx.volunteer.updateMany({
        where: { id: volunteerId, userId: null, active: true },
        data: { userId, boundAt: new Date() },
      });
      if (bound.count !== 1) return false;
      await tx.user.update({ where: { id: userId }, data: { role: 'VOLUNTEER' } });
      return true;
    });
  }
}
