import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { JsonLogger } from '../common/logger';
import { PRISMA, type Prisma } from '../database/database';
import { fromDbDate, toDbDate } from './deadlines';

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
    @Inject(PRISMA) private readonly prisma: Prisma,
  ) {}

  onModuleInit(): void {
    this.calendar.onChange(() => this.recomputeOpen().then(() => undefined));
  }

  async recomputeOpen(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    const open = await this.prisma.deadline.findMany({ where: { state: 'OPEN', unit: 'WORKING_DAYS', dueDate: { gte: toDbDate(today) } } });
    let moved = 0;
    for (const d of open) {
      const due = await this.calendar.addWorkingDays(fromDbDate(d.startDate), d.workingDays);
      if (due === fromDbDate(d.dueDate)) continue;
      // Conditional on the old value: a concurrent recompute or workflow step wins cleanly.
      const res = await this.prisma.deadline.updateMany({ where: { id: d.id, dueDate: d.dueDate, state: 'OPEN' }, data: { dueDate: toDbDate(due), remindedAt: null } });
      moved += res.count;
    }
    if (moved > 0) this.logger.write('info', 'deadlines recomputed after a calendar change', { moved });
    return moved;
  }
}
