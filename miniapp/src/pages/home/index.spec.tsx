import { act, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aLogin, aMe, anOffice, someAreas } from '../../test/builders';
import { ApiError, fetchAreas, fetchMe, getToken, loginAsDemoUser } from '../../api';
import { restoreSession, signInAsDemoUser } from '../../session/session';
import HomePage from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  fetchAreas: vi.fn(),
  fetchMe: vi.fn(),
  getToken: vi.fn(),
  loginAsDemoUser: vi.fn(),
}));

describe('首页', () => {
  beforeEach(async () => {
    vi.mocked(fetchAreas).mockResolvedValue(someAreas());
    vi.mocked(getToken).mockReturnValue(null);
    await restoreSession(); // h5, no stored token: a guest
  });

  it('greets a visitor who has not logged in as 游客', async () => {
    render(<HomePage />);
    expect(screen.getByText('您好，游客')).toHaveProperty('className', expect.stringContaining('home-greeting'));
    await screen.findByText('东湖市场监管所');
  });

  it('greets a logged-in resident by name', async () => {
    vi.mocked(getToken).mockReturnValue('tok');
    vi.mocked(fetchMe).mockResolvedValue(aMe({ displayName: '王小明' }));
    await restoreSession();

    render(<HomePage />);

    expect(screen.getByText('您好，王小明')).toBeTruthy();
    await screen.findByText('东湖市场监管所');
  });

  it('shows the new name as soon as the user logs in on another page', async () => {
    render(<HomePage />);
    expect(screen.getByText('您好，游客')).toBeTruthy();

    vi.mocked(loginAsDemoUser).mockResolvedValue(aLogin('tok', { displayName: '陈居民' }));
    vi.mocked(fetchMe).mockResolvedValue(aMe({ displayName: '陈居民' }));
    await act(() => signInAsDemoUser('resident1'));

    expect(screen.getByText('您好，陈居民')).toBeTruthy();
    expect(screen.queryByText('您好，游客')).toBeNull();
    await screen.findByText('东湖市场监管所');
  });

  it('lists every market-supervision office with its address, phone and streets', async () => {
    vi.mocked(fetchAreas).mockResolvedValue(
      someAreas([
        anOffice(1, '东湖市场监管所', { address: '东湖路 1 号', phone: '020-81110001' }),
        anOffice(2, '西岭市场监管所', { address: '西岭大道 88 号', phone: '020-82220002' }),
        anOffice(3, '南港市场监管所', {
          address: '港前路 3 号',
          phone: '020-83330003',
          streets: [
            { id: 31, name: '南港街道', communities: [] },
            { id: 32, name: '新港街道', communities: [] },
          ],
        }),
      ]),
    );

    render(<HomePage />);

    const office = (await screen.findByText('南港市场监管所')).parentElement as HTMLElement;
    expect(within(office).getByText('地址：港前路 3 号')).toBeTruthy();
    expect(within(office).getByText('电话：020-83330003')).toBeTruthy();
    expect(within(office).getByText('负责街道：南港街道、新港街道')).toBeTruthy();
    expect(screen.getByText('东湖市场监管所')).toBeTruthy();
    expect(screen.getByText('地址：西岭大道 88 号')).toBeTruthy();
  });

  it('tells the user when the offices cannot be loaded', async () => {
    vi.mocked(fetchAreas).mockRejectedValue(new ApiError('DATABASE_UNAVAILABLE', '数据库暂时不可用，请稍后再试', 503));

    render(<HomePage />);

    expect(await screen.findByText('数据库暂时不可用，请稍后再试')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '数据库暂时不可用，请稍后再试' }));

    vi.mocked(fetchAreas).mockResolvedValue(someAreas());
    act(() => screen.getByText('重新加载').click());
    expect(await screen.findByText('东湖市场监管所')).toBeTruthy();
    expect(screen.queryByText('数据库暂时不可用，请稍后再试')).toBeNull();
  });

  it('opens 随手拍 from the entry card', async () => {
    render(<HomePage />);
    await screen.findByText('东湖市场监管所');
    act(() => screen.getByText('随手拍').click());
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' });
  });

  it('opens 进度查询 from its entry card', async () => {
    render(<HomePage />);
    await screen.findByText('东湖市场监管所');
    act(() => screen.getByText('进度查询').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/track/index' });
  });
});
