import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aCallback, aRatingView, aRectification, aRectificationList } from './rating-builders';
import { aDeadline } from './test-builders';
import RectificationsPage, { queueOrder } from './rectifications';

async function signedInAs(me: Me, routes: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, displayName: '王所员' });
const rectify = (over: Parameters<typeof aDeadline>[0]) => aDeadline({ kind: 'RECTIFY', days: 5, ...over });
const stateOf = (req: SentRequest) => new URL(req.url).searchParams.get('state');

describe('差评整改 queue (workbench)', () => {
  const later = aRectification({ trackingNo: 'SA20261201-000003', deadline: rectify({ dueDate: '2026-12-09', workingDaysLeft: 4 }) });
  const soon = aRectification({ trackingNo: 'SA20261201-000002', deadline: rectify({ dueDate: '2026-12-04', workingDaysLeft: 1 }), callbacks: [aCallback({ reached: false, reporterSaid: null })] });
  const overdueLittle = aRectification({ trackingNo: 'SA20261201-000001', deadline: rectify({ dueDate: '2026-12-01', overdue: true, workingDaysLeft: -1 }) });
  const overdueLong = aRectification({
    trackingNo: 'SA20261125-000009',
    deadline: rectify({ dueDate: '2026-11-26', overdue: true, workingDaysLeft: -4, escalatedAt: '2026-11-27T01:00:00.000Z' }),
    rating: aRatingView({ level: 1, levelLabel: '非常不满意', tags: ['推诿'], comment: '说不归他们管' }),
  });

  it('puts overdue tasks first, longest overdue at the top, then the fewest working days left', () => {
    expect(queueOrder([later, soon, overdueLittle, overdueLong]).map((r) => r.trackingNo)).toEqual([
      'SA20261125-000009',
      'SA20261201-000001',
      'SA20261201-000002',
      'SA20261201-000003',
    ]);
  });

  it('shows working days over or left on each open task, in that order, with what the rater said and the calls made', async () => {
    await signedInAs(staff, (req) =>
      path(req) === '/api/v1/workbench/rectifications' ? { statusCode: 200, data: aRectificationList([later, soon, overdueLittle, overdueLong], { OPEN: 4, DONE: 7 }) } : undefined,
    );
    const { container } = render(<RectificationsPage />);
    await screen.findByText('SA20261125-000009 ›');
    const rows = Array.from(container.querySelectorAll('.wb-rect-row'));
    expect(rows.map((r) => r.querySelector('.wb-due')!.textContent)).toEqual([
      '超期 4 个工作日 · 整改期限 2026-11-26 24:00 前 · 已督办',
      '超期 1 个工作日 · 整改期限 2026-12-01 24:00 前',
      '剩 1 个工作日 · 整改期限 2026-12-04 24:00 前',
      '剩 4 个工作日 · 整改期限 2026-12-09 24:00 前',
    ]);
    expect(rows[0]!.className).toContain('wb-row-overdue');
    expect(rows[2]!.className).toContain('wb-row-soon');
    expect(rows[0]!.textContent).toContain('非常不满意');
    expect(rows[0]!.textContent).toContain('推诿：说不归他们管');
    expect(rows[0]!.textContent).toContain('尚未回访');
    expect(rows[2]!.textContent).toContain('已回访 1 次（均未接通）');
    expect(container.querySelector('.wb-rect-tab-OPEN')!.textContent).toBe('整改中 4');
    expect(container.querySelector('.wb-rect-tab-DONE')!.textContent).toBe('已整改 7');

    act(() => (rows[0]!.querySelector('.wb-rect-open') as HTMLElement).click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/workbench/rectification?id=${overdueLong.id}` });
  });

  it('marks a task whose limit runs into a year without an official schedule as 暂估', async () => {
    const intoNextYear = aRectification({ trackingNo: 'SA20261228-000005', deadline: rectify({ startDate: '2026-12-28', dueDate: '2027-01-04', workingDaysLeft: 5, provisional: true }) });
    await signedInAs(staff, (req) =>
      path(req) === '/api/v1/workbench/rectifications' ? { statusCode: 200, data: aRectificationList([intoNextYear, later], { OPEN: 2, DONE: 0 }) } : undefined,
    );
    const { container } = render(<RectificationsPage />);
    await screen.findByText('SA20261228-000005 ›');
    expect(Array.from(container.querySelectorAll('.wb-rect-row .wb-due')).map((d) => d.textContent)).toEqual([
      '剩 4 个工作日 · 整改期限 2026-12-09 24:00 前',
      '剩 5 个工作日 · 整改期限 2027-01-04 24:00 前（暂估，节假日安排未公布）',
    ]);
  });

  it('lists finished ones under 已整改 with who completed them and the second rating', async () => {
    const done = aRectification({
      state: 'DONE',
      deadline: rectify({ state: 'MET', metAt: '2026-12-03T08:00:00.000Z', workingDaysLeft: null }),
      callbacks: [aCallback()],
      actionTaken: '再次核查并下架过期酸奶',
      completedAt: '2026-12-03T08:00:00.000Z',
      completedByName: '王所员',
      secondRating: aRatingView({ round: 2, level: 4, levelLabel: '满意' }),
    });
    const sent = await signedInAs(staff, (req) =>
      path(req) === '/api/v1/workbench/rectifications'
        ? { statusCode: 200, data: stateOf(req) === 'DONE' ? aRectificationList([done], { OPEN: 0, DONE: 1 }) : aRectificationList([], { OPEN: 0, DONE: 1 }) }
        : undefined,
    );
    const { container } = render(<RectificationsPage />);
    expect(await screen.findByText('没有待整改的差评。')).toBeTruthy();
    act(() => (container.querySelector('.wb-rect-tab-DONE') as HTMLElement).click());
    expect(await screen.findByText('2026-12-03 整改完成（王所员） · 再次评价：满意')).toBeTruthy();
    expect(container.querySelector('.wb-rect-row .wb-due')).toBeNull();
    await waitFor(() => expect(sent.filter((r) => path(r) === '/api/v1/workbench/rectifications').map(stateOf)).toEqual(['OPEN', 'DONE']));
  });
});
