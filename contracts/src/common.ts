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

/**
 * Free text from a form: trimmed, bounded, no control characters (PostgreSQL refuses NUL in text).
 * Multi-line text (descriptions, replies) keeps its line breaks and tabs.
 */
export function formText(min: number, max: number, opts: { multiline?: boolean; minMessage?: string; maxMessage?: string } = {}) {
  const forbidden = opts.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return z
    .string()
    .trim()
    .min(min, opts.minMessage)
    .max(max, opts.maxMessage)
    .refine((s) => !forbidden.test(s), '不能包含控制字符');
}
