import type { Grade } from '@sa/contracts';

// Not in @sa/contracts yet: how a business's grade (by scale) reads to a resident.
export const GRADE_LABELS: Record<Grade, string> = {
  A: 'A级 · 大型',
  B: 'B级 · 中型',
  C: 'C级 · 小型',
  D: 'D级 · 微型',
};
