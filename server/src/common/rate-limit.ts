import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { DomainException } from './domain-exception';
import { JsonLogger } from './logger';
import { ENV, type Env } from '../config/env';

type Limit = { key: string; max: number; windowSeconds: number };
const RATE_LIMIT = 'sa:rate-limit';

/** Limits a public write per client IP (and per user when logged in); routes sharing a key share one count. */
export const RateLimit = (limit: Limit) => SetMetadata(RATE_LIMIT, limit);

export type RateLimitHit = { totalHits: number; blocked: boolean; retryAfterSeconds: number };

/**
 * Where the counts live: @nestjs/throttler's storages. With `REDIS_URL` every instance counts in one Redis
 * (@nest-lab/throttler-storage-redis: one Lua script per hit, so counting is atomic across instances); without it,
 * in this process's memory. When Redis is unreachable each instance falls back to its own memory counts (a limit
 * per instance rather than none, and never an error for the caller), logs one warning, and returns to Redis as
 * soon as it answers again.
 */
@Injectable()
export class RateLimitStore implements OnModuleInit, OnApplicationShutdown {
  private readonly memory = new ThrottlerStorageService();
  private readonly redisClient: Redis | undefined;
  private readonly shared: ThrottlerStorage | undefined;
  private degraded = false;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly logger: JsonLogger,
  ) {
    if (!env.redis) return;
    this.redisClient = new Redis(env.redis.url, {
      // Fail fast while Redis is away instead of queueing hits; the caller then counts in memory.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 250, 2000),
      lazyConnect: true,
    });
    this.redisClient.on('error', (err: Error) => this.degrade(err));
    this.redisClient.on('ready', () => this.recover());
    this.shared = new ThrottlerStorageRedisService(this.redisClient);
  }

  get mode(): 'redis' | 'memory' | 'memory-fallback' {
    if (!this.shared) return 'memory';
    return this.degraded ? 'memory-fallback' : 'redis';
  }

  async onModuleInit(): Promise<void> {
    if (!this.redisClient) return;
    // A first connection that fails is not fatal: the limits count in memory until Redis answers.
    await this.redisClient.connect().catch((err: Error) => this.degrade(err));
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
    this.redisClient?.disconnect(false);
  }

  async hit(key: string, max: number, windowSeconds: number): Promise<RateLimitHit> {
    const ttl = windowSeconds * 1000;
    const name = 'sa';
    const prefixed = `${this.env.redis?.keyPrefix ?? ''}rl:${key}`;
    let record;
    if (this.shared && this.redisClient?.status === 'ready') {
      try {
        record = await this.shared.increment(prefixed, ttl, max, ttl, name);
      } catch (err) {
        this.degrade(err as Error);
      }
    } else if (this.shared) {
      this.degrade(new Error(`redis ${this.redisClient?.status ?? 'absent'}`));
    }
    record ??= await this.memory.increment(prefixed, ttl, max, ttl, name);
    return {
      totalHits: record.totalHits,
      blocked: record.isBlocked,
      retryAfterSeconds: Math.max(1, record.isBlocked ? record.timeToBlockExpire : record.timeToExpire),
    };
  }

  private degrade(err: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.write('warn', 'rate limits: Redis unreachable, counting per instance until it answers', { reason: err.message });
  }

  private recover(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.write('info', 'rate limits: Redis answers again, counting shared');
  }
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.reflector.get<Limit | undefined>(RATE_LIMIT, context.getHandler());
    if (!limit || !this.env.rateLimits) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: { id: number } }>();
    const who = req.user ? `u${req.user.id}` : `ip${req.ip ?? 'unknown'}`;
    const hit = await this.store.hit(`${limit.key}:${who}`, limit.max, limit.windowSeconds);
    if (!hit.blocked) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(hit.retryAfterSeconds));
    throw new DomainException('RATE_LIMITED', `操作过于频繁，请 ${waitText(hit.retryAfterSeconds)}后再试`);
  }
}

function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
