import { surveyInput, SURVEY_DEFAULT_MIN_SAMPLE, SURVEY_DEFAULT_TARGET, type SurveyInput, type SurveyQuestionKind, type SurveyQuestionRole } from '@sa/contracts';

/** One question as the editor holds it: text fields as typed, a stable key for React and the focus. */
export type DraftQuestion = { key: number; code: string; text: string; kind: SurveyQuestionKind; weight: string; role: SurveyQuestionRole | null };

export type SurveyDraft = {
  title: string;
  description: string;
  from: string;
  to: string;
  allStreets: boolean;
  streetIds: number[];
  minSample: string;
  /** percent, as typed: 80 */
  target: string;
  questions: DraftQuestion[];
};

let nextKey = 1;
export const newQuestion = (fields: Partial<Omit<DraftQuestion, 'key'>> = {}): DraftQuestion => ({
  key: nextKey++,
  code: '',
  text: '',
  kind: 'LIKERT5',
  weight: '1',
  role: null,
  ...fields,
});

/** The usual questionnaire of a 食品安全满意度 campaign, to be edited rather than typed from nothing. */
export const defaultQuestions = (): DraftQuestion[] => [
  newQuestion({ code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', role: 'OVERALL' }),
  newQuestion({ code: 'Q2', text: '您是否知道本区正在创建国家食品安全示范城市？', kind: 'YES_NO', weight: '', role: 'AWARENESS' }),
  newQuestion({ code: 'Q3', text: '您是否支持并愿意参与食品安全社会共治？', kind: 'YES_NO', weight: '', role: 'SUPPORT' }),
  newQuestion({ code: 'Q4', text: '您对居住地周边餐饮店的卫生状况是否满意？' }),
  newQuestion({ code: 'Q5', text: '您对农贸市场、超市销售食品的质量安全是否满意？' }),
  newQuestion({ code: 'Q6', text: '您对学校、幼儿园食堂及校园周边食品安全是否满意？' }),
  newQuestion({ code: 'Q7', text: '您对食品安全投诉举报的受理和处理是否满意？' }),
  newQuestion({ code: 'Q8', text: '您对改进本区食品安全工作有什么意见和建议？', kind: 'TEXT', weight: '', role: null }),
];

export const emptyDraft = (): SurveyDraft => ({
  title: '',
  description: '',
  from: '',
  to: '',
  allStreets: true,
  streetIds: [],
  minSample: String(SURVEY_DEFAULT_MIN_SAMPLE),
  target: String(SURVEY_DEFAULT_TARGET * 100),
  questions: defaultQuestions(),
});

/** Errors by path: title, from, to, streetIds, minSample, target, questions, questions.2.code … */
export type DraftErrors = Record<string, string>;

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The request body, checked by the contract schema, or the errors by path in Chinese. */
export function checkDraft(draft: SurveyDraft): { input: SurveyInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const minSample = numberOrNaN(draft.minSample);
  if (!Number.isInteger(minSample) || minSample < 1 || minSample > 10_000) errors.minSample = '最小样本量须为 1–10000 的整数';
  const targetPercent = numberOrNaN(draft.target);
  if (!(targetPercent > 0 && targetPercent <= 100)) errors.target = '目标满意率须为大于 0、不超过 100 的百分数';
  if (!draft.allStreets && draft.streetIds.length === 0) errors.streetIds = '请选择至少一个街道，或选择面向全区';
  if (!draft.from) errors.from = '请选择开始日期';
  if (!draft.to) errors.to = '请选择结束日期';
  const questions = draft.questions.map((q, i) => {
    let weight: number | undefined;
    if (q.kind === 'LIKERT5' && q.weight.trim() !== '') {
      weight = Number(q.weight.trim());
      if (!(weight > 0 && weight <= 100)) errors[`questions.${i}.weight`] = '权重须为大于 0、不超过 100 的数';
    }
    return { code: q.code, text: q.text, kind: q.kind, ...(weight !== undefined ? { weight } : {}), ...(q.role ? { role: q.role } : {}) };
  });
  const parsed = surveyInput.safeParse({
    title: draft.title,
    description: draft.description.trim() === '' ? undefined : draft.description,
    from: draft.from,
    to: draft.to,
    questions,
    streetIds: draft.allStreets ? undefined : draft.streetIds,
    minSample,
    target: Math.round(targetPercent * 10) / 1000,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      // Figures already checked above say it in their own words.
      if (path[0] === 'minSample' || path[0] === 'target' || (path[0] === 'from' && !draft.from) || (path[0] === 'to' && !draft.to)) continue;
      if (path[0] === 'questions' && path[3] === 'weight') continue;
      const key = path[0] === 'questions' && path.length >= 3 ? path.slice(0, 3).join('.') : (path[0] ?? 'form');
      errors[key] ??= chinese(issue.message, path);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors: Object.keys(errors).length > 0 ? errors : { form: '请检查填写的内容' } };
  return { input: parsed.data };
}

/** zod's own messages are English; the contract's custom ones are Chinese already. */
function chinese(message: string, path: string[]): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  const field = path[path.length - 1];
  if (field === 'code') return '请填写题目编号';
  if (field === 'text') return '请填写题目';
  if (field === 'title') return '请填写测评名称';
  if (field === 'from' || field === 'to') return '日期格式不正确';
  if (field === 'questions') return '题目数量须为 1–50 道';
  return '格式不正确';
}
