import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RatingView, ReporterRatingState } from '@sa/contracts';
import Taro, { routerParams, storage } from '../test/fake-taro';
import { aComplaintView } from '../test/builders';
import { bearer, path, serve, type SentRequest } from '../test/fake-server';
import { typeInto } from '../test/fields';
import { ApiError } from '../api';
import { TOKEN_KEY } from '../api/client';
import ComplaintPage from '../pages/complaint/index';
import TrackPage from '../pages/track/index';
import { RatingCard } from './rating-form';

const anOpenState = (over: Partial<ReporterRatingState> = {}): ReporterRatingState => ({
  ratings: [],
  canRate: true,
  nextRound: 1,
  rateUntil: '2026-12-17',
  rectification: null,
  ...over,
});

let seq = 0;
const aRating = (over: Partial<RatingView> = {}): RatingView => ({
  id: ++seq,
  round: 1,
  level: 5,
  levelLabel: '非常满意',
  tags: [],
  comment: null,
  createdAt: '2026-12-03T02:00:00.000Z',
  ...over,
});

const radios = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>('[role=radio]'));
const checkedLabel = (container: HTMLElement) => container.querySelector('[role=radio][aria-checked=true]')?.textContent ?? null;
const key = (element: Element, pressed: string) => act(() => void fireEvent.keyDown(element, { key: pressed }));
const click = (element: Element) => act(() => void (element as HTMLElement).click());

describe('the rating form (好差评)', () => {
  it('offers the five levels by their Chinese names as one radio group, with the closing day', () => {
    const { container } = render(<RatingCard state={anOpenState()} send={vi.fn()} onRated={vi.fn()} />);
    expect(screen.getByText('评价截止 12 月 17 日')).toBeTruthy();
    expect(container.querySelector('[role=radiogroup]')!.getAttribute('aria-label')).toBe('评价等级');
    expect(radios(container).map((r) => r.textContent!.replace(/[★☆]/g, ''))).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(radios(container).every((r) => r.getAttribute('aria-checked') === 'false')).toBe(true);
    expect(screen.getByText('评价标签（可多选）', { selector: '.rating-label' })).toBeTruthy();
    expect(container.querySelectorAll('.rating-tag')).toHaveLength(10);
  });

  it('refuses to send without a level, saying so in Chinese', async () => {
    const send = vi.fn();
    const { container } = render(<RatingCard state={anOpenState()} send={send} onRated={vi.fn()} />);
    click(container.querySelector('.rating-submit')!);
    expect(await screen.findByText('请选择评价等级（1 到 5）')).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
  });

  it('works with the keyboard alone: arrows move the level, Space toggles a tag, Enter submits', async () => {
    const send = vi.fn(async () => aRating({ level: 4, levelLabel: '满意', tags: ['响应快'] }));
    const onRated = vi.fn();
    const { container } = render(<RatingCard state={anOpenState()} send={send} onRated={onRated} />);
    const [first] = radios(container);
    // Only one stop for the group (the chosen level, or the first).
    expect(radios(container).map((r) => r.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1']);

    // Nothing chosen yet: the arrow moves on from the focused first option, as the WAI-ARIA radio group does.
    key(first!, 'ArrowDown');
    expect(checkedLabel(container)).toContain('满意');
    expect(checkedLabel(container)).not.toContain('非常');
    await waitFor(() => expect(document.activeElement).toBe(radios(container)[1]));
    expect(radios(container)[1]!.getAttribute('tabindex')).toBe('0');
    key(radios(container)[1]!, 'ArrowUp');
    expect(checkedLabel(container)).toContain('非常满意');
    key(radios(container)[0]!, 'ArrowUp');
    // From the first level ArrowUp wraps round to the last.
    expect(checkedLabel(container)).toContain('非常不满意');
    key(radios(container)[4]!, 'ArrowRight');
    key(radios(container)[0]!, 'ArrowRight');
    expect(checkedLabel(container)).toContain('满意');

    const fast = Array.from(container.querySelectorAll('.rating-tag')).find((t) => t.textContent === '响应快')!;
    key(fast, ' ');
    expect(fast.getAttribute('aria-pressed')).toBe('true');
    const slow = Array.from(container.querySelectorAll('.rating-tag')).find((t) => t.textContent === '推诿')!;
    key(slow, 'Enter');
    key(slow, 'Enter');
    expect(slow.getAttribute('aria-pressed')).toBe('false');

    await typeInto(container, 'rating-comment', '当天就有人来核查');
    key(container.querySelector('.rating-submit')!, 'Enter');
    await waitFor(() => expect(send).toHaveBeenCalledWith({ level: 4, tags: ['响应快'], comment: '当天就有人来核查' }));
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy();
    expect(container.querySelector('.rating-given')!.textContent).toContain('满意');
    expect(container.querySelector('.rating-form')).toBeNull();
    expect(onRated).toHaveBeenCalledTimes(1);
  });

  it('tells a 差评 that the office will call back within 5 working days', async () => {
    const send = vi.fn(async () => aRating({ level: 1, levelLabel: '非常不满意', tags: ['推诿'] }));
    const { container } = render(<RatingCard state={anOpenState()} send={send} onRated={vi.fn()} />);
    click(radios(container)[4]!);
    click(container.querySelector('.rating-submit')!);
    expect(await screen.findByText(/监管所将在 5 个工作日内回访您/)).toBeTruthy();
    expect(container.querySelector('.rating-summary-poor')!.textContent).toContain('差评');
  });

  it('shows the server’s refusal in Chinese and keeps the form', async () => {
    const send = vi.fn(async () => {
      throw new ApiError('RATING_NOT_OPEN', '已超过评价期限，不能再评价', 409);
    });
    const { container } = render(<RatingCard state={anOpenState()} send={send} onRated={vi.fn()} />);
    click(radios(container)[2]!);
    click(container.querySelector('.rating-submit')!);
    expect((await screen.findByRole('alert')).textContent).toBe('已超过评价期限，不能再评价');
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已超过评价期限，不能再评价' }));
    expect(container.querySelector('.rating-form')).toBeTruthy();
  });

  it('offers the second rating after the rectification, beside the first and what was done', () => {
    const first = aRating({ level: 2, levelLabel: '不满意', tags: ['未解决'], comment: '还在卖过期酸奶' });
    const state = anOpenState({
      ratings: [first],
      nextRound: 2,
      rateUntil: '2027-01-04',
      rectification: { state: 'DONE', dueDate: '2026-12-10', provisional: false, completedAt: '2026-12-09T06:00:00.000Z', actionTaken: '下架过期酸奶并约谈店主' },
    });
    const { container } = render(<RatingCard state={state} send={vi.fn()} onRated={vi.fn()} />);
    expect(screen.getByRole('heading').textContent).toBe('整改后再次评价');
    expect(screen.getByText('评价截止 1 月 4 日')).toBeTruthy();
    expect(screen.getByText('整改情况：下架过期酸奶并约谈店主')).toBeTruthy();
    expect(screen.getByText('已整改（2026-12-09）')).toBeTruthy();
    expect(container.querySelector('.rating-given')!.textContent).toContain('还在卖过期酸奶');
  });

  it('marks the callback day as 暂估 when it runs into a year without an official schedule, and says why', () => {
    const state = anOpenState({
      ratings: [aRating({ level: 1, levelLabel: '非常不满意' })],
      canRate: false,
      nextRound: null,
      rateUntil: null,
      rectification: { state: 'OPEN', dueDate: '2027-01-04', provisional: true, completedAt: null, actionTaken: null },
    });
    const { container } = render(<RatingCard state={state} send={vi.fn()} onRated={vi.fn()} />);
    expect(container.querySelector('.rating-rectification-open .detail-row')!.textContent).toBe('承办监管所将在 1 月 4 日（暂估）前回访您，了解情况并整改。');
    expect(screen.getByText('标“暂估”的期限跨入尚未公布节假日安排的年份，安排公布后将重新计算。')).toBeTruthy();
  });

  it('says when the rating period has passed: the case counts as not rated', () => {
    const { container } = render(<RatingCard state={anOpenState({ canRate: false, nextRound: null, rateUntil: null })} send={vi.fn()} onRated={vi.fn()} />);
    expect(screen.getByText(/已超过评价期限（办结后 15 日内可评价），本次办理记为“未评价”/)).toBeTruthy();
    expect(container.querySelector('[role=radiogroup]')).toBeNull();
  });
});

describe('rating from the pages', () => {
  it('the signed-in reporter rates their resolved complaint and sees the rectification it opened', async () => {
    routerParams.id = '42';
    storage.set(TOKEN_KEY, 'resident-tok');
    let rated: RatingView | null = null;
    const view = (): ReturnType<typeof aComplaintView> =>
      aComplaintView({
        id: 42,
        status: 'RESOLVED',
        statusLabel: '已办结',
        rating: rated
          ? { ratings: [rated], canRate: false, nextRound: null, rateUntil: null, rectification: { state: 'OPEN', dueDate: '2026-12-10', provisional: false, completedAt: null, actionTaken: null } }
          : anOpenState(),
      });
    const sent = serve((req: SentRequest) => {
      if (req.method === 'GET' && path(req) === '/api/v1/complaints/42') return { statusCode: 200, data: view() };
      if (req.method === 'POST' && path(req) === '/api/v1/complaints/42/rating') {
        rated = aRating({ level: 2, levelLabel: '不满意' });
        return { statusCode: 201, data: rated };
      }
      return undefined;
    });
    const { container } = render(<ComplaintPage />);
    await screen.findByText('评价截止 12 月 17 日');
    click(radios(container)[3]!);
    click(container.querySelector('.rating-submit')!);
    expect(await screen.findByText('承办监管所将在 12 月 10 日前回访您，了解情况并整改。')).toBeTruthy();
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.data).toEqual({ level: 2, tags: [] });
    expect(bearer(post)).toBe('Bearer resident-tok');
    expect(container.querySelectorAll('.rating-summary')).toHaveLength(1);
  });

  it('a guest rates from the tracking page with the tracking number and query code, without a token', async () => {
    routerParams.trackingNo = 'SA20261130-000042';
    routerParams.queryCode = 'K7M2Q9XA';
    const tracked = aComplaintView({ status: 'RESOLVED', statusLabel: '已办结', rating: anOpenState() });
    const sent = serve((req: SentRequest) => {
      if (req.method === 'GET' && path(req) === '/api/v1/complaints/track') return { statusCode: 200, data: tracked };
      if (req.method === 'POST' && path(req) === '/api/v1/complaints/track/rating') return { statusCode: 201, data: aRating() };
      return undefined;
    });
    const { container } = render(<TrackPage />);
    await screen.findByText('评价截止 12 月 17 日');
    click(radios(container)[0]!);
    click(container.querySelector('.rating-submit')!);
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.data).toEqual({ trackingNo: 'SA20261130-000042', queryCode: 'K7M2Q9XA', level: 5, tags: [] });
    expect(bearer(post)).toBeUndefined();
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy();
  });
});
