import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';

/** An open working-day deadline as the recompute reads it; days are YYYY-MM-DD. */
export type OpenWorkingDayDeadline = { id: number; startDate: string; workingDays: number; dueDate: string };

/** A due date to move, from the date it was read with. */
export type DueDateMove = { id: number; from: string; to: string };

/** Due dates moved per statement. */
const CHUNK = 1000;

@Injectable()
export class DeadlineRecomputeRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Open deadlines counted in working days that are due on `fromDay` or later. */
  openWorkingDayDeadlines(fromDay: string): Promise<OpenWorkingDayDeadline[]> {
    return this.prisma.$queryRaw<OpenWorkingDayDeadline[]>`
      SELECT id, to_char("startDate", 'YYYY-MM-DD') AS "startDate", "workingDays", to_char("dueDate", 'YYYY-MM-DD') AS "dueDate"
      FROM "Deadline"
      WHERE "state" = 'OPEN' AND "unit" = 'WORKING_DAYS' AND "dueDate" >= ${fromDay}::date
      ORDER BY id`;
  }

  /**
   * Moves the due dates, one statement per chunk, and clears the reminder so the new date is reminded. Each move is
   * conditional on the deadline being still open and due on the date it was read with: a concurrent recompute or
   * workflow step wins cleanly. Returns how many moved.
   */
  async moveDueDates(moves: readonly DueDateMove[]): Promise<number> {
    let moved = 0;
    for (let i = 0; i < moves.length; i += CHUNK) {
      moved += await this.prisma.$executeRaw`
        UPDATE "Deadline" d SET "dueDate" = m."to", "remindedAt" = NULL
        FROM jsonb_to_recordset(${JSON.stringify(moves.slice(i, i + CHUNK))}::jsonb) AS m(id int, "from" date, "to" date)
        WHERE d.id = m.id AND d."dueDate" = m."from" AND d."state" = 'OPEN'`;
    }
    return moved;
  }
}
