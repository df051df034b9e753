import { surveyResponseInput, type AgeBand, type SurveyResponseInput, type SurveyView } from '@sa/contracts';

export type Answer = number | boolean | string;

/** What the resident has filled in so far. */
export type AnswerForm = {
  streetId: number | null;
  communityId: number | null;
  ageBand: AgeBand | null;
  /** by question code */
  answers: Record<string, Answer>;
};

export const emptyAnswerForm = (): AnswerForm => ({ streetId: null, communityId: null, ageBand: null, answers: {} });

/** Errors by field: streetId, ageBand, or a question's code. */
export type AnswerErrors = Record<string, string>;

/**
 * The answer sheet as the server will check it: street and age band given, every 五级 and 是否 question answered
 * (a text question may stay empty). Either the request body or the errors, in question order.
 */
export function checkAnswerForm(survey: Pick<SurveyView, 'questions'>, form: AnswerForm): { input: SurveyResponseInput } | { errors: AnswerErrors } {
  const errors: AnswerErrors = {};
  if (form.streetId === null) errors.streetId = '请选择您居住的街道';
  if (form.ageBand === null) errors.ageBand = '请选择年龄段';
  const answers: SurveyResponseInput['answers'] = {};
  survey.questions.forEach((q, i) => {
    const given = form.answers[q.code];
    if (q.kind === 'TEXT') {
      if (typeof given === 'string' && given.trim() !== '') answers[q.code] = given.trim();
      return;
    }
    if (given === undefined) errors[q.code] = `请回答第 ${i + 1} 题`;
    else answers[q.code] = given;
  });
  if (Object.keys(errors).length > 0) return { errors };
  const parsed = surveyResponseInput.safeParse({
    streetId: form.streetId,
    communityId: form.communityId ?? undefined,
    ageBand: form.ageBand,
    answers,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'answers' ? String(issue.path[1] ?? 'form') : String(issue.path[0] ?? 'form');
      errors[field] ??= issue.message;
    }
    return { errors };
  }
  return { input: parsed.data };
}
