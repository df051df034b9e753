import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException } from './domain-exception';
import { ENV, type Env } from '../config/env';

type Limit = { key: string; max: number; windowSeconds: number };
const RATE_LIMIT = 'sa:rate-limit';

/** Limits a public write per client IP (and per user when logged in). */
export const RateLimit = (limit: Limit) => SetMetadata(RATE_LIMIT, limit);

/**
 * Fixed-window counters in memory. With several instances each keeps its own window, so the effective
 * limit is per instance; a shared limiter (Redis or the database) is the step after this one.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(ENV) private readonly env: Env,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.reflector.get<Limit | undefined>(RATE_LIMIT, context.getHandler());
    if (!limit || !this.env.rateLimits) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: { id: number } }>();
    const who = req.user ? `u${req.user.id}` : `ip${req.ip ?? 'unknown'}`;
    const key = `${limit.key}:${who}`;
    const now = Date.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= limit.windowSeconds * 1000) {
      this.windows.set(key, { start: now, count: 1 });
      this.sweep(now);
      return true;
    }
    window.count += 1;
    if (window.count > limit.max) {
      const wait = Math.ceil((window.start + limit.windowSeconds * 1000 - now) / 60_000);
      throw new DomainException('RATE_LIMITED', `操作过于频繁，请 ${wait} 分钟后再试`);
    }
    return true;
  }

  private sweep(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, w] of this.windows) if (now - w.start > 3600_000) this.windows.delete(key);
  }
}
