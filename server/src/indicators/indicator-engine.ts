import type { IndicatorRecords, IndicatorRecordsQuery, IndicatorReport, IndicatorsQuery } from '@sa/contracts';
import type { PrismaClient } from '@sa/db';

/** Whose records a report covers: the admin all, office staff their office's, a cadre the businesses they answer for. */
export type IndicatorScope = { kind: 'all' } | { kind: 'office'; officeId: number } | { kind: 'cadre'; cadreId: number };
/** `now` decides what is overdue (default: the real time). */
export type IndicatorOptions = { now?: Date };

export async function computeIndicatorReport(prisma: PrismaClient, query: IndicatorsQuery, scope: IndicatorScope, options: IndicatorOptions = {}): Promise<IndicatorReport> {
  void prisma; void scope; void options;
  throw new Error(`indicator engine under construction (${query.from})`);
}

export async function computeIndicatorRecords(prisma: PrismaClient, query: IndicatorRecordsQuery, scope: IndicatorScope, options: IndicatorOptions = {}): Promise<IndicatorRecords> {
  void prisma; void scope; void options;
  throw new Error(`indicator engine under construction (${query.from})`);
}
