import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aRatingList, aStaffRating } from './rating-builders';
import RatingsPage from './ratings';

async function signedInAs(me: Me, routes: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, displayName: '王所员' });
const counts = { 5: 12, 4: 6, 3: 3, 2: 2, 1: 1 };
const listed = (sent: SentRequest[]) => sent.filter((r) => path(r) === '/api/v1/workbench/ratings').map((r) => Object.fromEntries(new URL(r.url).searchParams));
const click = (element: Element) => act(() => void (element as HTMLElement).click());

describe('好差评 (workbench)', () => {
  it('shows the counts per level and each rating with its case, business, office, tags, comment, 志愿者 mark and content flag', async () => {
    const poor = aStaffRating({
      trackingNo: 'SA20261120-000031',
      level: 1,
      levelLabel: '非常不满意',
      tags: ['推诿', '未解决'],
      comment: '打了三次电话都说不归他们管',
      contentFlag: 'REVIEW',
      byVolunteer: true,
      rectificationId: 44,
    });
    const good = aStaffRating({ level: 5, levelLabel: '非常满意', tags: ['响应快'], comment: null, business: { id: 32, name: '幸福超市' }, office: { id: 2, name: '西岭市场监管所' } });
    await signedInAs(staff, (req) => (path(req) === '/api/v1/workbench/ratings' ? { statusCode: 200, data: aRatingList([poor, good], counts) } : undefined));
    const { container } = render(<RatingsPage />);

    expect(await screen.findByText('共 24 条评价，其中差评 3 条（12.5%）')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('.wb-rating-count')).map((c) => c.textContent)).toEqual(['非常满意 12', '满意 6', '基本满意 3', '不满意 2', '非常不满意 1']);
    const [first, second] = Array.from(container.querySelectorAll('.wb-rating-row'));
    expect(first!.className).toContain('wb-rating-poor');
    expect(first!.textContent).toContain('非常不满意');
    expect(first!.textContent).toContain('差评');
    expect(first!.textContent).toContain('推诿');
    expect(first!.textContent).toContain('打了三次电话都说不归他们管');
    expect(first!.textContent).toContain('老街面馆 · 东湖市场监管所');
    expect(first!.querySelector('.wb-tag-volunteer')!.textContent).toBe('社会监督员');
    expect(second!.querySelector('.wb-tag-volunteer')).toBeNull();
    // WeChat's content check asked for a human look at the comment (内容安全).
    expect(first!.querySelector('.content-flag')!.textContent).toBe('内容待复核');
    expect(second!.querySelector('.content-flag')).toBeNull();
    expect(second!.textContent).toContain('幸福超市 · 西岭市场监管所');
    expect(second!.querySelector('.wb-rating-rectification')).toBeNull();

    click(first!.querySelector('.wb-rating-case')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/workbench/index?id=${poor.complaintId}` });
    click(first!.querySelector('.wb-rating-rectification')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/workbench/rectification?id=44' });
  });

  it('filters by level, 仅差评, round and a date range, refusing a range that ends before it starts', async () => {
    const sent = await signedInAs(staff, (req) => (path(req) === '/api/v1/workbench/ratings' ? { statusCode: 200, data: aRatingList([aStaffRating()], counts) } : undefined));
    const { container } = render(<RatingsPage />);
    await screen.findByText('满意 6');

    click(container.querySelector('.wb-rating-count-4')!);
    await waitFor(() => expect(listed(sent).at(-1)).toMatchObject({ level: '4', offset: '0' }));
    expect(container.querySelector('.wb-rating-count-4')!.getAttribute('aria-pressed')).toBe('true');

    click(container.querySelector('.wb-rating-poor-only')!);
    await waitFor(() => expect(listed(sent).at(-1)).toMatchObject({ poorOnly: 'true' }));
    expect(listed(sent).at(-1)!.level).toBeUndefined();

    act(() => void fireEvent.change(container.querySelector('select.wb-rating-round')!, { target: { value: '2' } }));
    await waitFor(() => expect(listed(sent).at(-1)).toMatchObject({ poorOnly: 'true', round: '2' }));

    const before = listed(sent).length;
    act(() => void fireEvent.change(container.querySelector('input.wb-rating-from')!, { target: { value: '2026-12-01' } }));
    act(() => void fireEvent.change(container.querySelector('input.wb-rating-to')!, { target: { value: '2026-11-01' } }));
    click(container.querySelector('.wb-rating-dates-go')!);
    expect(await screen.findByText('开始日期不能晚于结束日期')).toBeTruthy();
    expect(listed(sent)).toHaveLength(before);

    act(() => void fireEvent.change(container.querySelector('input.wb-rating-to')!, { target: { value: '2026-12-31' } }));
    click(container.querySelector('.wb-rating-dates-go')!);
    await waitFor(() => expect(listed(sent).at(-1)).toMatchObject({ poorOnly: 'true', round: '2', from: '2026-12-01', to: '2026-12-31' }));
    expect(screen.queryByText('开始日期不能晚于结束日期')).toBeNull();
  });

  it('is open to a cadre (their businesses), and says so when nothing matches', async () => {
    await signedInAs(aMe({ role: 'CADRE', cadreId: 7 }), (req) => (path(req) === '/api/v1/workbench/ratings' ? { statusCode: 200, data: aRatingList([]) } : undefined));
    render(<RatingsPage />);
    expect(await screen.findByText('没有符合条件的评价。')).toBeTruthy();
    expect(screen.getByText('共 0 条评价，其中差评 0 条')).toBeTruthy();
  });

  it('shows a failed load in Chinese with a retry', async () => {
    await signedInAs(staff, (req) => (path(req) === '/api/v1/workbench/ratings' ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } } : undefined));
    render(<RatingsPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});
