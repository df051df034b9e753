import type { ComplaintPublicView, Grade } from '@sa/contracts';

// Not in @sa/contracts yet: how a business's grade (by scale) reads to a resident.
export const GRADE_LABELS: Record<Grade, string> = {
  A: 'A级 · 大型',
  B: 'B级 · 中型',
  C: 'C级 · 小型',
  D: 'D级 · 微型',
};

// Not in @sa/contracts: how a deadline's state reads to the reporter.
export const DEADLINE_STATE_LABELS: Record<ComplaintPublicView['deadlines'][number]['state'], string> = {
  OPEN: '办理中',
  MET: '已按期完成',
  CANCELLED: '不再适用',
};
