import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import type { AuthUser } from './auth.decorators';
import { AuthRepository } from './auth.repository';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque bearer tokens; only their hash is stored, so a leaked table cannot be replayed. */
@Injectable()
export class SessionService {
  constructor(
    private readonly repo: AuthRepository,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async issue(user: { id: number; displayName: string; role: AuthUser['role'] }): Promise<LoginResponse> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.env.sessionTtlHours * 3600_000);
    await this.repo.createSession(user.id, hashToken(token), expiresAt);
    return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, displayName: user.displayName, role: user.role } };
  }

  async resolve(token: string): Promise<AuthUser | undefined> {
    const session = await this.repo.findSession(hashToken(token));
    if (!session || session.revokedAt || session.expiresAt <= new Date() || session.user.disabled) return undefined;
    const { user } = session;
    return { id: user.id, role: user.role, displayName: user.displayName, officeId: user.officeId, cadreId: user.cadreId, sessionId: session.id };
  }

  async revoke(sessionId: number): Promise<void> {
    await this.repo.revokeSession(sessionId);
  }
}
