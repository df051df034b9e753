import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SurveyGroup, SurveyResultRow, SurveyResults, SurveyView } from '@sa/contracts';
import Taro, { routerParams } from '../../test/fake-taro';
import { path } from '../../test/fake-server';
import { aResultRow, aSurvey } from '../survey/survey-builders';
import AdminSurveyPage from './survey';
import { ok, on, sentBy, signedInAs } from './admin-test-kit';

const results = (survey: SurveyView, groupBy: SurveyGroup, rows: SurveyResultRow[]): SurveyResults => ({ surveyId: survey.id, groupBy, minSample: 30, target: 0.8, rows });

async function openSurvey(survey: SurveyView, byGroup: Partial<Record<SurveyGroup, SurveyResultRow[]>> = {}) {
  routerParams.id = String(survey.id);
  const sent = await signedInAs(
    'ADMIN',
    on('GET', `/api/v1/admin/surveys/${survey.id}`, () => ok(survey)),
    (req) => {
      if (req.method !== 'GET' || path(req) !== `/api/v1/surveys/${survey.id}/results`) return undefined;
      const groupBy = new URL(req.url).searchParams.get('groupBy') as SurveyGroup;
      return ok(results(survey, groupBy, byGroup[groupBy] ?? []));
    },
  );
  const view = render(<AdminSurveyPage />);
  await screen.findByText('导入入户调查结果');
  return { sent, ...view };
}

/** The h5 file input: a user picks one file. */
function pickFile(container: HTMLElement, name: string, content: string) {
  const input = container.querySelector<HTMLInputElement>('input.survey-file')!;
  const file = new File([content], name, { type: 'text/csv' });
  act(() => void fireEvent.change(input, { target: { files: [file] } }));
}

const uploadReplies = (statusCode: number, body: unknown) =>
  Taro.uploadFile.mockImplementation(async () => ({ statusCode, data: JSON.stringify(body), errMsg: 'uploadFile:ok' }));

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:survey-file');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

describe('满意度测评 (admin): one campaign', () => {
  it('lists every bad cell of a refused import by line and column, and says nothing was imported', async () => {
    const survey = aSurvey({ responses: 0 });
    const { container } = await openSurvey(survey);
    uploadReplies(400, {
      code: 'SURVEY_IMPORT_INVALID',
      message: '导入文件有 2 行共 2 处错误，整份文件未导入，请按行号修改后重新导入：第 3 行 Q1 列：须为 1–5 的整数；第 7 行 street 列：没有名为“东湖街”的街道',
      details: [
        { path: 'Q1', message: '第 3 行 Q1 列：须为 1–5 的整数', line: 3, column: 'Q1' },
        { path: 'street', message: '第 7 行 street 列：没有名为“东湖街”的街道', line: 7, column: 'street' },
      ],
    });

    pickFile(container, '入户调查.csv', 'street,community,ageBand,Q1,Q2,Q3\n');
    expect(screen.getByText('已选择：入户调查.csv')).toBeTruthy();
    act(() => screen.getByText('导入').click());

    const table = await screen.findByRole('table', { name: '导入错误' });
    const rows = Array.from(table.querySelectorAll('.survey-error-row')).map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ['第 3 行', 'Q1', '须为 1–5 的整数'],
      ['第 7 行', 'street', '没有名为“东湖街”的街道'],
    ]);
    expect(screen.getByText('导入文件有错误，整份文件未导入。请按行号修改后重新导入（共列出 2 处）：')).toBeTruthy();
    // Sent as multipart with the admin's token and the file's own name.
    expect(Taro.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringContaining(`/api/v1/admin/surveys/${survey.id}/responses/import`), filePath: 'blob:survey-file', name: 'file', fileName: '入户调查.csv', header: expect.objectContaining({ Authorization: 'Bearer tok' }) }),
    );
  });

  it('says how many answers a good file added and reads the counts and figures again', async () => {
    const survey = aSurvey({ responses: 0 });
    const { sent, container } = await openSurvey(survey, { district: [aResultRow()] });
    uploadReplies(200, { importId: 5, rows: 117 });
    await screen.findByRole('table', { name: '测评结果' });
    const before = sentBy(sent, 'GET', `/api/v1/admin/surveys/${survey.id}`).length;

    pickFile(container, 'interviews.csv', 'street\n');
    act(() => screen.getByText('导入').click());

    expect(await screen.findByText('已导入 117 份答卷。')).toBeTruthy();
    await waitFor(() => expect(sentBy(sent, 'GET', `/api/v1/admin/surveys/${survey.id}`).length).toBe(before + 1));
  });

  it('shows the figures of each unit, the status in words and marks the units below the minimum sample', async () => {
    const survey = aSurvey({ responses: 140 });
    const { sent } = await openSurvey(survey, {
      district: [aResultRow({ label: '示范区', n: 140 })],
      street: [
        aResultRow({ label: '第1街道', n: 117, status: 'UNCERTAIN' }),
        aResultRow({ label: '第2街道', n: 23, index: 90.43, satisfactionRate: 0.913, top2Rate: 0.8261, ci: [0.7326, 0.9758], awareness: null, support: 1, status: 'TOO_FEW' }),
        aResultRow({ label: '第3街道', n: 0, index: null, satisfactionRate: null, top2Rate: null, ci: null, awareness: null, support: null, status: 'TOO_FEW' }),
      ],
    });

    const table = await screen.findByRole('table', { name: '测评结果' });
    const cells = (row: Element) => Array.from(row.children).map((c) => c.textContent);
    expect(cells(table.querySelector('.survey-th')!)).toEqual(['单位', '样本量', '满意度指数', '满意率', '95% 区间', '前两档占比', '知晓率', '支持率', '结论']);
    expect(cells(table.querySelector('.survey-result-row')!)).toEqual(['示范区', '140', '81.7', '80.3%', '72.2%–86.5%', '61.5%', '71.8%', '94.0%', '≈ 待定（区间跨越目标）']);

    act(() => screen.getByText('街道', { selector: '.chip' }).click());
    await waitFor(() => expect(screen.getByText('第2街道', { selector: '.survey-unit' })).toBeTruthy());
    expect(sentBy(sent, 'GET', `/api/v1/surveys/${survey.id}/results`).map((r) => new URL(r.url).searchParams.get('groupBy'))).toEqual(['district', 'street']);

    const rows = Array.from(screen.getByRole('table', { name: '测评结果' }).querySelectorAll('.survey-result-row'));
    expect(rows.map((r) => r.classList.contains('survey-row-few'))).toEqual([false, true, true]);
    expect(cells(rows[1]!)).toEqual(['第2街道', '23', '90.4', '91.3%', '73.3%–97.6%', '82.6%', '暂无', '100.0%', '… 样本不足少于 30 份，仅供参考']);
    // No answers is not 0 %.
    expect(cells(rows[2]!).slice(0, 8)).toEqual(['第3街道', '0', '暂无', '暂无', '暂无', '暂无', '暂无', '暂无']);
    expect(rows[1]!.querySelector('.survey-status-TOO_FEW')!.textContent).toContain('样本不足');
  });

  it('downloads the import template with the token on h5', async () => {
    const survey = aSurvey();
    await openSurvey(survey);
    Taro.downloadFile.mockImplementation(async () => ({ statusCode: 200, tempFilePath: 'blob:template', errMsg: 'downloadFile:ok' }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    expect(screen.getByText('street,community,ageBand,Q1,Q2,Q3')).toBeTruthy();
    act(() => screen.getByText('下载导入模板').click());

    expect(await screen.findByText(`已下载 survey-${survey.id}-import-template.csv`)).toBeTruthy();
    expect(click).toHaveBeenCalled();
    expect(Taro.downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringContaining(`/api/v1/admin/surveys/${survey.id}/import-template.csv`), header: { Authorization: 'Bearer tok' } }),
    );
  });

  it('offers deletion only while the campaign has no answers', async () => {
    await openSurvey(aSurvey({ responses: 3 }));
    expect(screen.getByText('已收答卷 3 份 · 最小样本量 30 份 · 目标满意率 80.0%', { exact: false })).toBeTruthy();
    expect(screen.queryByText('删除测评')).toBeNull();
  });
});
