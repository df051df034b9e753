import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse, Me, Role } from '@sa/contracts';
import { Clock } from '../common/clock';
import { ENV, type Env } from '../config/env';
import { DomainException } from '../common/domain-exception';
import { WechatClient } from '../wechat/wechat.client';
import type { AuthUser } from './auth.decorators';
import { AuthRepository } from './auth.repository';
import { loginKey, loginKeySecret } from './login-key';
import { lockAfterFailure, lockExpired, lockMinutesLeft, type LockoutPolicy } from './lockout';
import { hashPassword, verifyPassword } from './password';
import { accountRefusal, isStaffRole, type AccountState } from './session-policy';
import { SessionService } from './session.service';

const DEV_CODE = /^dev:(.+)$/;

// Compared against when the username does not exist or has no password, so every failed login runs one scrypt
// verification and timing does not reveal which usernames exist.
const decoyHash = hashPassword(randomBytes(18).toString('base64'));

type LoginUser = AccountState & { id: number; displayName: string; role: Role };

@Injectable()
export class AuthService {
  private readonly lockout: LockoutPolicy;
  private readonly loginKeySecret: Buffer;

  constructor(
    private readonly repo: AuthRepository,
    private readonly sessions: SessionService,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.lockout = env.login;
    this.loginKeySecret = loginKeySecret(env.secrets.queryCodeSecret);
  }

  /**
   * A WeChat code opens the session of the account holding that openid: a bound staff member's staff session,
   * else the resident's (created on first login). `dev:<username>` signs in residents and volunteers only.
   */
  async wechatLogin(code: string): Promise<LoginResponse> {
    const dev = DEV_CODE.exec(code);
    if (dev) {
      if (!this.env.devLogin) throw new DomainException('DEV_LOGIN_DISABLED');
      const user = await this.repo.findUserByUsername(dev[1] ?? '');
      if (!user || user.disabled) throw new DomainException('DEV_USER_NOT_FOUND');
      if (isStaffRole(user.role)) throw new DomainException('DEV_LOGIN_NOT_FOR_STAFF');
      return this.sessions.issue(user);
    }
    const { openid } = await this.wechat.code2Session(code);
    const user = await this.repo.findOrCreateWechatUser(openid);
    assertMaySignIn(user);
    return this.sessions.issue(user);
  }

  /** Staff, cadres and the admin. `source` is the client address the rate limiter uses too. */
  async passwordLogin(username: string, password: string, source: string): Promise<LoginResponse> {
    return this.sessions.issue(await this.checkCredentials(username, password, source));
  }

  /**
   * 账号绑定 in the mini-program: the staff member proves the account with username and password (the same
   * checks and lockout as password login), then this WeChat opens their staff session from now on.
   */
  async bindWechat(code: string, username: string, password: string, source: string): Promise<LoginResponse> {
    const { openid } = await this.wechat.code2Session(code);
    const user = await this.checkCredentials(username, password, source);
    if (!isStaffRole(user.role)) throw new DomainException('FORBIDDEN', '只有工作人员账号可以绑定微信，群众直接使用微信登录即可');
    if ((await this.repo.bindWechat(user.id, openid, this.clock.now())) === 'taken') throw new DomainException('WECHAT_ALREADY_BOUND');
    return this.sessions.issue(user);
  }

  /** The current session stays valid; the WeChat no longer opens this account. */
  async unbindWechat(auth: AuthUser): Promise<void> {
    if (!(await this.repo.unbindWechat(auth.id))) throw new DomainException('WECHAT_NOT_BOUND');
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
      wechatBound: user.openid !== null,
      phoneMasked: user.phoneMasked,
    };
  }

  /** A resident becomes a 社会监督员 by binding an unused invitation code from the roster. */
  async bindVolunteer(auth: AuthUser, invitationCode: string): Promise<Me> {
    if (auth.role === 'VOLUNTEER') throw new DomainException('ALREADY_VOLUNTEER');
    if (auth.role !== 'RESIDENT') throw new DomainException('FORBIDDEN', '只有群众账号可以绑定社会监督员邀请码');
    const volunteer = await this.repo.findVolunteerByCode(invitationCode);
    if (!volunteer || !volunteer.active) throw new DomainException('INVITATION_CODE_INVALID');
    if (volunteer.userId !== null) throw new DomainException('INVITATION_CODE_USED');
    if (!(await this.repo.bindVolunteer(volunteer.id, auth.id, this.clock.now()))) throw new DomainException('INVITATION_CODE_USED');
    return this.me({ ...auth, role: 'VOLUNTEER' });
  }

  /**
   * Unknown username, account without password and wrong password take one path: the same reads, one scrypt
   * verification (against a decoy hash when there is no account or password), the same failure count per (typed
   * username, source) and the same lock (see lockout.ts), so neither the reply nor its timing tells them apart.
   * A disabled account is told so only after the right password.
   */
  private async checkCredentials(username: string, password: string, source: string): Promise<LoginUser> {
    const key = loginKey(this.loginKeySecret, username);
    const { user, failures: record } = await this.repo.findForLogin(username, key, source);
    const now = this.clock.now();
    const locked = lockMinutesLeft(record, now);
    if (locked !== null) throw lockedError(locked);
    const hash = user?.passwordHash ?? null;
    const matches = await verifyPassword(password, hash ?? (await decoyHash));
    if (!user || !hash || !matches) {
      const failures = await this.repo.recordLoginFailure(key, source, lockExpired(record, now));
      const until = lockAfterFailure(failures, now, this.lockout);
      if (!until) throw new DomainException('INVALID_CREDENTIALS');
      await this.repo.lockLogin(key, source, until);
      throw lockedError(this.lockout.lockMinutes);
    }
    if (record) await this.repo.clearLoginFailures(key, source);
    assertMaySignIn(user);
    return user;
  }
}

function assertMaySignIn(user: AccountState): void {
  const refusal = accountRefusal(user);
  if (refusal === 'disabled') throw new DomainException('ACCOUNT_DISABLED');
  if (refusal === 'cadre-inactive') throw new DomainException('ACCOUNT_DISABLED', '包保干部已停用，账号不能登录');
}

function lockedError(minutes: number): DomainException {
  return new DomainException('ACCOUNT_LOCKED', `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`);
}
