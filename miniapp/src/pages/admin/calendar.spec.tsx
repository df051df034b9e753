import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '@sa/contracts';
import { routerParams } from '../../test/fake-taro';
import { typeInto } from '../../test/fields';
import { path } from '../../test/fake-server';
import AdminCalendarPage from './calendar';
import { aYearStatus, ok, on, sentBy, signedInAs } from './admin-test-kit';

describe('工作日历', () => {
  it('adds a holiday with PUT and shows it in the year’s list', async () => {
    routerParams.year = '2027';
    const days: CalendarDay[] = [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }];
    const sent = await signedInAs(
      'ADMIN',
      (req) => (req.method === 'GET' && path(req) === '/api/v1/calendar/days' ? ok({ year: 2027, items: [...days] }) : undefined),
      on('GET', '/api/v1/admin/calendar/years', () => ok([aYearStatus({ year: 2026 }), aYearStatus({ year: 2027, hasSchedule: true })])),
      (req) => {
        if (req.method !== 'PUT' || !path(req).startsWith('/api/v1/admin/calendar/days/')) return undefined;
        const date = path(req).split('/').pop()!;
        days.push({ date, ...(req.data as Omit<CalendarDay, 'date'>) });
        return ok({ date, ...(req.data as object) });
      },
    );
    const { container } = render(<AdminCalendarPage />);
    expect(await screen.findByText(/2027-01-01（星期五）.*元旦/)).toBeTruthy();

    await typeInto(container, 'calendar-date', '2027-02-10');
    await typeInto(container, 'calendar-name', '春节');
    act(() => screen.getByText('添加').click());

    expect(await screen.findByText('已添加 2027-02-10：放假（春节）')).toBeTruthy();
    expect(sentBy(sent, 'PUT', '/api/v1/admin/calendar/days/2027-02-10').map((r) => r.data)).toEqual([{ kind: 'HOLIDAY', name: '春节' }]);
    await waitFor(() => expect(Array.from(container.querySelectorAll('.calendar-day')).map((d) => d.textContent)).toEqual([
      expect.stringContaining('2027-01-01'),
      expect.stringContaining('春节'),
    ]));
    expect(new URL(sentBy(sent, 'GET', '/api/v1/calendar/days')[0]!.url).searchParams.get('year')).toBe('2027');
  });

  it('checks the date before sending', async () => {
    routerParams.year = '2027';
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/calendar/days', () => ok({ year: 2027, items: [] })),
      on('GET', '/api/v1/admin/calendar/years', () => ok([aYearStatus({ year: 2027, hasSchedule: false, provisionalDeadlines: 2 })])),
    );
    const { container } = render(<AdminCalendarPage />);
    expect(await screen.findByText('2027 年：尚未录入官方安排，2 个办理期限按暂定日历计算')).toBeTruthy();

    await typeInto(container, 'calendar-date', '2027-13-40');
    await typeInto(container, 'calendar-name', '春节');
    act(() => screen.getByText('添加').click());

    expect(await screen.findByText('日期无效', { selector: '.field-error' })).toBeTruthy();
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});
