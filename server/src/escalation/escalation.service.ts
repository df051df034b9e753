import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { SweepResult } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { Clock } from '../common/clock';
import { JsonLogger } from '../common/logger';
import { PeriodicTask } from '../common/periodic';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { fromDbDate } from '../complaints/deadlines';
import { NotificationsService } from '../notifications/notifications.service';
import { WorkflowService } from '../complaints/workflow.service';
import { noticeSubjectOf } from './deadline-subject';
import { escalationNotice, reminderNotice, scheduleReminderNotice } from './escalation-notices';
import { escalationTarget, type EscalationOrigin, scheduleReminderYear } from './escalation-rule';
import { type DueDeadline, EscalationRepository } from './escalation.repository';

const PAGE = 200;

/**
 * The deadline sweep: reminds the office and cadre on the last working day before a deadline, and escalates
 * (督办) each deadline that has passed, one tier up and to the bureau admins. Every step is claimed in the
 * database, so any number of instances may sweep at once and each step still happens exactly once.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly repo: EscalationRepository,
    private readonly notifications: NotificationsService,
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

    for await (const d of this.pages((after) => this.repo.overdue(today, after, PAGE))) {
      await this.step(result, 'escalate', d, async () => {
        const origin = await this.originOf(d);
        const target = origin ? escalationTarget(origin, await this.repo.cadresAbove(origin.districtId, origin.streetId)) : null;
        const notified = await this.repo.escalate({ id: d.id, complaintId: d.complaint.id }, target, now, async (tx) => {
          const users = await this.notifications.recipients(tx, { cadreIds: [target?.id ?? null], admins: true });
          return this.notifications.notify(tx, users, escalationNotice(noticeSubjectOf(d), target), d.complaint.id, `deadline:${d.id}:escalation`);
        });
        if (notified === null) return;
        result.escalated++;
        result.notified += notified;
      });
    }

    const nextWorkingDay = await this.calendar.addWorkingDays(today, 1);
    for await (const d of this.pages((after) => this.repo.dueBetween(today, nextWorkingDay, after, PAGE))) {
      await this.step(result, 'remind', d, async () => {
        const notified = await this.repo.remind(d.id, now, async (tx) => {
          const users = await this.notifications.recipients(tx, { officeId: d.complaint.officeId, cadreIds: [d.complaint.cadre?.id ?? null] });
          return this.notifications.notify(tx, users, reminderNotice(noticeSubjectOf(d), today), d.complaint.id, `deadline:${d.id}:reminder`);
        });
        if (notified === null) return;
        result.reminded++;
        result.notified += notified;
      });
    }
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
    const written = await this.repo.inTransaction(async (tx) => {
      const admins = await this.notifications.recipients(tx, { admins: true });
      return this.notifications.notify(tx, admins, scheduleReminderNotice(year), null, `calendar:${year}:schedule-reminder`);
    });
    if (written > 0) this.logger.write('info', 'asked the admins for next year\'s holiday schedule', { year, admins: written });
  }

  /** The responsible cadre; without one, the complaint's street as if from its community. */
  private async originOf(d: DueDeadline): Promise<EscalationOrigin | null> {
    const cadre = d.complaint.cadre;
    if (cadre) return { tier: cadre.tier, districtId: cadre.districtId, streetId: cadre.streetId ?? cadre.community?.streetId ?? null };
    if (d.complaint.streetId === null) return null;
    const districtId = await this.repo.districtOfStreet(d.complaint.streetId);
    return districtId === null ? null : { tier: 'COMMUNITY', districtId, streetId: d.complaint.streetId };
  }

  /** One deadline's step; a failure is logged and left for the next sweep, never stopping the others. */
  private async step(result: SweepResult, step: string, d: DueDeadline, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      result.failed++;
      this.logger.write('error', 'deadline sweep step failed', {
        step,
        deadlineId: d.id,
        dueDate: fromDbDate(d.dueDate),
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private async *pages(fetch: (afterId: number) => Promise<DueDeadline[]>): AsyncGenerator<DueDeadline> {
    for (let after = 0; ; ) {
      const rows = await fetch(after);
      yield* rows;
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.id;
    }
  }
}
