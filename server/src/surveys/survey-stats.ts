import { LIKERT_SCORES, type SurveyQuestionKind, type SurveyQuestionRole, type SurveyStatus } from '@sa/contracts';

/** What the figures need of a question. */
export type StatQuestion = { id: number; kind: SurveyQuestionKind; weight: number; role: SurveyQuestionRole | null };
/** One respondent's answers: question id → LIKERT5 1–5, YES_NO 1 (是) / 0 (否); unanswered questions are absent. */
export type StatRespondent = { answers: ReadonlyMap<number, number> };

/** The figures of one unit (the district, a street, a community), before it is labelled. */
export type UnitFigures = {
  n: number;
  index: number | null;
  satisfactionRate: number | null;
  top2Rate: number | null;
  ci: [number, number] | null;
  awareness: number | null;
  support: number | null;
  status: SurveyStatus;
};

/** 95 % two-sided normal quantile. */
export const Z95 = 1.96;

export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * f) / f;
};
const rate = (value: number) => round(value, 4);
// An interval is rounded outwards, so the one shown still holds the computed one and 达标 is never rounded into.
const floor4 = (value: number) => Math.floor(value * 1e4 + 1e-9) / 1e4;
const ceil4 = (value: number) => Math.ceil(value * 1e4 - 1e-9) / 1e4;

/**
 * A respondent's index: Σ wᵢ·sᵢ / Σ wᵢ over the LIKERT5 questions they answered (s = 100/80/60/40/20 for 5…1);
 * null when they answered none.
 */
export function respondentIndex(questions: readonly StatQuestion[], answers: ReadonlyMap<number, number>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const q of questions) {
    if (q.kind !== 'LIKERT5') continue;
    const value = answers.get(q.id);
    const score = value === undefined ? undefined : LIKERT_SCORES[value];
    if (score === undefined) continue;
    weighted += q.weight * score;
    weights += q.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/** The Wilson score interval of `successes` out of `n` (z = 1.96 for 95 %), unrounded; null for n = 0. */
export function wilson(successes: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * 达标 judged on the interval as shown (4 decimals, rounded outwards): TOO_FEW when fewer than `minSample` answered the overall
 * question, MET when the lower bound reaches the target, NOT_MET when the upper bound is below it, else UNCERTAIN.
 */
export function surveyStatus(sample: number, ci: [number, number] | null, minSample: number, target: number): SurveyStatus {
  if (sample < minSample || !ci) return 'TOO_FEW';
  if (ci[0] >= target) return 'MET';
  if (ci[1] < target) return 'NOT_MET';
  return 'UNCERTAIN';
}

/**
 * The figures of one unit as issue 8 defines them. `index` is the mean of the respondents' indexes (0–100, two
 * decimals); `satisfactionRate` the share answering the OVERALL question 3 or more (基本满意 and above), `top2Rate`
 * 4 or 5, both over those who answered it; `ci` the 95 % Wilson interval of `satisfactionRate`, rounded outwards to 4 decimals; `awareness` and
 * `support` the shares answering 是. Rates are fractions rounded to 4 decimals, null when no one answered.
 */
export function unitFigures(questions: readonly StatQuestion[], respondents: readonly StatRespondent[], minSample: number, target: number): UnitFigures {
  const overall = questions.find((q) => q.role === 'OVERALL');
  const awareness = questions.find((q) => q.role === 'AWARENESS');
  const support = questions.find((q) => q.role === 'SUPPORT');

  let indexSum = 0;
  let indexed = 0;
  let overallN = 0;
  let satisfied = 0;
  let top2 = 0;
  const yes = { awareness: { yes: 0, n: 0 }, support: { yes: 0, n: 0 } };
  for (const r of respondents) {
    const index = respondentIndex(questions, r.answers);
    if (index !== null) {
      indexSum += index;
      indexed += 1;
    }
    const o = overall ? r.answers.get(overall.id) : undefined;
    if (o !== undefined && o >= 1 && o <= 5) {
      overallN += 1;
      if (o >= 3) satisfied += 1;
      if (o >= 4) top2 += 1;
    }
    for (const [key, q] of [['awareness', awareness], ['support', support]] as const) {
      const a = q ? r.answers.get(q.id) : undefined;
      if (a === 0 || a === 1) {
        yes[key].yes += a;
        yes[key].n += 1;
      }
    }
  }
  const interval = wilson(satisfied, overallN);
  const ci: [number, number] | null = interval ? [floor4(interval[0]), ceil4(interval[1])] : null;
  const share = (c: { yes: number; n: number }) => (c.n ? rate(c.yes / c.n) : null);
  return {
    n: respondents.length,
    index: indexed ? round(indexSum / indexed, 2) : null,
    satisfactionRate: overallN ? rate(satisfied / overallN) : null,
    top2Rate: overallN ? rate(top2 / overallN) : null,
    ci,
    awareness: share(yes.awareness),
    support: share(yes.support),
    status: surveyStatus(overallN, ci, minSample, target),
  };
}
