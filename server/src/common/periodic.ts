import type { JsonLogger } from './logger';

/**
 * Runs a task every few seconds, never two runs at once in this process. The timer is only a trigger:
 * what is due lives in the database, claimed with conditional updates, so any instance may run it.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
    private readonly logger: JsonLogger,
  ) {}

  /** `seconds` 0 leaves it off (tests call the task directly). */
  start(seconds: number): void {
    if (seconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runNow(), seconds * 1000);
    // A pending run must not keep a finished process (or a test worker) alive.
    this.timer.unref();
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  /** Starts a run unless one is in progress; resolves when that run ends. Never rejects. */
  runNow(): Promise<void> {
    this.running ??= this.task()
      .then(
        () => undefined,
        (err: unknown) => this.logger.error(err instanceof Error ? err : String(err), undefined, this.name),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Stops the timer and waits for a run in progress, so the database is not closed under it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
