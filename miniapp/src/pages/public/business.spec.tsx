import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import Taro, { routerParams } from '../../test/fake-taro';
import { ApiError } from '../../api';
import { fetchPenalties } from '../../api/penalties';
import { fetchPublicBusiness } from '../../api/public';
import { aDisclosure, aPublicBusiness } from './public-test-kit';
import BusinessPage, { cadreLine } from './business';

vi.mock('../../api/public', () => ({ fetchPublicBusiness: vi.fn() }));
vi.mock('../../api/penalties', () => ({ fetchPenalties: vi.fn() }));

describe('经营主体公示', () => {
  it('shows every public fact with its label, the cadre by name and tier, and how many reports are open', async () => {
    routerParams.id = '321';
    vi.mocked(fetchPublicBusiness).mockResolvedValue(
      aPublicBusiness({
        id: 321,
        name: '李记小吃店',
        licenceNo: 'JY23399010001234',
        grade: 'D',
        businessType: { id: 3, name: '餐饮服务-小吃店' },
        address: '东湖街道和平街7号',
        street: { id: 11, name: '东湖街道' },
        community: { id: 111, name: '春晖社区' },
        cadre: { name: '王某某', tier: 'COMMUNITY' },
        modelStreet: { id: 1, name: '和平街' },
        openReports: 2,
      }),
    );
    vi.mocked(fetchPenalties).mockResolvedValue({ items: [aDisclosure(12)], total: 1 });
    render(<BusinessPage />);

    expect(await screen.findByRole('heading', { name: '李记小吃店' })).toBeTruthy();
    for (const line of [
      '食品经营许可证：JY23399010001234',
      '业态：餐饮服务-小吃店',
      '风险分级：D级 · 微型',
      '地址：东湖街道和平街7号',
      '所在街道社区：东湖街道 春晖社区',
      '包保干部：王某某（社区级）',
      '该主体目前有 2 件投诉举报正在办理',
    ]) {
      expect(screen.getByText(line)).toBeTruthy();
    }
    expect(fetchPublicBusiness).toHaveBeenCalledWith(321);
    expect(fetchPenalties).toHaveBeenCalledWith({ businessId: 321, limit: 20 });
    expect(await screen.findByText('文书号：青岚市监罚〔2026〕12号')).toBeTruthy();
    expect(screen.getByText('违法行为类型：销售超过保质期的食品')).toBeTruthy();
    expect(screen.getByText('处罚内容：警告，罚款人民币 5000 元')).toBeTruthy();
    expect(screen.getByText('决定日期：2026-09-18')).toBeTruthy();

    act(() => screen.getByRole('link', { name: '示范街 和平街' }).click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/street?id=1' });
    act(() => screen.getByText('随手拍').click());
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' });
  });

  it('names each tier the way residents say it', () => {
    expect(cadreLine({ name: '张三', tier: 'CITY' })).toBe('包保干部：张三（市级）');
    expect(cadreLine({ name: '张三', tier: 'DISTRICT' })).toBe('包保干部：张三（区级）');
    expect(cadreLine({ name: '张三', tier: 'STREET' })).toBe('包保干部：张三（街道级）');
  });

  it('says there is no disclosure, no open report and no cadre yet in words', async () => {
    routerParams.id = '5';
    vi.mocked(fetchPublicBusiness).mockResolvedValue(aPublicBusiness({ cadre: null, openReports: 0 }));
    vi.mocked(fetchPenalties).mockResolvedValue({ items: [], total: 0 });
    render(<BusinessPage />);
    expect(await screen.findByText('暂无处罚信息公示')).toBeTruthy();
    expect(await screen.findByText('该主体目前没有正在办理的投诉举报')).toBeTruthy();
    expect(screen.getByText('包保干部：暂未指派')).toBeTruthy();
  });

  it('keeps the business facts when only the disclosures fail, and retries them', async () => {
    routerParams.id = '5';
    vi.mocked(fetchPublicBusiness).mockResolvedValue(aPublicBusiness({ name: '佳佳便利店' }));
    vi.mocked(fetchPenalties)
      .mockRejectedValueOnce(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0))
      .mockResolvedValueOnce({ items: [], total: 0 });
    render(<BusinessPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '佳佳便利店' })).toBeTruthy();
    act(() => screen.getByText('重新加载').click());
    expect(await screen.findByText('暂无处罚信息公示')).toBeTruthy();
  });

  it('shows the server’s message for an unknown business', async () => {
    routerParams.id = '77';
    vi.mocked(fetchPublicBusiness).mockRejectedValue(new ApiError('NOT_FOUND', '经营主体不存在', 404));
    vi.mocked(fetchPenalties).mockResolvedValue({ items: [], total: 0 });
    render(<BusinessPage />);
    expect(await screen.findByText('经营主体不存在')).toBeTruthy();
  });
});
