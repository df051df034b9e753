import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { routerParams, storage } from '../../test/fake-taro';
import { aMe, someAreas } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import SurveyAnswerPage from './answer';
import SurveyListPage from './index';
import { aSurvey, anOpenSurvey } from './survey-builders';

type Reply = { statusCode: number; data?: unknown };
const ok = (data: unknown): Reply => ({ statusCode: 200, data });
const verified = aMe({ phoneMasked: '138****0000' });

async function open(survey = aSurvey(), me: Me | null = verified, extra: (req: SentRequest) => Reply | undefined = () => undefined, answered = false) {
  routerParams.id = String(survey.id);
  const sent = serve(
    (req) => (me && path(req) === '/api/v1/me' ? ok(me) : undefined),
    (req) => (path(req) === '/api/v1/areas' ? ok(someAreas()) : undefined),
    (req) => (req.method === 'GET' && path(req) === `/api/v1/surveys/${survey.id}` ? ok(survey) : undefined),
    (req) => (path(req) === '/api/v1/surveys/open' ? ok([{ ...survey, answered }]) : undefined),
    extra,
  );
  if (me) storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  const view = render(<SurveyAnswerPage />);
  await screen.findByText(survey.title);
  return { sent, ...view };
}

const posts = (sent: SentRequest[], id: number) => sent.filter((r) => r.method === 'POST' && path(r) === `/api/v1/surveys/${id}/responses`);
const radio = (container: HTMLElement, group: string, label: string) =>
  Array.from(container.querySelectorAll<HTMLElement>(`.${group} [role=radio]`)).find((el) => el.textContent?.replace(/[●○]/g, '').trim() === label)!;
const choose = (container: HTMLElement, group: string, label: string) => act(() => radio(container, group, label).click());

describe('参加满意度测评', () => {
  it('names every unanswered required item before sending anything, and leaves the text question optional', async () => {
    const survey = aSurvey();
    const { container, sent } = await open(survey);

    act(() => screen.getByText('提交答卷').click());

    expect(await screen.findByText('请选择您居住的街道')).toBeTruthy();
    expect(screen.getByText('请选择年龄段')).toBeTruthy();
    expect(screen.getByText('请回答第 1 题')).toBeTruthy();
    expect(screen.getByText('请回答第 2 题')).toBeTruthy();
    expect(screen.queryByText('请回答第 3 题')).toBeNull();
    expect(screen.getByText('还有 4 处未填写，请按红色提示补充后再提交。')).toBeTruthy();
    const q1 = container.querySelector('.survey-q-Q1 [role=radiogroup]')!;
    expect(q1.getAttribute('aria-invalid')).toBe('true');
    // A screen reader hears why, with the group.
    expect(document.getElementById(q1.getAttribute('aria-describedby')!)?.textContent).toBe('请回答第 1 题');
    expect(posts(sent, survey.id)).toHaveLength(0);

    // Answering a question takes its message away.
    choose(container, 'survey-q-Q1', '满意');
    expect(screen.queryByText('请回答第 1 题')).toBeNull();
  });

  it('sends street, community, age band and answers, chosen by keyboard, and thanks the resident', async () => {
    const survey = aSurvey();
    const { container, sent } = await open(survey, verified, (req) => (req.method === 'POST' ? ok({ id: 1 }) : undefined));

    // Five choices from 非常满意 to 非常不满意, one tab stop; the arrow keys move the choice from the focused one
    // (the first while none is chosen), as in the browser's own radio groups.
    const likert = Array.from(container.querySelectorAll<HTMLElement>('.survey-q-Q1 [role=radio]'));
    expect(likert.map((el) => el.textContent?.replace(/[●○]/g, '').trim())).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(likert.map((el) => el.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1']);
    act(() => void fireEvent.keyDown(likert[0]!, { key: 'ArrowRight' }));
    await waitFor(() => expect(radio(container, 'survey-q-Q1', '满意').getAttribute('aria-checked')).toBe('true'));
    expect(radio(container, 'survey-q-Q1', '满意').getAttribute('tabindex')).toBe('0');
    // Two quick presses, the second before the page has re-rendered: each moves on (round from the first to the last).
    act(() => {
      const at = radio(container, 'survey-q-Q1', '满意');
      fireEvent.keyDown(at, { key: 'ArrowLeft' });
      fireEvent.keyDown(at, { key: 'ArrowLeft' });
    });
    await waitFor(() => expect(radio(container, 'survey-q-Q1', '非常不满意').getAttribute('aria-checked')).toBe('true'));
    act(() => void fireEvent.keyDown(radio(container, 'survey-q-Q1', '非常不满意'), { key: 'ArrowDown' }));
    act(() => void fireEvent.keyDown(radio(container, 'survey-q-Q1', '非常满意'), { key: 'ArrowDown' }));
    await waitFor(() => expect(radio(container, 'survey-q-Q1', '满意').getAttribute('aria-checked')).toBe('true'));

    act(() => void fireEvent.keyDown(radio(container, 'survey-street', '第2街道'), { key: 'Enter' }));
    // The communities are those of the chosen street.
    expect(radio(container, 'survey-community', '第1社区')).toBeUndefined();
    choose(container, 'survey-community', '第2社区');
    choose(container, 'survey-age', '60 岁及以上');
    act(() => void fireEvent.keyDown(radio(container, 'survey-q-Q2', '是'), { key: ' ' }));
    act(() => screen.getByText('提交答卷').click());

    expect(await screen.findByText('提交成功，感谢您的参与！')).toBeTruthy();
    expect(posts(sent, survey.id).map((r) => r.data)).toEqual([{ streetId: 20, communityId: 200, ageBand: '60+', answers: { Q1: 4, Q2: true } }]);
  });

  it('says so when this phone has already answered, instead of the sheet', async () => {
    const survey = aSurvey();
    const { container } = await open(survey, verified, (req) =>
      req.method === 'POST' ? { statusCode: 409, data: { code: 'SURVEY_ALREADY_ANSWERED', message: '您已参加过本次测评' } } : undefined,
    );
    choose(container, 'survey-street', '第1街道');
    choose(container, 'survey-age', '30–44 岁');
    choose(container, 'survey-q-Q1', '基本满意');
    choose(container, 'survey-q-Q2', '否');
    act(() => screen.getByText('提交答卷').click());

    expect(await screen.findByText('您已参加过本次测评')).toBeTruthy();
    expect(screen.queryByText('提交答卷')).toBeNull();
  });

  it('puts a server refusal beside the question it is about', async () => {
    const survey = aSurvey({ streets: [{ id: 10, name: '第1街道' }] });
    const { container } = await open(survey, verified, (req) =>
      req.method === 'POST'
        ? { statusCode: 400, data: { code: 'SURVEY_ANSWER_INVALID', message: '答卷内容不完整或不符合题目要求：请选择 1–5 分', details: [{ path: 'answers.Q1', message: '请选择 1–5 分（5 = 非常满意，1 = 非常不满意）' }] } }
        : undefined,
    );
    // A campaign for some streets offers only those.
    expect(radio(container, 'survey-street', '第2街道')).toBeUndefined();
    choose(container, 'survey-street', '第1街道');
    choose(container, 'survey-age', '18–29 岁');
    choose(container, 'survey-q-Q1', '非常不满意');
    choose(container, 'survey-q-Q2', '是');
    act(() => screen.getByText('提交答卷').click());

    const message = await screen.findByText('请选择 1–5 分（5 = 非常满意，1 = 非常不满意）');
    expect(message.closest('.survey-q-Q1')).toBeTruthy();
  });

  it('on h5 asks a guest to sign in by SMS on 我的, and a resident without a verified phone to verify it', async () => {
    await open(aSurvey(), null);
    expect(screen.getByText('请先用手机号验证码登录')).toBeTruthy();
    expect(screen.queryByText('提交答卷')).toBeNull();
    act(() => screen.getByText('前往“我的”手机号验证码登录').click());
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });

  it('on h5 does not offer the sheet to a demo resident who has no verified phone', async () => {
    await open(aSurvey(), aMe({ phoneMasked: null }));
    expect(screen.getByText('请先验证手机号')).toBeTruthy();
    expect(screen.queryByText('提交答卷')).toBeNull();
  });

  it('shows an answered campaign as taken part in', async () => {
    await open(aSurvey(), verified, undefined, true);
    expect(screen.getByText('您已参加过本次测评')).toBeTruthy();
    expect(screen.queryByText('提交答卷')).toBeNull();
  });

  it('goes back to the list it came from after answering, and opens the list when there is none below', async () => {
    const survey = aSurvey();
    const { container } = await open(survey, verified, (req) => (req.method === 'POST' ? ok({ id: 1 }) : undefined));
    choose(container, 'survey-street', '第1街道');
    choose(container, 'survey-age', '30–44 岁');
    choose(container, 'survey-q-Q1', '满意');
    choose(container, 'survey-q-Q2', '是');
    act(() => screen.getByText('提交答卷').click());
    const back = await screen.findByText('返回测评列表');

    // Opened from the list (我的 → 满意度测评 → this campaign): back to that list, which reloads; no second list.
    Taro.getCurrentPages.mockReturnValue([{ route: 'pages/mine/index' }, { route: 'pages/survey/index' }, { route: 'pages/survey/answer' }]);
    act(() => void fireEvent.keyDown(back, { key: 'Enter' }));
    expect(Taro.navigateBack).toHaveBeenCalledTimes(1);
    expect(Taro.redirectTo).not.toHaveBeenCalled();

    // Opened from a shared link: the list takes this page's place.
    Taro.getCurrentPages.mockReturnValue([{ route: 'pages/survey/answer' }]);
    act(() => void fireEvent.keyDown(back, { key: 'Enter' }));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/survey/index' });
    expect(Taro.navigateBack).toHaveBeenCalledTimes(1);
  });
});

describe('满意度测评 list', () => {
  it('lists the open campaigns and marks the answered ones 已参与', async () => {
    const done = anOpenSurvey({ title: '第三季度测评', answered: true });
    const waiting = anOpenSurvey({ title: '第四季度测评', streets: [{ id: 10, name: '第1街道' }] });
    serve((req) => (path(req) === '/api/v1/surveys/open' ? ok([done, waiting]) : undefined));
    await restoreSession();
    const { container } = render(<SurveyListPage />);

    await screen.findByText('第四季度测评');
    const items = Array.from(container.querySelectorAll('.survey-item'));
    expect(items[0]!.textContent).toContain('已参与');
    expect(items[1]!.textContent).toContain('去参与');
    expect(items[1]!.textContent).toContain('面向第1街道居民');
    act(() => void fireEvent.keyDown(items[1]!, { key: 'Enter' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/survey/answer?id=${waiting.id}` });
  });

  it('says when no campaign is open', async () => {
    serve((req) => (path(req) === '/api/v1/surveys/open' ? ok([]) : undefined));
    await restoreSession();
    render(<SurveyListPage />);
    expect(await screen.findByText('目前没有正在进行的满意度测评。')).toBeTruthy();
  });
});
