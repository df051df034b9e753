import { z } from 'zod';

/** A calendar date in Asia/Shanghai, as YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期无效');

// Ids are PostgreSQL int4: a larger number is a user's mistake, not a database error.
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

export const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export type Page<T> = { items: T[]; total: number };
