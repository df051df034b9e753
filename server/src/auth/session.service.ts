import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse } from '@sa/contracts';
import { Clock } from '../common/clock';
import { ENV, type Env } from '../config/env';
import type { AuthUser } from './auth.decorators';
import { AuthRepository } from './auth.repository';
import { sessionExpiry, sessionRefusal, touchBefore, type SessionPolicy } from './session-policy';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque bearer tokens; only their hash is stored, so a leaked table cannot be replayed. */
@Injectable()
export class SessionService {
  private readonly policy: SessionPolicy;

  constructor(
    private readonly repo: AuthRepository,
    private readonly clock: Clock,
    @Inject(ENV) env: Env,
  ) {
    this.policy = { ttlHours: env.sessionTtlHours, staffIdleHours: env.staffSessionIdleHours };
  }

  /** `expiresAt` is the latest the token can live; a staff session ends earlier when left idle. */
  async issue(user: { id: number; displayName: string; role: AuthUser['role'] }): Promise<LoginResponse> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = sessionExpiry(now, this.policy);
    await this.repo.createSession(user.id, hashToken(token), now, expiresAt);
    return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, displayName: user.displayName, role: user.role } };
  }

  /** Checked on every request, so disabling a user or deactivating a cadre signs them out at once. */
  async resolve(token: string): Promise<AuthUser | undefined> {
    const session = await this.repo.findSession(hashToken(token));
    if (!session) return undefined;
    const now = this.clock.now();
    if (sessionRefusal(session, now, this.policy)) return undefined;
    if (session.lastSeenAt < touchBefore(now)) await this.repo.touchSession(session.id, now);
    const { user } = session;
    return { id: user.id, role: user.role, displayName: user.displayName, officeId: user.officeId, cadreId: user.cadreId, sessionId: session.id };
  }

  async revoke(sessionId: number): Promise<void> {
    await this.repo.revokeSession(sessionId, this.clock.now());
  }
}
