import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Taro from '../test/fake-taro';
import { path, serve } from '../test/fake-server';
import { anOpenSurvey } from '../pages/survey/survey-builders';
import { SurveyEntryCard, surveyEntryHint } from './survey-entry';

describe('满意度测评 entry', () => {
  it('invites to the open campaign not yet answered, and thanks once all are answered', () => {
    expect(surveyEntryHint([anOpenSurvey({ title: '第四季度测评' }), anOpenSurvey({ answered: true })])).toBe('正在进行：第四季度测评');
    expect(surveyEntryHint([anOpenSurvey(), anOpenSurvey()])).toBe('2 项测评正在进行，邀您参与');
    expect(surveyEntryHint([anOpenSurvey({ answered: true })])).toBe('本期测评您已参与，感谢支持');
  });

  it('shows on 我的 only while a campaign is open, and opens the list', async () => {
    serve((req) => (path(req) === '/api/v1/surveys/open' ? { statusCode: 200, data: [anOpenSurvey({ title: '第四季度测评' })] } : undefined));
    render(<SurveyEntryCard />);
    const entry = await screen.findByText('正在进行：第四季度测评');
    act(() => entry.click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/survey/index' });
  });

  it('is left out when none is open or the list cannot be loaded', async () => {
    const sent = serve((req) => (path(req) === '/api/v1/surveys/open' ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务暂时不可用' } } : undefined));
    const { container } = render(<SurveyEntryCard />);
    await act(async () => undefined);
    expect(sent).toHaveLength(1);
    expect(container.textContent).toBe('');
  });
});
