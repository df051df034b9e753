import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { JsonLogger } from '../common/logger';
import { type DueDateMove, DeadlineRecomputeRepository } from './deadline-recompute.repository';

/**
 * When the admin edits the holiday calendar, every open working-day deadline that has not yet fallen due is
 * recomputed from its start day and length, so a newly announced holiday moves it (and a deadline counted on
 * weekends alone, before its year's schedule was entered, lands where the schedule puts it). Calendar-day
 * limits (the case decision) do not depend on holidays and never move.
 */
@Injectable()
export class DeadlineRecomputeService implements OnModuleInit {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    private readonly repo: DeadlineRecomputeRepository,
  ) {}

  onModuleInit(): void {
    this.calendar.onChange(() => this.recomputeOpen().then(() => undefined));
  }

  async recomputeOpen(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    const moves: DueDateMove[] = [];
    for (const d of await this.repo.openWorkingDayDeadlines(today)) {
      const due = await this.calendar.addWorkingDays(d.startDate, d.workingDays);
      if (due !== d.dueDate) moves.push({ id: d.id, from: d.dueDate, to: due });
    }
    const moved = await this.repo.moveDueDates(moves);
    if (moved > 0) this.logger.write('info', 'deadlines recomputed after a calendar change', { moved });
    return moved;
  }
}
