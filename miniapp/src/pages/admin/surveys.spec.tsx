import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SurveyInput } from '@sa/contracts';
import Taro from '../../test/fake-taro';
import { typeInto } from '../../test/fields';
import { aSurvey } from '../survey/survey-builders';
import AdminSurveysPage from './surveys';
import { ok, on, pageOf, sentBy, signedInAs } from './admin-test-kit';

const LIST = '/api/v1/admin/surveys';

async function openForm(created = 77) {
  const sent = await signedInAs(
    'ADMIN',
    on('GET', LIST, () => ok(pageOf([]))),
    on('POST', LIST, () => ok({ id: created })),
  );
  const view = render(<AdminSurveysPage />);
  await screen.findByText('还没有满意度测评。');
  act(() => screen.getByText('新建测评').click());
  await screen.findByText('新建满意度测评', { selector: '.card-title' });
  return { sent, ...view };
}

const setDate = (container: HTMLElement, className: string, value: string) =>
  act(() => void fireEvent.change(container.querySelector(`input.${className}`)!, { target: { value } }));
const codes = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLInputElement>('.survey-q-code input')).map((i) => i.value);
const within = (container: HTMLElement, n: number) => container.querySelectorAll<HTMLElement>('.survey-q-edit')[n - 1]!;
const chip = (scope: HTMLElement, label: string) => Array.from(scope.querySelectorAll<HTMLElement>('.chip')).find((c) => c.textContent === label)!;

// The form renders some fifty Taro inputs: slower than the usual five seconds on a busy machine.
describe('满意度测评 (admin): the create form', { timeout: 20_000 }, () => {
  it('starts from the usual question set and sends the campaign as the contract says', async () => {
    const { container, sent } = await openForm(77);
    await waitFor(() => expect(codes(container)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8']));

    await typeInto(container, 'survey-title-input', '2026 年第四季度食品安全满意度测评');
    setDate(container, 'survey-from', '2026-12-01');
    setDate(container, 'survey-to', '2026-12-31');
    act(() => screen.getByText('创建测评').click());

    await waitFor(() => expect(sentBy(sent, 'POST', LIST)).toHaveLength(1));
    const body = sentBy(sent, 'POST', LIST)[0]!.data as SurveyInput;
    expect(body).toMatchObject({ title: '2026 年第四季度食品安全满意度测评', from: '2026-12-01', to: '2026-12-31', minSample: 30, target: 0.8 });
    expect(body.streetIds).toBeUndefined();
    expect(body.questions.slice(0, 3)).toEqual([
      { code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', weight: 1, role: 'OVERALL' },
      { code: 'Q2', text: '您是否知道本区正在创建国家食品安全示范城市？', kind: 'YES_NO', role: 'AWARENESS' },
      { code: 'Q3', text: '您是否支持并愿意参与食品安全社会共治？', kind: 'YES_NO', role: 'SUPPORT' },
    ]);
    expect(body.questions.at(-1)).toMatchObject({ code: 'Q8', kind: 'TEXT' });
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/survey?id=77' }));
  });

  it('adds, moves and removes questions by keyboard', async () => {
    const { container } = await openForm();
    await waitFor(() => expect(codes(container)).toHaveLength(8));

    act(() => void fireEvent.keyDown(screen.getByText('添加题目'), { key: 'Enter' }));
    await waitFor(() => expect(codes(container)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9']));

    act(() => void fireEvent.keyDown(screen.getByLabelText('第 2 题下移'), { key: 'Enter' }));
    await waitFor(() => expect(codes(container).slice(0, 3)).toEqual(['Q1', 'Q3', 'Q2']));
    // The first question cannot move up, the last cannot move down.
    expect(screen.getByLabelText('第 1 题上移').getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByLabelText('第 9 题下移').getAttribute('aria-disabled')).toBe('true');

    act(() => void fireEvent.keyDown(screen.getByLabelText('删除第 1 题'), { key: ' ' }));
    await waitFor(() => expect(codes(container)).toEqual(['Q3', 'Q2', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9']));
    expect(screen.getByText('题目（8 道）')).toBeTruthy();
  });

  it('refuses a missing title, a role on the wrong kind and an empty street choice before sending', async () => {
    const { container, sent } = await openForm();
    await waitFor(() => expect(codes(container)).toHaveLength(8));

    act(() => chip(within(container, 4), '知晓率').click());
    act(() => screen.getByText('全区所有街道').click());
    await typeInto(container, 'survey-q-code-5', 'Q4');
    act(() => screen.getByText('创建测评').click());

    expect(await screen.findByText('请填写测评名称')).toBeTruthy();
    expect(screen.getByText('请选择开始日期')).toBeTruthy();
    expect(screen.getByText('请选择至少一个街道，或选择面向全区')).toBeTruthy();
    // Beside the question it is about.
    expect(within(container, 4).textContent).toContain('第 2 题已是知晓率题，每种题目角色最多一道题');
    expect(within(container, 4).textContent).toContain('知晓率题须为是否题');
    expect(within(container, 6).textContent).toContain('题目编号 Q4 与第 4 题重复');
    expect(sentBy(sent, 'POST', LIST)).toHaveLength(0);
  });

  it('sends the chosen streets when the campaign is not for the whole district', async () => {
    const { container, sent } = await openForm();
    await typeInto(container, 'survey-title-input', '示范街区专项测评');
    setDate(container, 'survey-from', '2026-12-01');
    setDate(container, 'survey-to', '2026-12-15');
    await typeInto(container, 'survey-target', '85');
    act(() => screen.getByText('全区所有街道').click());
    act(() => screen.getByText('第2街道').click());
    act(() => screen.getByText('创建测评').click());

    await waitFor(() => expect(sentBy(sent, 'POST', LIST)).toHaveLength(1));
    expect(sentBy(sent, 'POST', LIST)[0]!.data).toMatchObject({ streetIds: [20], target: 0.85 });
  });
});

describe('满意度测评 (admin): the list', () => {
  it('shows each campaign with its state, scope and number of answers, and opens it', async () => {
    const survey = aSurvey({ title: '第四季度测评', responses: 117, streets: [{ id: 10, name: '第1街道' }] });
    await signedInAs('ADMIN', on('GET', LIST, () => ok(pageOf([survey]))));
    const { container } = render(<AdminSurveysPage />);

    await screen.findByText('第四季度测评', { exact: false });
    const row = container.querySelector<HTMLElement>('.survey-row')!;
    expect(row.textContent).toContain('开放中');
    expect(row.textContent).toContain('第1街道 · 答卷 117 份 · 3 道题');
    act(() => void fireEvent.keyDown(row, { key: 'Enter' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/admin/survey?id=${survey.id}` });
  });
});
