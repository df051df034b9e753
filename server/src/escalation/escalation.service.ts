import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { SweepResult } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { Clock } from '../common/clock';
import { JsonLogger } from '../common/logger';
import { PeriodicTask } from '../common/periodic';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { WorkflowService } from '../complaints/workflow.service';
import { noticeSubjectOf } from './deadline-subject';
import { escalationNotice, reminderNotice, scheduleReminderNotice } from './escalation-notices';
import { type CadreRef, escalationTarget, type EscalationOrigin, scheduleReminderYear } from './escalation-rule';
import { type DueDeadline, EscalationRepository, type PlannedEscalation } from './escalation.repository';

/** Deadlines read and written per statement. */
const PAGE = 500;

/**
 * The deadline sweep: reminds the office and cadre on the last working day before a deadline, and escalates
 * (督办) each deadline that has passed, one tier up and to the bureau admins. The steps are written a page at a time,
 * each page in one statement that claims its deadlines with their records and notices, so a sweep costs a few
 * statements however many deadlines fall due, any number of instances may sweep at once and each step still
 * happens exactly once.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly repo: EscalationRepository,
    private readonly calendar: CalendarService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.periodic = new PeriodicTask('EscalationSweep', () => this.sweep(), logger);
  }

  onApplicationBootstrap(): void {
    this.periodic.start(this.env.schedule.sweepIntervalSeconds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic.stop();
  }

  async sweep(now: Date = this.clock.now()): Promise<SweepResult> {
    const today = shanghaiDate(now);
    const result: SweepResult = { today, escalated: 0, reminded: 0, notified: 0, failed: 0, closed: 0 };

    let leaders: Promise<CadreRef[]> | undefined;
    await this.inPages(result, 'escalate', (after) => this.repo.overdue(today, after, PAGE), async (page) => {
      const above = await (leaders ??= this.repo.cadresAbove());
      const planned = page.map((d): PlannedEscalation => {
        const origin = originOf(d);
        const target = origin ? escalationTarget(origin, above) : null;
        return { deadlineId: d.id, complaintId: d.complaint.id, dueDate: d.dueDate, target, notice: escalationNotice(noticeSubjectOf(d), target) };
      });
      const done = await this.repo.escalate(planned, now);
      result.escalated += done.steps;
      result.notified += done.notices;
    });

    const nextWorkingDay = await this.calendar.addWorkingDays(today, 1);
    await this.inPages(result, 'remind', (after) => this.repo.dueBetween(today, nextWorkingDay, after, PAGE), async (page) => {
      const done = await this.repo.remind(
        page.map((d) => ({ deadlineId: d.id, complaintId: d.complaint.id, dueDate: d.dueDate, notice: reminderNotice(noticeSubjectOf(d), today) })),
        now,
      );
      result.reminded += done.steps;
      result.notified += done.notices;
    });
    try {
      await this.remindSchedule(today);
    } catch (err) {
      result.failed++;
      this.logger.write('error', 'holiday schedule reminder failed', { error: String(err) });
    }
    try {
      result.closed = await this.workflow.closeExpired(now);
    } catch (err) {
      result.failed++;
      this.logger.write('error', 'closing expired complaints failed', { error: String(err) });
    }
    if (result.escalated || result.reminded || result.failed || result.closed) this.logger.write('info', 'deadline sweep', result);
    return result;
  }

  /** From 1 November, asks the admins once (a dedupe key per year) to enter next year's holiday schedule. */
  private async remindSchedule(today: string): Promise<void> {
    const year = scheduleReminderYear(today, await this.calendar.scheduledYears());
    if (year === null) return;
    const written = await this.repo.notifyAdmins(scheduleReminderNotice(year), `calendar:${year}:schedule-reminder`);
    if (written > 0) this.logger.write('info', 'asked the admins for next year\'s holiday schedule', { year, admins: written });
  }

  /**
   * Reads the due deadlines a page at a time and hands each page to `step`, which writes it in one statement. A page
   * that fails is logged and left for the next sweep, never stopping the pages after it.
   */
  private async inPages(result: SweepResult, step: string, fetch: (afterId: number) => Promise<DueDeadline[]>, write: (page: DueDeadline[]) => Promise<void>): Promise<void> {
    for (let after = 0; ; ) {
      const page = await fetch(after);
      if (page.length === 0) return;
      try {
        await write(page);
      } catch (err) {
        result.failed += page.length;
        this.logger.write('error', 'deadline sweep step failed', {
          step,
          deadlines: page.length,
          firstDeadlineId: page[0]!.id,
          lastDeadlineId: page.at(-1)!.id,
          error: err instanceof Error ? err.message : String(err),
        });
      }
      if (page.length < PAGE) return;
      after = page.at(-1)!.id;
    }
  }
}

/** The responsible cadre; without one, the complaint's street as if from its community. */
function originOf(d: DueDeadline): EscalationOrigin | null {
  const { cadre, street } = d.complaint;
  if (cadre) return { tier: cadre.tier, districtId: cadre.districtId, streetId: cadre.streetId };
  return street ? { tier: 'COMMUNITY', districtId: street.districtId, streetId: street.id } : null;
}
