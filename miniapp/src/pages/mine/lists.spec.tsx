import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aMe, aNotification, aSupportedReport, anOwnReport } from '../../test/builders';
import { fetchMe, fetchMyComplaints, fetchNotifications, getToken, markAllNotificationsRead, markNotificationRead } from '../../api';
import { restoreSession } from '../../session/session';
import MinePage from './index';

// 我的 for a resident with more than one page of messages, and reports they support (附议) beside their own.

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  fetchMe: vi.fn(),
  fetchMyComplaints: vi.fn(),
  fetchNotifications: vi.fn(),
  markNotificationRead: vi.fn(async () => ({})),
  markAllNotificationsRead: vi.fn(),
  getToken: vi.fn(),
}));

const key = (element: Element, pressed: 'Enter' | ' ') => act(() => void fireEvent.keyDown(element, { key: pressed }));

beforeEach(async () => {
  vi.mocked(getToken).mockReturnValue('tok');
  vi.mocked(fetchMe).mockResolvedValue(aMe());
  vi.mocked(fetchMyComplaints).mockResolvedValue({ items: [], total: 0 });
  vi.mocked(fetchNotifications).mockResolvedValue({ items: [], total: 0, unread: 0 });
  await restoreSession();
});

describe('我的投诉举报 · reports the resident supports', () => {
  it('lists a 附议 report beside the resident’s own, marked 「我附议的」, with where it stands', async () => {
    vi.mocked(fetchMyComplaints).mockResolvedValue({
      items: [
        anOwnReport({ id: 42, kind: 'REPORT', category: 'EXPIRED_FOOD', statusLabel: '已受理' }),
        aSupportedReport({ id: 40, trackingNo: 'SA20261127-000040', category: 'POOR_HYGIENE', statusLabel: '核查中', supportCount: 3, supportedAt: '2026-11-28T06:00:00.000Z' }),
      ],
      total: 2,
    });
    render(<MinePage />);

    expect(await screen.findByText('我的投诉举报（2）')).toBeTruthy();
    const supported = screen.getByText('我附议的').closest('.complaint-item')!;
    expect(supported.textContent).toContain('举报 · 卫生条件差');
    expect(supported.textContent).toContain('核查中');
    expect(supported.textContent).toContain('SA20261127-000040 · 2026-11-28 附议 · 共 3 人附议');
    expect(screen.getAllByText('我附议的')).toHaveLength(1);

    // Someone else's report: not opened as if it were the resident's own (its details are the reporter's).
    expect(supported.getAttribute('role')).toBeNull();
    act(() => (supported as HTMLElement).click());
    expect(Taro.navigateTo).not.toHaveBeenCalled();

    act(() => screen.getByText('举报 · 过期变质食品').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/index?id=42' });
  });
});

describe('消息 · more than one page, and 全部已读', () => {
  const page = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => aNotification({ id: 1000 - from - i, title: `第 ${from + i + 1} 条消息` }));

  it('says how many there are, and 加载更多 brings the next ten below', async () => {
    vi.mocked(fetchNotifications)
      .mockResolvedValueOnce({ items: page(0, 10), total: 14, unread: 14 })
      .mockResolvedValueOnce({ items: page(10, 4), total: 14, unread: 14 });
    const { container } = render(<MinePage />);

    expect(await screen.findByText('第 1 条消息')).toBeTruthy();
    expect(screen.getByText('已显示 10 条，共 14 条')).toBeTruthy();
    expect(container.querySelector('.inbox-title')?.textContent).toContain('消息（共 14 条）');

    const more = container.querySelector('.inbox .more')!;
    key(more, 'Enter');

    expect(await screen.findByText('第 14 条消息')).toBeTruthy();
    expect(fetchNotifications).toHaveBeenLastCalledWith({ limit: 10, offset: 10 });
    expect(container.querySelectorAll('.notification')).toHaveLength(14);
    expect(screen.queryByText(/已显示/)).toBeNull();
    expect(container.querySelector('.inbox .more')).toBeNull();
  });

  it('marks every message read with 全部已读, by keyboard too, and then offers it no more', async () => {
    vi.mocked(fetchNotifications).mockResolvedValue({
      items: [aNotification({ id: 9, title: '您反映的问题已办结' }), aNotification({ id: 8, title: '您反映的问题已受理' })],
      total: 12,
      unread: 7,
    });
    vi.mocked(markAllNotificationsRead).mockResolvedValue({ updated: 7 });
    const { container } = render(<MinePage />);

    expect(await screen.findByText('7 条未读')).toBeTruthy();
    expect(container.querySelectorAll('.notification.unread')).toHaveLength(2);

    key(screen.getByText('全部已读'), ' ');

    await waitFor(() => expect(screen.queryByText('7 条未读')).toBeNull());
    expect(markAllNotificationsRead).toHaveBeenCalledTimes(1);
    expect(markNotificationRead).not.toHaveBeenCalled();
    expect(container.querySelectorAll('.notification.unread')).toHaveLength(0);
    expect(screen.queryByText('全部已读')).toBeNull();
  });

  it('keeps the unread count when 全部已读 fails, and says why', async () => {
    vi.mocked(fetchNotifications).mockResolvedValue({ items: [aNotification()], total: 1, unread: 1 });
    vi.mocked(markAllNotificationsRead).mockRejectedValue(new Error('网络不可用，请检查网络后重试'));
    render(<MinePage />);

    const markAll = await screen.findByText('全部已读');
    act(() => markAll.click());

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalled());
    expect(screen.getByText('1 条未读')).toBeTruthy();
  });
});
