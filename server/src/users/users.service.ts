import { Inject, Injectable } from '@nestjs/common';
import type { Page, UserCreateInput, UserListQuery, UserPatch, UserView } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { loginKey, loginKeySecret } from '../auth/login-key';
import { hashPassword } from '../auth/password';
import { isStaffRole, liveSessionFilter, type SessionPolicy } from '../auth/session-policy';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { ENV, type Env } from '../config/env';
import { fieldError } from '../registry/field-error';
import { isUniqueViolation } from '../registry/prisma-errors';
import { UsersRepository, type UserChange, type UserRow } from './users.repository';

/** The bureau admin's accounts screen: staff accounts, disabling, password resets, forced sign-out. */
@Injectable()
export class UsersService {
  private readonly policy: SessionPolicy;
  private readonly loginKeySecret: Buffer;

  constructor(
    private readonly repo: UsersRepository,
    private readonly clock: Clock,
    @Inject(ENV) env: Env,
  ) {
    this.policy = { ttlHours: env.sessionTtlHours, staffIdleHours: env.staffSessionIdleHours };
    this.loginKeySecret = loginKeySecret(env.secrets.queryCodeSecret);
  }

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const { items, total } = await this.repo.list(query, { limit: query.limit, offset: query.offset }, this.live());
    return { items: items.map(toUserView), total };
  }

  /** Staff accounts only: residents come from WeChat, volunteers from invitation codes. */
  async create(input: UserCreateInput): Promise<UserView> {
    const officeId = input.role === 'OFFICE_STAFF' ? (input.officeId ?? null) : null;
    const cadreId = input.role === 'CADRE' ? (input.cadreId ?? null) : null;
    if (officeId !== null && !(await this.repo.officeExists(officeId))) throw new DomainException('NOT_FOUND', '所选监管所不存在');
    if (cadreId !== null) {
      const cadre = await this.repo.findCadre(cadreId);
      if (!cadre) throw new DomainException('NOT_FOUND', '所选包保干部不存在');
      if (!cadre.active) throw new DomainException('CADRE_INACTIVE');
      if (cadre.user) throw new DomainException('CADRE_HAS_ACCOUNT');
    }
    if (await this.repo.usernameTaken(input.username)) throw new DomainException('USERNAME_TAKEN');
    const passwordHash = await hashPassword(input.password);
    let id: number;
    try {
      ({ id } = await this.repo.create({ username: input.username, displayName: input.displayName, role: input.role, passwordHash, officeId, cadreId }));
    } catch (err) {
      // A concurrent create took the username or the cadre between the checks and the insert.
      if (!isUniqueViolation(err)) throw err;
      throw new DomainException(cadreId !== null && !(await this.repo.usernameTaken(input.username)) ? 'CADRE_HAS_ACCOUNT' : 'USERNAME_TAKEN');
    }
    return this.view(id);
  }

  async update(caller: AuthUser, id: number, patch: UserPatch): Promise<UserView> {
    const user = await this.repo.findUser(id);
    if (!user) throw notFound();
    if (patch.disabled === true && id === caller.id) throw new DomainException('CANNOT_DISABLE_SELF', '不能停用自己的账号，请由另一位管理员操作');
    if (patch.officeId !== undefined) {
      if (user.role !== 'OFFICE_STAFF') throw fieldError('officeId', '只有监管所工作人员可以设置所属监管所');
      if (!(await this.repo.officeExists(patch.officeId))) throw new DomainException('NOT_FOUND', '所选监管所不存在');
    }
    if (patch.password !== undefined && !isStaffRole(user.role)) throw fieldError('password', '群众和社会监督员使用微信登录，不能设置密码');
    const change: UserChange = {
      displayName: patch.displayName,
      officeId: patch.officeId,
      disabled: patch.disabled,
      passwordHash: patch.password === undefined ? undefined : await hashPassword(patch.password),
    };
    await this.repo.update(id, change, this.clock.now(), user.username === null ? null : loginKey(this.loginKeySecret, user.username));
    return this.view(id);
  }

  async revokeSessions(id: number): Promise<{ revoked: number }> {
    if (!(await this.repo.findUser(id))) throw notFound();
    return { revoked: await this.repo.revokeSessions(id, this.live(), this.clock.now()) };
  }

  private async view(id: number): Promise<UserView> {
    const row = await this.repo.findView(id, this.live());
    if (!row) throw notFound();
    return toUserView(row);
  }

  private live() {
    return liveSessionFilter(this.clock.now(), this.policy);
  }
}

/** Never carries the password hash or the openid itself. */
function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    office: row.office,
    cadre: row.cadre,
    disabled: row.disabled,
    wechatBound: row.openid !== null,
    activeSessions: row._count.sessions,
    lastSeenAt: row.sessions[0]?.lastSeenAt.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function notFound(): DomainException {
  return new DomainException('NOT_FOUND', '用户不存在');
}
