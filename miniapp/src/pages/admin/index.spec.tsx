import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { serve } from '../../test/fake-server';
import { storage } from '../../test/fake-taro';
import AdminIndexPage from './index';
import { nextYear } from './next-year';
import { aYearStatus, ok, on, sentBy, signedInAs } from './admin-test-kit';

describe('区食安办管理 overview', () => {
  it('runs the deadline sweep on demand and says what it did in Chinese', async () => {
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/calendar/years', () => ok([aYearStatus({ year: nextYear() - 1 }), aYearStatus({ year: nextYear() })])),
      on('POST', '/api/v1/admin/sweep', () => ok({ today: '2026-11-30', escalated: 2, reminded: 5, notified: 1, failed: 0, closed: 3 })),
    );
    render(<AdminIndexPage />);

    act(() => screen.getByText('立即执行期限巡检').click());

    expect(await screen.findByText('2026-11-30 期限巡检完成：督办 2 件、提醒 5 件、通知 1 件、归档 3 件。')).toBeTruthy();
    expect(sentBy(sent, 'POST', '/api/v1/admin/sweep')).toHaveLength(1);
    expect(screen.queryByText(`请录入 ${nextYear()} 年节假日安排`)).toBeNull();
  });

  it('reminds the admin to enter next year’s holidays while that year has no schedule', async () => {
    const year = nextYear();
    await signedInAs('ADMIN', on('GET', '/api/v1/admin/calendar/years', () => ok([aYearStatus({ year, hasSchedule: false, provisionalDeadlines: 4 })])));
    render(<AdminIndexPage />);

    expect(await screen.findByText(`请录入 ${year} 年节假日安排`)).toBeTruthy();
    expect(screen.getByText(`有 4 个期限跨入 ${year} 年，目前按暂定日历计算。`)).toBeTruthy();
  });

  it('is closed to staff who are not bureau admins, and loads nothing for them', async () => {
    const sent = await signedInAs('OFFICE_STAFF');
    render(<AdminIndexPage />);

    expect(await screen.findByText('仅区食安办管理员可用')).toBeTruthy();
    expect(screen.queryByText('立即执行期限巡检')).toBeNull();
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/me']);
  });

  it('asks a visitor who is not signed in to log in on 我的', async () => {
    storage.delete(TOKEN_KEY);
    serve();
    await restoreSession();
    render(<AdminIndexPage />);

    expect(await screen.findByText('前往“我的”登录')).toBeTruthy();
    expect(screen.queryByText('立即执行期限巡检')).toBeNull();
  });
});
