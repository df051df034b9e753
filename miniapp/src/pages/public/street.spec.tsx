import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import Taro, { routerParams } from '../../test/fake-taro';
import { aBusiness } from '../../test/builders';
import { ApiError } from '../../api';
import { fetchModelStreet } from '../../api/public';
import { aModelStreetDetail } from './public-test-kit';
import StreetPage from './street';

vi.mock('../../api/public', () => ({ fetchModelStreet: vi.fn() }));

describe('示范街', () => {
  it('shows the street, where it is, and its businesses with grade, type and address, each opening its page', async () => {
    routerParams.id = '1';
    vi.mocked(fetchModelStreet).mockResolvedValue(
      aModelStreetDetail(1, '和平街', {
        address: '青岚区东湖街道和平街',
        businessCount: 2,
        businesses: [
          aBusiness({ id: 501, name: '阿华茶铺', grade: 'D', businessType: { id: 5, name: '餐饮服务-饮品店' }, address: '东湖街道和平街3号' }),
          aBusiness({ id: 502, name: '王记烧饼', grade: 'C', address: '东湖街道和平街5号' }),
        ],
      }),
    );
    render(<StreetPage />);

    expect(await screen.findByRole('heading', { name: '和平街' })).toBeTruthy();
    expect(fetchModelStreet).toHaveBeenCalledWith(1);
    expect(screen.getByText('地址：青岚区东湖街道和平街')).toBeTruthy();
    expect(screen.getByText('街区经营主体（2 家）')).toBeTruthy();
    const tea = screen.getByRole('link', { name: '阿华茶铺，东湖街道和平街3号' });
    expect(tea.textContent).toContain('D级 · 微型');
    expect(tea.textContent).toContain('餐饮服务-饮品店');
    act(() => tea.click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/business?id=501' });
  });

  it('says the link is broken instead of asking the server about a malformed id', async () => {
    routerParams.id = '1e3';
    render(<StreetPage />);
    expect(await screen.findByText('链接中的示范街编号无效')).toBeTruthy();
    expect(fetchModelStreet).not.toHaveBeenCalled();
    act(() => screen.getByText('查看全部示范街区').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/streets' });
  });

  it('shows the server’s answer for a street that does not exist, with a retry', async () => {
    routerParams.id = '99';
    vi.mocked(fetchModelStreet).mockRejectedValue(new ApiError('NOT_FOUND', '示范街不存在', 404));
    render(<StreetPage />);
    expect(await screen.findByText('示范街不存在')).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});
