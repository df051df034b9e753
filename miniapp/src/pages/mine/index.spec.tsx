import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aLogin, aMe, aNotification, anOwnReport } from '../../test/builders';
import {
  ApiError,
  bindVolunteer,
  fetchMe,
  fetchMyComplaints,
  fetchNotifications,
  getToken,
  loginAsDemoUser,
  loginWithPassword,
  logout,
  markNotificationRead,
} from '../../api';
import { TOKEN_KEY, request } from '../../api/client';
import { restoreSession } from '../../session/session';
import MinePage from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  bindVolunteer: vi.fn(),
  fetchMe: vi.fn(),
  fetchMyComplaints: vi.fn(),
  fetchNotifications: vi.fn(),
  markNotificationRead: vi.fn(async () => ({})),
  getToken: vi.fn(),
  loginAsDemoUser: vi.fn(),
  loginWithPassword: vi.fn(),
  logout: vi.fn(),
}));

async function inputIn(container: HTMLElement, className: string): Promise<HTMLInputElement> {
  return waitFor(() => {
    const element = container.querySelector<HTMLInputElement>(`.${className} input`);
    if (!element) throw new Error(`.${className} not rendered yet`);
    return element;
  });
}

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  fireEvent.input(input);
}

async function signedInAs(me = aMe()) {
  vi.mocked(getToken).mockReturnValue('tok');
  vi.mocked(fetchMe).mockResolvedValue(me);
  await restoreSession();
}

beforeEach(() => {
  vi.mocked(fetchMyComplaints).mockResolvedValue({ items: [], total: 0 });
  vi.mocked(fetchNotifications).mockResolvedValue({ items: [], total: 0, unread: 0 });
});

describe('我的 on the h5 portal', () => {
  beforeEach(async () => {
    vi.mocked(getToken).mockReturnValue(null);
    await restoreSession();
  });

  it('offers the demo login prefilled with resident1, and shows the resident once logged in', async () => {
    vi.mocked(loginAsDemoUser).mockResolvedValue(aLogin('tok', { displayName: '张居民' }));
    vi.mocked(fetchMe).mockResolvedValue(aMe({ displayName: '张居民', role: 'RESIDENT' }));
    const { container } = render(<MinePage />);

    expect((await inputIn(container, 'dev-username')).value).toBe('resident1');
    act(() => (container.querySelector('.dev-login') as HTMLElement).click());

    expect(await screen.findByText('张居民')).toBeTruthy();
    expect(loginAsDemoUser).toHaveBeenCalledWith('resident1');
    expect(screen.getByText('身份：群众')).toBeTruthy();
    expect(screen.getByText('绑定社会监督员邀请码')).toBeTruthy();
    expect(container.querySelector('.dev-login')).toBeNull();
  });

  it('logs staff in with a password and shows their role in Chinese', async () => {
    vi.mocked(loginWithPassword).mockResolvedValue(aLogin('tok', { role: 'OFFICE_STAFF' }));
    vi.mocked(fetchMe).mockResolvedValue(aMe({ displayName: '东湖所 王科员', role: 'OFFICE_STAFF', officeId: 1 }));
    const { container } = render(<MinePage />);

    type(await inputIn(container, 'staff-username'), 'office1');
    type(await inputIn(container, 'staff-password'), 'Demo@2026');
    act(() => (container.querySelector('.staff-login') as HTMLElement).click());

    expect(await screen.findByText('身份：监管所工作人员')).toBeTruthy();
    expect(loginWithPassword).toHaveBeenCalledWith('office1', 'Demo@2026');
    // Binding a volunteer code is for residents only.
    expect(screen.queryByText('绑定社会监督员邀请码')).toBeNull();
  });

  it('shows the server message when the password is wrong', async () => {
    vi.mocked(loginWithPassword).mockRejectedValue(new ApiError('INVALID_CREDENTIALS', '用户名或密码错误', 401));
    const { container } = render(<MinePage />);

    type(await inputIn(container, 'staff-username'), 'office1');
    type(await inputIn(container, 'staff-password'), 'wrong');
    act(() => (container.querySelector('.staff-login') as HTMLElement).click());

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '用户名或密码错误', icon: 'none' })),
    );
    expect(screen.getByText('工作人员登录')).toBeTruthy();
  });

  it('asks for the missing password before sending anything', async () => {
    const { container } = render(<MinePage />);
    type(await inputIn(container, 'staff-username'), 'office1');
    act(() => (container.querySelector('.staff-login') as HTMLElement).click());

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入密码' })));
    expect(loginWithPassword).not.toHaveBeenCalled();
  });
});

describe('我的 for a logged-in resident', () => {
  it('binds a volunteer invitation code and then shows the volunteer record', async () => {
    await signedInAs(aMe({ displayName: '刘老师' }));
    vi.mocked(bindVolunteer).mockResolvedValue(
      aMe({ displayName: '刘老师', role: 'VOLUNTEER', volunteer: { name: '刘芳', category: 'TEACHER' } }),
    );
    const { container } = render(<MinePage />);

    type(await inputIn(container, 'invitation-code'), ' sv2026ab ');
    act(() => (container.querySelector('.bind-volunteer') as HTMLElement).click());

    expect(await screen.findByText('社会监督员：刘芳（教师代表）')).toBeTruthy();
    expect(bindVolunteer).toHaveBeenCalledWith('SV2026AB');
    expect(screen.getByText('身份：社会监督员')).toBeTruthy();
    expect(screen.queryByText('绑定社会监督员邀请码')).toBeNull();
  });

  it('says why a code was refused', async () => {
    await signedInAs();
    vi.mocked(bindVolunteer).mockRejectedValue(new ApiError('INVITATION_CODE_USED', '该邀请码已被绑定', 409));
    const { container } = render(<MinePage />);

    type(await inputIn(container, 'invitation-code'), 'SV2026AB');
    act(() => (container.querySelector('.bind-volunteer') as HTMLElement).click());

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该邀请码已被绑定' })));
  });

  it('refuses an obviously short code without calling the server', async () => {
    await signedInAs();
    const { container } = render(<MinePage />);

    type(await inputIn(container, 'invitation-code'), 'AB');
    act(() => (container.querySelector('.bind-volunteer') as HTMLElement).click());

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入邀请码' })));
    expect(bindVolunteer).not.toHaveBeenCalled();
  });

  it('logs out and offers the login forms again', async () => {
    await signedInAs(aMe({ displayName: '张居民' }));
    vi.mocked(logout).mockResolvedValue();
    render(<MinePage />);

    act(() => screen.getByText('退出登录').click());

    expect(await screen.findByText('演示登录', { selector: '.card-title' })).toBeTruthy();
    expect(logout).toHaveBeenCalled();
    expect(screen.queryByText('张居民')).toBeNull();
  });
});

describe('我的 when the session has ended', () => {
  it('offers the login forms again once the server no longer accepts the session', async () => {
    await signedInAs(aMe({ displayName: '张居民' }));
    const { container } = render(<MinePage />);
    expect(screen.getByText('张居民')).toBeTruthy();

    // Any later call is refused and the session cannot be renewed silently (staff, or no demo user kept).
    Taro.setStorageSync(TOKEN_KEY, 'expired');
    Taro.request.mockResolvedValue({ statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    await act(() => request('GET', '/api/v1/businesses').catch(() => undefined));

    expect(container.querySelector('.dev-login')).not.toBeNull();
    expect(screen.queryByText('张居民')).toBeNull();
  });
});

describe('我的投诉举报 and 消息', () => {
  it('lists the user’s reports with their status and opens one', async () => {
    await signedInAs();
    vi.mocked(fetchMyComplaints).mockResolvedValue({
      items: [
        anOwnReport({ id: 42, trackingNo: 'SA20261130-000042', kind: 'COMPLAINT', category: 'EXPIRED_FOOD', statusLabel: '已受理' }),
        anOwnReport({ id: 41, trackingNo: 'SA20261129-000041', kind: 'REPORT', category: 'POOR_HYGIENE', statusLabel: '已办结', canReopen: true }),
      ],
      total: 2,
    });
    render(<MinePage />);

    expect(await screen.findByText('我的投诉举报（2）')).toBeTruthy();
    expect(screen.getByText('投诉 · 过期变质食品')).toBeTruthy();
    expect(screen.getByText('已受理')).toBeTruthy();
    expect(screen.getByText('SA20261129-000041 · 2026-11-30 09:30 · 可重新打开')).toBeTruthy();

    act(() => screen.getByText('投诉 · 过期变质食品').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/index?id=42' });
  });

  it('loads more of a long list', async () => {
    await signedInAs();
    vi.mocked(fetchMyComplaints)
      .mockResolvedValueOnce({ items: [anOwnReport({ category: 'UNLICENSED' })], total: 2 })
      .mockResolvedValueOnce({ items: [anOwnReport({ category: 'DIRTY_TABLEWARE' })], total: 2 });
    render(<MinePage />);

    const more = await screen.findByText('加载更多');
    act(() => more.click());

    expect(await screen.findByText('投诉 · 餐具不洁')).toBeTruthy();
    expect(screen.getByText('投诉 · 无证经营')).toBeTruthy();
    expect(fetchMyComplaints).toHaveBeenLastCalledWith({ limit: 10, offset: 1 });
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('shows the unread count, and a tapped message is marked read and opens its report', async () => {
    await signedInAs();
    vi.mocked(fetchNotifications).mockResolvedValue({
      items: [
        aNotification({ id: 9, title: '您反映的问题已办结', body: '请查看办理答复', complaintId: 42 }),
        aNotification({ id: 8, title: '您反映的问题已受理', readAt: '2026-12-01T03:00:00.000Z' }),
      ],
      total: 2,
      unread: 1,
    });
    render(<MinePage />);

    expect(await screen.findByText('1 条未读')).toBeTruthy();
    act(() => screen.getByText('您反映的问题已办结').click());

    expect(markNotificationRead).toHaveBeenCalledWith(9);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/index?id=42' });
    expect(screen.queryByText('1 条未读')).toBeNull();
  });

  it('shows staff their messages but no complaint list of their own', async () => {
    await signedInAs(aMe({ role: 'OFFICE_STAFF', officeId: 1 }));
    vi.mocked(fetchNotifications).mockResolvedValue({ items: [aNotification({ kind: 'COMPLAINT_RECEIVED', title: '新的投诉举报' })], total: 1, unread: 1 });
    render(<MinePage />);

    expect(await screen.findByText('新的投诉举报')).toBeTruthy();
    expect(screen.queryByText(/我的投诉举报/)).toBeNull();
    expect(fetchMyComplaints).not.toHaveBeenCalled();
  });

  it('opens 进度查询 for anyone, logged in or not', async () => {
    vi.mocked(getToken).mockReturnValue(null);
    await restoreSession();
    render(<MinePage />);

    act(() => screen.getByText('进度查询').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/track/index' });
  });
});
