import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aLogin, aMe, anOffice, someAreas } from '../../test/builders';
import { ApiError, fetchAreas, fetchMe, getToken, loginAsDemoUser } from '../../api';
import { restoreSession, signInAsDemoUser } from '../../session/session';
import { fetchArticles } from '../../api/content';
import { fetchPublicFigures } from '../../api/public';
import type { ArticleListItem, PublicFigures } from '@sa/contracts';
import HomePage, { formatRate } from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  fetchAreas: vi.fn(),
  fetchMe: vi.fn(),
  getToken: vi.fn(),
  loginAsDemoUser: vi.fn(),
}));
vi.mock('../../api/content', () => ({ fetchArticles: vi.fn() }));
vi.mock('../../api/public', () => ({ fetchPublicFigures: vi.fn() }));

const someFigures = (over: Partial<PublicFigures> = {}): PublicFigures => ({
  year: 2026,
  reportsThisYear: 128,
  onTimeRate: 0.965,
  satisfactionRate: null,
  onTime: { met: 193, decided: 200 },
  ...over,
});
const anArticle = (id: number, title: string, over: Partial<ArticleListItem> = {}): ArticleListItem => ({
  id,
  title,
  summary: null,
  category: 'WORK_NEWS',
  coverUrl: null,
  publishedAt: '2026-11-20T02:00:00.000Z',
  viewCount: 3,
  office: null,
  ...over,
});

describe('首页', () => {
  beforeEach(async () => {
    vi.mocked(fetchAreas).mockResolvedValue(someAreas());
    vi.mocked(fetchArticles).mockResolvedValue({ items: [], total: 0 });
    vi.mocked(fetchPublicFigures).mockResolvedValue(someFigures());
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
    // A real tel: link on h5, named for screen readers, reachable with Tab like any link.
    expect(within(office).getByRole('link', { name: '拨打南港市场监管所电话 020-83330003' }).getAttribute('href')).toBe('tel:02083330003');
    expect(within(office).getByText('负责街道：南港街道、新港街道')).toBeTruthy();
    expect(screen.getByText('东湖市场监管所')).toBeTruthy();
    expect(screen.getByText('地址：西岭大道 88 号')).toBeTruthy();
  });

  it('dials an office from the mini-program with Taro.makePhoneCall, on a tap and on Enter', async () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    try {
      vi.mocked(fetchAreas).mockResolvedValue(someAreas([anOffice(3, '南港市场监管所', { address: '港前路 3 号', phone: '020-83330003' })]));
      render(<HomePage />);

      const office = (await screen.findByText('南港市场监管所')).parentElement as HTMLElement;
      const phone = within(office).getByRole('link', { name: '拨打南港市场监管所电话 020-83330003' });
      // No links in a mini-program: the number is a control that asks WeChat to dial.
      expect(phone.getAttribute('href')).toBeNull();
      expect(phone.textContent).toBe('电话：020-83330003');

      act(() => phone.click());
      expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '020-83330003' });
      fireEvent.keyDown(phone, { key: 'Enter' });
      expect(Taro.makePhoneCall).toHaveBeenCalledTimes(2);
      expect(Taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '020-83330003' });
    } finally {
      vi.unstubAllEnvs();
    }
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

  it('opens 公示, 示范街区 and 宣传资讯 from the quick entries, by keyboard too', async () => {
    render(<HomePage />);
    await screen.findByText('东湖市场监管所');
    act(() => screen.getByRole('link', { name: /^公示\s*处罚信息公示/ }).click());
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/public/penalties' });
    act(() => screen.getByText('示范街区').click());
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/public/streets' });
    const news = screen.getByRole('link', { name: /^宣传资讯/ });
    expect(news.getAttribute('tabindex')).toBe('0');
    act(() => void news.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/news/index' });
  });

  it('shows this year’s figures, and 暂无数据 where there is nothing to count, never 0 % or 100 %', async () => {
    render(<HomePage />);
    expect(await screen.findByText('128 件')).toBeTruthy();
    expect(screen.getByText('2026 年办理情况')).toBeTruthy();
    expect(screen.getByText('96.5%')).toBeTruthy();
    expect(screen.getByText('193/200 项按时')).toBeTruthy();
    const satisfaction = screen.getByText('群众满意度').parentElement as HTMLElement;
    expect(within(satisfaction).getByText('暂无数据')).toBeTruthy();
  });

  it('says 暂无数据 for the on-time rate when no step has been decided yet', async () => {
    vi.mocked(fetchPublicFigures).mockResolvedValue(someFigures({ reportsThisYear: 0, onTimeRate: null, onTime: { met: 0, decided: 0 } }));
    render(<HomePage />);
    const onTime = (await screen.findByText('按时办理率')).parentElement as HTMLElement;
    expect(within(onTime).getByText('暂无数据')).toBeTruthy();
    expect(screen.queryByText(/0%|100%/)).toBeNull();
    expect(screen.getByText('0 件')).toBeTruthy();
  });

  it('writes rates to one decimal and drops a trailing .0', () => {
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0.9649)).toBe('96.5%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('暂无数据');
  });

  it('lists the five latest articles, each opening the article', async () => {
    vi.mocked(fetchArticles).mockResolvedValue({
      items: [anArticle(41, '我区开展校园食品安全专项检查'), anArticle(40, '夏季预防细菌性食物中毒提示', { category: 'SCIENCE' })],
      total: 22,
    });
    render(<HomePage />);
    const article = await screen.findByText('我区开展校园食品安全专项检查');
    expect(fetchArticles).toHaveBeenCalledWith({ limit: 5 });
    expect(screen.getByText('科普知识')).toBeTruthy();
    act(() => article.click());
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/news/article?id=41' });
    act(() => screen.getByRole('link', { name: '查看全部宣传资讯' }).click());
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/news/index' });
  });

  it('offers a retry, not a blank, when the figures or the articles cannot be loaded', async () => {
    vi.mocked(fetchPublicFigures).mockRejectedValueOnce(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0));
    vi.mocked(fetchArticles).mockRejectedValueOnce(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0));
    render(<HomePage />);
    expect(await screen.findAllByText('网络连接失败，请检查网络后重试')).toHaveLength(2);
    vi.mocked(fetchArticles).mockResolvedValue({ items: [anArticle(7, '食品安全宣传周启动')], total: 1 });
    for (const retry of screen.getAllByText('重新加载')) act(() => retry.click());
    expect(await screen.findByText('食品安全宣传周启动')).toBeTruthy();
    expect(await screen.findByText('128 件')).toBeTruthy();
    expect(screen.queryByText('网络连接失败，请检查网络后重试')).toBeNull();
  });
});
