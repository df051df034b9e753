import { z } from 'zod';
import { formText, idParam, isoDate, paging, type Page } from './common';
import type { Ref } from './registry';

/** 满意度测评 */
export const SURVEY_QUESTION_KINDS = ['LIKERT5', 'YES_NO', 'TEXT'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];
export const SURVEY_QUESTION_ROLES = ['OVERALL', 'AWARENESS', 'SUPPORT'] as const;
export type SurveyQuestionRole = (typeof SURVEY_QUESTION_ROLES)[number];
export const SURVEY_QUESTION_ROLE_LABELS: Record<SurveyQuestionRole, string> = { OVERALL: '总体满意度', AWARENESS: '知晓率', SUPPORT: '支持率' };
export const AGE_BANDS = ['18-29', '30-44', '45-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = { '18-29': '18–29 岁', '30-44': '30–44 岁', '45-59': '45–59 岁', '60+': '60 岁及以上' };
/** LIKERT5 answer → score: 5 非常满意 100, 4 满意 80, 3 基本满意 60, 2 不满意 40, 1 非常不满意 20. */
export const LIKERT_SCORES: Record<number, number> = { 5: 100, 4: 80, 3: 60, 2: 40, 1: 20 };
export const LIKERT_LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
export const SURVEY_DEFAULT_MIN_SAMPLE = 30;
export const SURVEY_DEFAULT_TARGET = 0.8;

const questionCode = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/, '题目编号须以字母开头，由字母、数字、下划线组成，最多 20 位');

export const surveyQuestionInput = z.object({
  code: questionCode,
  text: formText(2, 200, { minMessage: '请填写题目' }),
  kind: z.enum(SURVEY_QUESTION_KINDS),
  weight: z.number().positive('权重须大于 0').max(100).optional(),
  role: z.enum(SURVEY_QUESTION_ROLES).optional(),
});
export type SurveyQuestionInput = z.infer<typeof surveyQuestionInput>;

/** POST /api/v1/admin/surveys → { id } */
export const surveyInput = z
  .object({
    title: formText(2, 100, { minMessage: '请填写测评名称' }),
    description: formText(0, 1000, { multiline: true }).optional(),
    from: isoDate,
    to: isoDate,
    questions: z.array(surveyQuestionInput).min(1, '至少需要一道题').max(50),
    /** empty or absent: the whole district */
    streetIds: z.array(idParam).max(100).optional(),
    minSample: z.number().int().min(1).max(10_000).optional(),
    target: z.number().gt(0).max(1).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.from > s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    const seen = new Map<string, number>();
    const byRole = new Map<SurveyQuestionRole, number>();
    s.questions.forEach((q, i) => {
      const code = q.code.toUpperCase();
      const first = seen.get(code);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['questions', i, 'code'], message: `题目编号 ${q.code} 与第 ${first + 1} 题重复` });
      else seen.set(code, i);
      if (!q.role) return;
      if (q.role === 'OVERALL' && q.kind !== 'LIKERT5') ctx.addIssue({ code: 'custom', path: ['questions', i, 'kind'], message: '总体满意度题须为五级满意度题' });
      if (q.role !== 'OVERALL' && q.kind !== 'YES_NO') {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'kind'], message: `${SURVEY_QUESTION_ROLE_LABELS[q.role]}题须为是否题` });
      }
      const other = byRole.get(q.role);
      if (other !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'role'], message: `第 ${other + 1} 题已是${SURVEY_QUESTION_ROLE_LABELS[q.role]}题，每种题目角色最多一道题` });
      } else byRole.set(q.role, i);
    });
    if (s.streetIds && new Set(s.streetIds).size !== s.streetIds.length) ctx.addIssue({ code: 'custom', path: ['streetIds'], message: '街道不能重复' });
  });
export type SurveyInput = z.infer<typeof surveyInput>;

export type SurveyQuestionView = { id: number; code: string; text: string; kind: SurveyQuestionKind; weight: number; role: SurveyQuestionRole | null };

export type SurveyView = {
  id: number;
  title: string;
  description: string | null;
  from: string;
  to: string;
  /** open today (Shanghai) */
  open: boolean;
  streets: Ref[];
  minSample: number;
  target: number;
  questions: SurveyQuestionView[];
  responses: number;
};
export type SurveyList = Page<SurveyView>;

/** GET /api/v1/surveys: the campaigns open to the signed-in resident now, with whether they have answered. */
export type OpenSurvey = SurveyView & { answered: boolean };

const LIKERT_RANGE = '分数须为 1–5 的整数（5 = 非常满意，1 = 非常不满意）';

/** POST /api/v1/surveys/{id}/responses: answers keyed by question code; LIKERT5 1–5, YES_NO true/false, TEXT a string. */
export const surveyResponseInput = z.object({
  streetId: idParam,
  communityId: idParam.optional(),
  ageBand: z.enum(AGE_BANDS, { message: '请选择年龄段' }),
  answers: z.record(questionCode, z.union([z.number().int(LIKERT_RANGE).min(1, LIKERT_RANGE).max(5, LIKERT_RANGE), z.boolean(), formText(0, 1000, { multiline: true })], { error: '五级满意度题须为 1–5 的整数，是否题须为 true 或 false，文字题须为不超过 1000 字的文字' })),
});
export type SurveyResponseInput = z.infer<typeof surveyResponseInput>;

export const SURVEY_GROUPS = ['district', 'street', 'community'] as const;
export type SurveyGroup = (typeof SURVEY_GROUPS)[number];
export const surveyResultsQuery = z.object({ groupBy: z.enum(SURVEY_GROUPS).default('district') });

export const SURVEY_STATUSES = ['MET', 'NOT_MET', 'UNCERTAIN', 'TOO_FEW'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, string> = { MET: '达标', NOT_MET: '未达标', UNCERTAIN: '待定（区间跨越目标）', TOO_FEW: '样本不足' };

/** GET /api/v1/surveys/{id}/results?groupBy=…; rates are fractions in 0…1, null without answers. */
export type SurveyResultRow = {
  key: string;
  label: string;
  n: number;
  index: number | null;
  satisfactionRate: number | null;
  top2Rate: number | null;
  ci: [number, number] | null;
  awareness: number | null;
  support: number | null;
  status: SurveyStatus;
};
export type SurveyResults = { surveyId: number; groupBy: SurveyGroup; minSample: number; target: number; rows: SurveyResultRow[] };

/** POST /api/v1/admin/surveys/{id}/responses/import (multipart `file`): all rows or none. */
export type SurveyImportResult = { importId: number; rows: number };
/** A refused import: each bad row with its line number (1 = the header line). */
export type SurveyImportRowError = { line: number; column: string | null; message: string };
/**
 * One entry of a SURVEY_IMPORT_INVALID error's `details`: the row problem with `path` set to its column ('' for the
 * whole row) and `message` reading 「第 8 行 Q4 列：“对”须为“是”或“否”」.
 */
export type SurveyImportErrorDetail = SurveyImportRowError & { path: string };

export const surveysListQuery = z.object({ ...paging });
export type SurveysListQuery = z.infer<typeof surveysListQuery>;

/** The import file: multipart field, size and row limits, and the fixed columns before the question codes. */
export const SURVEY_IMPORT_FIELD = 'file';
export const SURVEY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const SURVEY_IMPORT_MAX_ROWS = 20_000;
export const SURVEY_IMPORT_COLUMNS = ['street', 'community', 'ageBand'] as const;
/** YES_NO cells in an import file. */
export const SURVEY_YES = '是';
export const SURVEY_NO = '否';
