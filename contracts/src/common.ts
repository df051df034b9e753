import { z } from 'zod';

/** A calendar date in Asia/Shanghai, as YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期无效');

/**
 * A whole number from a path, a query string or a JSON body: a JSON number, or a string of plain decimal digits.
 * Stricter than z.coerce, which reads "" as 0 and accepts "0x10", "0o20", "1.6e1", "+16" and "16.0".
 */
export function wholeNumber(min: number, max: number, message = '须为十进制整数', maxMessage = '数值超出范围') {
  return z
    .union([z.number(), z.string().regex(/^\d{1,16}$/).transform(Number)], { error: message })
    .pipe(z.number().int(message).min(min, message).max(max, maxMessage));
}

// Ids are PostgreSQL int4: a larger number is a user's mistake, not a database error.
export const idParam = wholeNumber(1, 2_147_483_647, '编号应为正整数', '编号超出范围');

/** limit and offset of a paged list. */
export const pageParams = (maxLimit: number, maxOffset: number, defaultLimit: number) => ({
  limit: wholeNumber(1, maxLimit, '每页条数应为正整数', `每页最多 ${maxLimit} 条`).default(defaultLimit),
  offset: wholeNumber(0, maxOffset, '起始位置应为非负整数', '起始位置超出范围').default(0),
});

export const paging = pageParams(100, 1_000_000, 20);

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
