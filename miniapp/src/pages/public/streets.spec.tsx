import { act, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aBusiness, anOffice, someAreas } from '../../test/builders';
import { ApiError, fetchAreas, searchBusinesses } from '../../api';
import { fetchModelStreets } from '../../api/public';
import { typeInto } from '../../test/fields';
import { aModelStreet } from './public-test-kit';
import StreetsPage from './streets';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  fetchAreas: vi.fn(),
  searchBusinesses: vi.fn(),
}));
vi.mock('../../api/public', () => ({ fetchModelStreets: vi.fn() }));

const typeQuery = (container: HTMLElement, value: string) => typeInto(container, 'finder-query', value);

describe('示范街区', () => {
  beforeEach(() => {
    vi.mocked(fetchModelStreets).mockResolvedValue([
      aModelStreet(1, '和平街', { businessCount: 18 }),
      aModelStreet(2, '春光巷', { businessCount: 15, street: { id: 14, name: '西河街道' } }),
      aModelStreet(3, '太阳市场', { businessCount: 22 }),
    ]);
    vi.mocked(fetchAreas).mockResolvedValue(
      someAreas([
        anOffice(1, '城东市场监管所', { streets: [{ id: 11, name: '东湖街道', communities: [] }] }),
        anOffice(2, '城西市场监管所', { streets: [{ id: 14, name: '西河街道', communities: [] }] }),
      ]),
    );
  });

  it('shows the three streets as cards with their street and business count, each opening its page', async () => {
    render(<StreetsPage />);
    const card = await screen.findByRole('link', { name: '春光巷，15 家经营主体' });
    expect(within(card).getByText('西河街道')).toBeTruthy();
    expect(within(card).getByText('共 15 家经营主体')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /家经营主体$/ }).map((c) => c.getAttribute('aria-label'))).toEqual([
      '和平街，18 家经营主体',
      '春光巷，15 家经营主体',
      '太阳市场，22 家经营主体',
    ]);
    act(() => void card.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/street?id=2' });
  });

  it('offers a retry when the streets cannot be loaded', async () => {
    vi.mocked(fetchModelStreets).mockRejectedValueOnce(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0));
    render(<StreetsPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    act(() => screen.getByText('重新加载').click());
    expect(await screen.findByText('和平街')).toBeTruthy();
  });

  it('finds a business by name within a street, shows 共 N 家 and loads more, and opens its public page', async () => {
    const first = Array.from({ length: 20 }, (_, i) => aBusiness({ name: `老街面馆${i + 1}` }));
    const more = [aBusiness({ name: '老街面馆21', id: 9021 })];
    vi.mocked(searchBusinesses).mockImplementation(async ({ offset }) => ({ items: offset === 20 ? more : first, total: 21 }));
    const { container } = render(<StreetsPage />);
    const street = await screen.findByRole('button', { name: '西河街道' });
    act(() => street.click());
    await typeQuery(container, '老街');

    await waitFor(() => expect(searchBusinesses).toHaveBeenLastCalledWith({ q: '老街', streetId: 14, limit: 20, offset: 0 }));
    expect(await screen.findByText('共 21 家，已显示 20 家')).toBeTruthy();
    expect(screen.getByRole('button', { name: '西河街道' }).getAttribute('aria-pressed')).toBe('true');

    act(() => screen.getByText('加载更多').click());
    expect(await screen.findByText('老街面馆21')).toBeTruthy();
    expect(searchBusinesses).toHaveBeenLastCalledWith({ q: '老街', streetId: 14, limit: 20, offset: 20 });
    expect(screen.getByText('共 21 家，已显示 21 家')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();

    act(() => screen.getByText('老街面馆21').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/business?id=9021' });
  });

  it('says so when nothing matches', async () => {
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [], total: 0 });
    const { container } = render(<StreetsPage />);
    await typeQuery(container, '不存在的店');
    expect(await screen.findByText('没有找到符合条件的经营主体', undefined, { timeout: 2000 })).toBeTruthy();
  });
});
