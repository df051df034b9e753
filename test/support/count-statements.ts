import { recordStatements } from './statement-counter';
import type { TestApp } from './test-app';

/**
 * The statements `fn` sends that belong to the work measured. The session's once-a-minute touch and the calendar's
 * reload when its short cache expires come and go with the clock, not with the work: not counted.
 */
export async function countStatements<T>(app: TestApp, fn: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[] }> {
  const { result, statements } = await recordStatements(app, fn);
  const sql = statements.filter((s) => !/"(CalendarDay|Session)"/.test(s) || /"Complaint"/.test(s));
  return { result, statements: sql.length, sql };
}
