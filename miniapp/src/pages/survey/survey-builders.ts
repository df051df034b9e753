// Test support for the survey specs: what the survey endpoints answer. Not imported by any page.
import type { OpenSurvey, SurveyQuestionView, SurveyResultRow, SurveyView } from '@sa/contracts';

let nextId = 900;

export function aQuestion(overrides: Partial<SurveyQuestionView> = {}): SurveyQuestionView {
  const id = nextId++;
  return { id, code: `Q${id}`, text: `题目${id}`, kind: 'LIKERT5', weight: 1, role: null, ...overrides };
}

/** Q1 overall (five levels), Q2 awareness (yes/no), Q3 a text question. */
export function aSurvey(overrides: Partial<SurveyView> = {}): SurveyView {
  return {
    id: nextId++,
    title: '2026 年第四季度食品安全满意度测评',
    description: '请根据您的亲身感受作答。',
    from: '2026-11-20',
    to: '2026-12-20',
    open: true,
    streets: [],
    minSample: 30,
    target: 0.8,
    questions: [
      aQuestion({ code: 'Q1', text: '您对本区食品安全状况总体是否满意？', role: 'OVERALL' }),
      aQuestion({ code: 'Q2', text: '您是否知道本区正在创建食品安全示范城市？', kind: 'YES_NO', role: 'AWARENESS' }),
      aQuestion({ code: 'Q3', text: '您有什么意见和建议？', kind: 'TEXT' }),
    ],
    responses: 0,
    ...overrides,
  };
}

export const anOpenSurvey = (overrides: Partial<OpenSurvey> = {}): OpenSurvey => ({ ...aSurvey(), answered: false, ...overrides });

export function aResultRow(overrides: Partial<SurveyResultRow> = {}): SurveyResultRow {
  return {
    key: String(nextId++),
    label: '示范区',
    n: 117,
    index: 81.7,
    satisfactionRate: 0.8034,
    top2Rate: 0.6154,
    ci: [0.7222, 0.8653],
    awareness: 0.7179,
    support: 0.9402,
    status: 'UNCERTAIN',
    ...overrides,
  };
}
