import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { Clock } from '../common/clock';
import { JsonLogger } from '../common/logger';
import { PeriodicTask } from '../common/periodic';
import { NotificationsRepository } from './notifications.repository';
import { afterAttempt, CLAIM_LEASE_MS } from './retry-policy';
import { WechatSubscribeClient } from './wechat-subscribe.client';

export type DispatchResult = { sent: number; retrying: number; failed: number };

const BATCH = 20;

/** Sends the WeChat outbox: due rows are claimed, sent one by one, and retried with backoff on failure. */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly wechat: WechatSubscribeClient,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.periodic = new PeriodicTask('OutboxDispatcher', () => this.dispatchAll(), logger);
  }

  onApplicationBootstrap(): void {
    this.periodic.start(this.env.schedule.outboxIntervalSeconds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  /** A message was just queued: send it now rather than at the next tick (only when the timer runs at all). */
  kick(): void {
    if (this.periodic.started) void this.periodic.runNow();
  }

  /** One batch of due messages as of `now`. */
  async dispatch(now: Date = this.clock.now(), limit = BATCH): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
    const claimed = await this.repo.claimDue(now, new Date(now.getTime() + CLAIM_LEASE_MS), limit);
    for (const m of claimed) {
      const outcome = await this.wechat.send(m);
      const next = afterAttempt(outcome, m.attempts, now);
      await this.repo.record(m.id, next);
      if (next.state === 'SENT') result.sent++;
      else if (next.state === 'PENDING') result.retrying++;
      else result.failed++;
      if (next.state !== 'SENT') {
        this.logger.write(next.state === 'FAILED' ? 'warn' : 'info', 'wechat subscribe message not sent', {
          outboxId: m.id,
          attempts: m.attempts,
          state: next.state,
          error: next.lastError,
        });
      }
    }
    return result;
  }

  private async dispatchAll(): Promise<void> {
    for (;;) {
      const { sent, retrying, failed } = await this.dispatch();
      if (sent + retrying + failed < BATCH) return;
    }
  }
}
