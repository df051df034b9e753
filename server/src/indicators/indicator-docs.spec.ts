import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '@sa/contracts';
import { INDICATOR_DEFINITIONS, INDICATOR_DEFINITION_LIST, indicatorStatus } from './indicator-definitions';

const doc = readFileSync(join(__dirname, '../../../docs/indicators.md'), 'utf8');

/** The section of docs/indicators.md for one code: from its heading to the next. */
function section(code: string): string {
  const start = doc.indexOf(`### ${code} — `);
  if (start < 0) return '';
  const next = doc.indexOf('\n### ', start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}

describe('docs/indicators.md and the registry', () => {
  it('has all 15 codes, each with one definition in the registry', () => {
    expect(INDICATOR_DEFINITION_LIST.map((d) => d.code)).toEqual([...INDICATOR_CODES]);
    for (const d of INDICATOR_DEFINITION_LIST) {
      for (const text of [d.name, d.numerator, d.denominator, d.window, d.excluded]) expect(text, d.code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(INDICATOR_CODES)('%s: the doc gives the same name, target and definition', (code) => {
    const d = INDICATOR_DEFINITIONS[code];
    const text = section(code);
    expect(text, `no section for ${code}`).not.toBe('');
    expect(text.split('\n')[0]).toBe(`### ${code} — ${d.name}`);
    const target = /- 目标：(≥|≤) ([\d.]+)(%| 个工作日| 批次\/千人·年)/.exec(text);
    expect(target, `no target line for ${code}`).not.toBeNull();
    const [, sign, number, unit] = target!;
    expect(sign).toBe(d.direction === 'AT_LEAST' ? '≥' : '≤');
    expect(unit).toBe({ RATIO: '%', WORKING_DAYS: ' 个工作日', PER_1000_PER_YEAR: ' 批次/千人·年' }[d.unit]);
    expect(unit === '%' ? Number(number) / 100 : Number(number)).toBeCloseTo(d.target, 10);
    for (const [label, value] of [['分子', d.numerator], ['分母', d.denominator], ['时间窗口', d.window], ['不计入', d.excluded]]) {
      expect(text).toContain(`- ${label}：${value}`);
    }
  });

  it('states the targets of the brief', () => {
    const targets = Object.fromEntries(INDICATOR_DEFINITION_LIST.map((d) => [d.code, [d.direction, d.target, d.minSample]]));
    expect(targets.RATING_SATISFACTION).toEqual(['AT_LEAST', 0.9, 30]);
    expect(targets.RATING_TOP2).toEqual(['AT_LEAST', 0.8, 30]);
    expect(targets.REOPEN).toEqual(['AT_MOST', 0.05, 1]);
    expect(targets.REPEAT_COMPLAINT).toEqual(['AT_MOST', 0.1, 1]);
    expect(targets.MEDIAN_HANDLING_WD).toEqual(['AT_MOST', 15, 1]);
    expect(targets.SAMPLING_PER_1000?.slice(0, 2)).toEqual(['AT_LEAST', 4]);
    for (const code of ['ON_TIME_ACCEPTANCE', 'ON_TIME_COMPLETION', 'VERIFICATION_COMPLETION', 'CASE_HANDLING', 'PENALTY_DISCLOSURE', 'CALLBACK', 'RECTIFICATION_ON_TIME', 'BAOBAO_COVERAGE', 'COMMITMENT_SIGNED']) {
      expect(targets[code]?.slice(0, 2), code).toEqual(['AT_LEAST', 1]);
    }
  });

  it('judges a figure: 暂无数据 without a denominator, 样本不足 below the minimum, then against the target', () => {
    const sat = INDICATOR_DEFINITIONS.RATING_SATISFACTION;
    expect(indicatorStatus(sat, null, 0)).toBe('NO_DATA');
    expect(indicatorStatus(sat, 1, 29)).toBe('TOO_FEW');
    expect(indicatorStatus(sat, 0.9, 30)).toBe('MET');
    expect(indicatorStatus(sat, 0.8999, 30)).toBe('NOT_MET');
    expect(indicatorStatus(INDICATOR_DEFINITIONS.REOPEN, 0.05, 20)).toBe('MET');
    expect(indicatorStatus(INDICATOR_DEFINITIONS.REOPEN, 0.0501, 20)).toBe('NOT_MET');
    expect(indicatorStatus(INDICATOR_DEFINITIONS.MEDIAN_HANDLING_WD, 15, 3)).toBe('MET');
  });
});
