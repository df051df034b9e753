import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aBusiness, aBusinessDetail } from '../../test/builders';
import { ApiError, fetchBusiness, searchBusinesses } from '../../api';
import ReportPage from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  searchBusinesses: vi.fn(),
  fetchBusiness: vi.fn(),
  fetchSimilarComplaints: vi.fn(async () => []),
}));

/** Types into the search box as a user would: Taro's Input renders its own <input> once mounted. */
async function typeQuery(container: HTMLElement, ...keystrokes: string[]) {
  const input = await waitFor(() => {
    const element = container.querySelector<HTMLInputElement>('.business-query input');
    if (!element) throw new Error('search box not rendered yet');
    return element;
  });
  for (const value of keystrokes) {
    input.value = value;
    fireEvent.input(input);
  }
}

describe('随手拍 · 查找经营主体', () => {
  beforeEach(() => {
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [], total: 0 });
  });

  it('searches once the user pauses typing, not on every keystroke, and lists what it found', async () => {
    vi.mocked(searchBusinesses).mockResolvedValue({
      items: [
        aBusiness({ name: '老街面馆', licenceNo: 'JY14401000001234', grade: 'C' }),
        aBusiness({ name: '老街面包坊', grade: 'D', businessType: { id: 2, name: '食品销售' } }),
      ],
      total: 2,
    });
    const { container } = render(<ReportPage />);

    await typeQuery(container, '老', '老街', '老街面');

    expect(await screen.findByText('老街面馆')).toBeTruthy();
    expect(screen.getByText('老街面包坊')).toBeTruthy();
    expect(screen.getByText('共 2 家')).toBeTruthy();
    expect(screen.getByText('许可证：JY14401000001234')).toBeTruthy();
    expect(screen.getByText('C级 · 小型')).toBeTruthy();
    expect(screen.getByText('食品销售')).toBeTruthy();
    expect(searchBusinesses).toHaveBeenCalledTimes(1);
    expect(searchBusinesses).toHaveBeenCalledWith({ q: '老街面', streetId: undefined });
  });

  it('says so when nothing matches', async () => {
    const { container } = render(<ReportPage />);
    await typeQuery(container, 'JY99999999999999');
    expect(await screen.findByText('没有找到与“JY99999999999999”相关的经营主体')).toBeTruthy();
  });

  it('says how many there are in all, and 加载更多 brings the next page below the first', async () => {
    const first = [aBusiness({ name: '餐饮甲' }), aBusiness({ name: '餐饮乙' })];
    const next = aBusiness({ name: '餐饮丙' });
    vi.mocked(searchBusinesses).mockImplementation(async ({ offset }) => (offset ? { items: [next], total: 3 } : { items: first, total: 3 }));
    const { container } = render(<ReportPage />);
    await typeQuery(container, '餐饮');
    expect(await screen.findByText('共 3 家，已显示 2 家')).toBeTruthy();

    await act(async () => screen.getByText('加载更多（还有 1 家）').click());

    expect(searchBusinesses).toHaveBeenLastCalledWith({ q: '餐饮', streetId: undefined, offset: 2 });
    expect(await screen.findByText('共 3 家')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('.business-choice'), (el) => el.getAttribute('aria-label')?.split('，')[0])).toEqual([
      '选择 餐饮甲',
      '选择 餐饮乙',
      '选择 餐饮丙',
    ]);
    expect(screen.queryByText(/加载更多/)).toBeNull();
  });

  it('shows the business and its 包保干部 with the tier in Chinese when one is tapped', async () => {
    const listed = aBusiness({ name: '幸福小吃店' });
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [listed], total: 1 });
    vi.mocked(fetchBusiness).mockResolvedValue(
      aBusinessDetail({
        ...listed,
        address: '幸福路 8 号',
        cadre: { id: 9, name: '赵干部', tier: 'COMMUNITY', title: '幸福社区党委书记' },
      }),
    );
    const { container } = render(<ReportPage />);
    await typeQuery(container, '幸福');

    const listedCard = await screen.findByText('幸福小吃店');
    act(() => listedCard.click());

    expect(await screen.findByText('赵干部')).toBeTruthy();
    expect(fetchBusiness).toHaveBeenCalledWith(listed.id);
    expect(screen.getByText('社区包保干部')).toBeTruthy();
    expect(screen.getByText('幸福社区党委书记')).toBeTruthy();
    expect(screen.getByText('地址：幸福路 8 号')).toBeTruthy();
  });

  it('names the district-level cadre of a B-grade business', async () => {
    const listed = aBusiness({ name: '区第一中学食堂', grade: 'B' });
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [listed], total: 1 });
    vi.mocked(fetchBusiness).mockResolvedValue(
      aBusinessDetail({ ...listed, cadre: { id: 2, name: '钱副区长', tier: 'DISTRICT', title: '副区长' } }),
    );
    const { container } = render(<ReportPage />);
    await typeQuery(container, '食堂');
    const listedCard = await screen.findByText('区第一中学食堂');
    act(() => listedCard.click());

    expect(await screen.findByText('区级包保干部')).toBeTruthy();
    expect(screen.getByText('B级 · 中型')).toBeTruthy();
  });

  it('says when a business has no 包保干部 yet', async () => {
    const listed = aBusiness({ name: '新开小店' });
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [listed], total: 1 });
    vi.mocked(fetchBusiness).mockResolvedValue(aBusinessDetail({ ...listed, cadre: null }));
    const { container } = render(<ReportPage />);
    await typeQuery(container, '新开');
    const listedCard = await screen.findByText('新开小店');
    act(() => listedCard.click());

    expect(await screen.findByText('该经营主体暂未确定包保干部')).toBeTruthy();
  });

  it('shows the server message when the search fails', async () => {
    vi.mocked(searchBusinesses).mockRejectedValue(new ApiError('RATE_LIMITED', '操作过于频繁，请稍后再试', 429));
    const { container } = render(<ReportPage />);
    await typeQuery(container, '面馆');

    expect(await screen.findByText('操作过于频繁，请稍后再试')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '操作过于频繁，请稍后再试', icon: 'none' }));
  });
});
