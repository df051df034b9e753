import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { Clock } from '../common/clock';
import { JsonLogger } from '../common/logger';
import { PeriodicTask } from '../common/periodic';
import { AuthRepository } from './auth.repository';

/** How long a count of wrong passwords with no lock in force is kept after its last failure. */
export const FAILURE_MEMORY_HOURS = 24;
const HOURLY = 3600;

/**
 * Deletes what no sign-in will read again: sessions past their end or revoked, and wrong-password counts that are
 * neither locked nor recent. Without it both tables only grow, the second with every made-up username a stranger
 * types (each one is counted like a real account, so the replies never tell them apart). Hourly, on every instance
 * (a delete by condition is the same whichever runs it); off when the sweep is off, as in tests.
 */
@Injectable()
export class AuthHousekeeping implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly repo: AuthRepository,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.periodic = new PeriodicTask('AuthHousekeeping', () => this.prune(), logger);
  }

  onApplicationBootstrap(): void {
    if (this.env.schedule.sweepIntervalSeconds > 0) this.periodic.start(HOURLY);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  async prune(now: Date = this.clock.now()): Promise<{ sessions: number; loginFailures: number }> {
    const pruned = await this.repo.pruneStale(now, new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3_600_000));
    if (pruned.sessions + pruned.loginFailures > 0) this.logger.write('info', 'auth housekeeping', pruned);
    return pruned;
  }
}
