import { describe, expect, it } from 'vitest';
import { respondentIndex, type StatQuestion, type StatRespondent, surveyStatus, unitFigures, wilson } from './survey-stats';

const Q: StatQuestion[] = [
  { id: 1, kind: 'LIKERT5', weight: 2, role: 'OVERALL' },
  { id: 2, kind: 'LIKERT5', weight: 1, role: null },
  { id: 3, kind: 'LIKERT5', weight: 1, role: null },
  { id: 4, kind: 'YES_NO', weight: 1, role: 'AWARENESS' },
  { id: 5, kind: 'YES_NO', weight: 1, role: 'SUPPORT' },
  { id: 6, kind: 'TEXT', weight: 1, role: null },
];
const who = (answers: Record<number, number>): StatRespondent => ({ answers: new Map(Object.entries(answers).map(([k, v]) => [Number(k), v])) });

describe('respondent index', () => {
  it('weights the LIKERT5 scores (100/80/60/40/20) over the questions answered', () => {
    // (2·100 + 80 + 60) / 4 = 85
    expect(respondentIndex(Q, who({ 1: 5, 2: 4, 3: 3, 4: 1 }).answers)).toBe(85);
    // Q2 unanswered: (2·40 + 20) / 3
    expect(respondentIndex(Q, who({ 1: 2, 3: 1 }).answers)).toBeCloseTo(100 / 3, 10);
    expect(respondentIndex(Q, who({ 4: 1 }).answers)).toBeNull();
  });
});

describe('Wilson interval', () => {
  it('gives issue 8’s example: 94 of 117 → [0.72226, 0.86528] unrounded', () => {
    const [lo, hi] = wilson(94, 117)!;
    expect(lo).toBeCloseTo(0.72226, 5);
    expect(hi).toBeCloseTo(0.86528, 5);
  });
  it('stays inside 0…1 at the edges and is null without a sample', () => {
    const [lo0, hi0] = wilson(0, 10)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775, 4);
    const [lo1, hi1] = wilson(10, 10)!;
    expect(lo1).toBeCloseTo(0.7225, 4);
    expect(hi1).toBe(1);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('status', () => {
  it('is TOO_FEW below the minimum sample, else judged on the interval against the target', () => {
    expect(surveyStatus(29, [0.9, 0.95], 30, 0.8)).toBe('TOO_FEW');
    expect(surveyStatus(30, [0.8, 0.95], 30, 0.8)).toBe('MET');
    expect(surveyStatus(30, [0.6, 0.7999], 30, 0.8)).toBe('NOT_MET');
    expect(surveyStatus(30, [0.7222, 0.8653], 30, 0.8)).toBe('UNCERTAIN');
  });
});

describe('unit figures', () => {
  it('computes issue 8’s example: 94 of 117 satisfied → 0.8034, interval rounded outwards to [0.7222, 0.8653]', () => {
    // 117 respondents on the overall question: 30 × 5, 40 × 4, 24 × 3, 13 × 2, 10 × 1.
    const answers = [...Array(30).fill(5), ...Array(40).fill(4), ...Array(24).fill(3), ...Array(13).fill(2), ...Array(10).fill(1)] as number[];
    const f = unitFigures(Q, answers.map((a) => who({ 1: a })), 30, 0.8);
    expect(f.n).toBe(117);
    expect(f.satisfactionRate).toBe(0.8034);
    expect(f.top2Rate).toBe(0.5983); // 70 / 117
    expect(f.ci).toEqual([0.7222, 0.8653]);
    expect(f.status).toBe('UNCERTAIN');
    // (30·100 + 40·80 + 24·60 + 13·40 + 10·20) / 117 = 8360 / 117
    expect(f.index).toBe(71.45);
  });

  it('averages the weighted respondent indexes and counts 是 over those who answered', () => {
    const f = unitFigures(Q, [who({ 1: 5, 2: 4, 3: 3, 4: 1, 5: 1 }), who({ 1: 2, 3: 1, 4: 0 }), who({ 1: 3, 2: 3, 3: 3, 4: 1, 5: 0 })], 2, 0.8);
    // 85, 33.33…, 60 → 59.444…
    expect(f.index).toBe(59.44);
    expect(f.satisfactionRate).toBe(0.6667);
    expect(f.top2Rate).toBe(0.3333);
    expect(f.awareness).toBe(0.6667);
    // the second respondent did not answer SUPPORT: 1 of 2
    expect(f.support).toBe(0.5);
    // 2 of 3: the interval [0.2077, 0.9385] spans the target
    expect(f.ci).toEqual([0.2076, 0.9386]);
    expect(f.status).toBe('UNCERTAIN');
  });

  it('leaves every figure null when no one answered, and says the sample is too small', () => {
    expect(unitFigures(Q, [], 30, 0.8)).toEqual({ n: 0, index: null, satisfactionRate: null, top2Rate: null, ci: null, awareness: null, support: null, status: 'TOO_FEW' });
    const noRoles = Q.map((q) => ({ ...q, role: null }));
    const f = unitFigures(noRoles, [who({ 1: 5 })], 1, 0.8);
    expect(f).toMatchObject({ n: 1, index: 100, satisfactionRate: null, ci: null, awareness: null, status: 'TOO_FEW' });
  });
});
