import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse, Me } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { DomainException } from '../common/domain-exception';
import { WechatClient } from '../wechat/wechat.client';
import type { AuthUser } from './auth.decorators';
import { AuthRepository } from './auth.repository';
import { hashPassword, verifyPassword } from './password';
import { SessionService } from './session.service';

const DEV_CODE = /^dev:(.+)$/;

// Compared against when the username does not exist, so timing does not reveal which usernames exist.
const decoyHash = hashPassword('decoy-password');

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly sessions: SessionService,
    private readonly wechat: WechatClient,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async wechatLogin(code: string): Promise<LoginResponse> {
    const dev = DEV_CODE.exec(code);
    if (dev) {
      if (!this.env.devLogin) throw new DomainException('DEV_LOGIN_DISABLED');
      const user = await this.repo.findUserByUsername(dev[1] ?? '');
      if (!user || user.disabled) throw new DomainException('DEV_USER_NOT_FOUND');
      return this.sessions.issue(user);
    }
    const { openid } = await this.wechat.code2Session(code);
    const user = await this.repo.findOrCreateWechatUser(openid);
    if (user.disabled) throw new DomainException('ACCOUNT_DISABLED');
    return this.sessions.issue(user);
  }

  /** Staff, cadres and the admin; after `maxFailures` wrong passwords the account locks for `lockMinutes`. */
  async passwordLogin(username: string, password: string): Promise<LoginResponse> {
    const user = await this.repo.findUserByUsername(username);
    if (!user || !user.passwordHash) {
      await verifyPassword(password, await decoyHash);
      throw new DomainException('INVALID_CREDENTIALS');
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.lockedUntil ? 1 : user.failedLogins + 1;
      const lock = failures >= this.env.login.maxFailures ? new Date(now.getTime() + this.env.login.lockMinutes * 60_000) : null;
      if (user.lockedUntil) await this.repo.clearFailedLogins(user.id);
      await this.repo.recordFailedLogin(user.id, lock);
      if (lock) throw lockedError(lock, now);
      const left = this.env.login.maxFailures - failures;
      throw new DomainException('INVALID_CREDENTIALS', `用户名或密码错误，再错 ${left} 次账号将被锁定 ${this.env.login.lockMinutes} 分钟`);
    }
    if (user.disabled) throw new DomainException('ACCOUNT_DISABLED');
    if (user.failedLogins > 0 || user.lockedUntil) await this.repo.clearFailedLogins(user.id);
    return this.sessions.issue(user);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.sessions.revoke(user.sessionId);
  }

  async me(auth: AuthUser): Promise<Me> {
    const user = await this.repo.findUserById(auth.id);
    if (!user) throw new DomainException('UNAUTHENTICATED');
    return {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      officeId: user.officeId,
      cadreId: user.cadreId,
      volunteer: user.volunteer ? { name: user.volunteer.name, category: user.volunteer.category } : null,
    };
  }

  /** A resident becomes a 社会监督员 by binding an unused invitation code from the roster. */
  async bindVolunteer(auth: AuthUser, invitationCode: string): Promise<Me> {
    if (auth.role === 'VOLUNTEER') throw new DomainException('ALREADY_VOLUNTEER');
    if (auth.role !== 'RESIDENT') throw new DomainException('FORBIDDEN', '只有群众账号可以绑定社会监督员邀请码');
    const volunteer = await this.repo.findVolunteerByCode(invitationCode);
    if (!volunteer || !volunteer.active) throw new DomainException('INVITATION_CODE_INVALID');
    if (volunteer.userId !== null) throw new DomainException('INVITATION_CODE_USED');
    if (!(await this.repo.bindVolunteer(volunteer.id, auth.id))) throw new DomainException('INVITATION_CODE_USED');
    return this.me({ ...auth, role: 'VOLUNTEER' });
  }
}

function lockedError(until: Date, now: Date): DomainException {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new DomainException('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
}
