import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me, SamplingBatchList, SamplingBatchView } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aBusiness, aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import SamplingPage from './sampling';

let seq = 0;
function aBatch(over: Partial<SamplingBatchView> = {}): SamplingBatchView {
  const n = ++seq;
  return {
    id: n,
    batchNo: `NCP2026100900${n}`,
    sampledOn: '2026-10-08',
    business: { id: 7, name: '李记小吃店' },
    street: { id: 11, name: '东湖街道' },
    product: '散装豆腐',
    foodCategory: '豆制品',
    result: 'QUALIFIED',
    failedItem: null,
    complaint: null,
    recordedAt: '2026-10-09T02:00:00.000Z',
    ...over,
  };
}
const aList = (items: SamplingBatchView[], total = items.length): SamplingBatchList => ({ items, total });

async function signedInAs(me: Me, routes: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, displayName: '周明' });
const press = (element: Element, key = 'Enter') => act(() => void fireEvent.keyDown(element, { key }));
const $ = (container: HTMLElement, selector: string) => container.querySelector(selector) as HTMLElement;
const LIST = '/api/v1/workbench/sampling-batches';

describe('抽检登记 (workbench)', () => {
  it('lists batches; an unqualified one shows its failed item and links to its case', async () => {
    const bad = aBatch({ result: 'UNQUALIFIED', failedItem: '大肠菌群超标', product: '凉拌菜', foodCategory: '餐饮食品', complaint: { id: 321, trackingNo: 'SA20261009-000004', status: 'SUBMITTED', statusLabel: '已提交' } });
    const good = aBatch();
    await signedInAs(staff, (req) => (path(req) === LIST ? { statusCode: 200, data: aList([bad, good]) } : undefined));
    const { container } = render(<SamplingPage />);

    expect(await screen.findByText(bad.batchNo)).toBeTruthy();
    const rows = container.querySelectorAll('.wb-samp-row');
    expect(rows[0]!.className).toContain('wb-samp-UNQUALIFIED');
    expect(rows[0]!.textContent).toContain('不合格项目：大肠菌群超标');
    expect(rows[0]!.textContent).toContain('样品：凉拌菜（餐饮食品）');
    expect(rows[1]!.querySelector('.wb-samp-case')).toBeNull();
    const link = rows[0]!.querySelector('.wb-samp-case')!;
    expect(link.getAttribute('role')).toBe('link');
    press(link);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/workbench/index?id=321' });
    expect(screen.getByText('第 1/1 页（共 2 批次）')).toBeTruthy();
  });

  it('filters by result, sampling dates and words', async () => {
    const sent = await signedInAs(staff, (req) => (path(req) === LIST ? { statusCode: 200, data: aList([]) } : undefined));
    const { container } = render(<SamplingPage />);
    expect(await screen.findByText('暂无抽检批次，点击「登记抽检批次」开始登记。')).toBeTruthy();

    press($(container, '.wb-samp-filter-UNQUALIFIED'));
    fireEvent.change($(container, 'input.wb-samp-from'), { target: { value: '2026-09-01' } });
    fireEvent.change($(container, 'input.wb-samp-to'), { target: { value: '2026-09-30' } });
    await typeInto(container, 'wb-samp-search', '豆腐');
    press($(container, '.wb-samp-search-go'));
    await waitFor(() => {
      const q = new URL(sent.filter((r) => path(r) === LIST).at(-1)!.url).searchParams;
      expect([q.get('result'), q.get('from'), q.get('to'), q.get('q'), q.get('offset')]).toEqual(['UNQUALIFIED', '2026-09-01', '2026-09-30', '豆腐', '0']);
    });
    expect(await screen.findByText('没有符合筛选条件的抽检批次。')).toBeTruthy();
    expect($(container, '.wb-samp-filter-UNQUALIFIED').getAttribute('aria-pressed')).toBe('true');
  });

  it('records an unqualified batch with a business found by search, then shows the case it opened', async () => {
    const shop = aBusiness({ id: 7, name: '李记小吃店' });
    let recorded: SamplingBatchView | null = null;
    const sent = await signedInAs(staff, (req) => {
      if (req.method === 'GET' && path(req) === LIST) return { statusCode: 200, data: aList(recorded ? [recorded] : []) };
      if (path(req) === '/api/v1/businesses') return { statusCode: 200, data: { items: [shop, aBusiness({ name: '李家菜馆' })], total: 2 } };
      if (req.method === 'POST' && path(req) === LIST) {
        recorded = aBatch({ batchNo: 'NCP20261009001', result: 'UNQUALIFIED', failedItem: '苯甲酸超标', complaint: { id: 55, trackingNo: 'SA20261009-000001', status: 'SUBMITTED', statusLabel: '已提交' } });
        return { statusCode: 201, data: recorded };
      }
      return undefined;
    });
    const { container } = render(<SamplingPage />);
    await screen.findByText(/暂无抽检批次/);
    press($(container, '.wb-samp-open'));

    // Nothing is sent until the form is whole; each missing field says what it needs.
    press($(container, '.wb-samp-submit'));
    expect(await screen.findByText('请填写抽样单编号')).toBeTruthy();
    expect(screen.getByText('请查找并选择被抽检的经营主体')).toBeTruthy();
    expect(screen.getByText('请选择食品类别')).toBeTruthy();
    expect(screen.getByText('请选择检验结论')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);

    await typeInto(container, 'wb-samp-no', 'NCP20261009001');
    fireEvent.change($(container, 'input.wb-samp-date'), { target: { value: '2026-10-08' } });
    await typeInto(container, 'wb-samp-business-q', '李记');
    press($(container, '.wb-samp-business-go'));
    const result = await screen.findByText('李记小吃店');
    expect(new URL(sent.find((r) => path(r) === '/api/v1/businesses')!.url).searchParams.get('q')).toBe('李记');
    press(result.closest('.wb-samp-result')!);
    expect($(container, '.wb-samp-chosen').textContent).toContain('李记小吃店');
    await typeInto(container, 'wb-samp-product', '散装豆腐');
    fireEvent.change($(container, 'select.wb-samp-category'), { target: { value: '豆制品' } });
    press($(container, '.wb-choice-UNQUALIFIED'));
    expect(screen.getByText(/系统按举报件自动立项/)).toBeTruthy();
    press($(container, '.wb-samp-submit'));
    expect(await screen.findByText('不合格批次须填写不合格项目')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);

    await typeInto(container, 'wb-samp-failed', '苯甲酸超标');
    press($(container, '.wb-samp-submit'));
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({
      batchNo: 'NCP20261009001',
      sampledOn: '2026-10-08',
      businessId: 7,
      product: '散装豆腐',
      foodCategory: '豆制品',
      result: 'UNQUALIFIED',
      failedItem: '苯甲酸超标',
    });
    const notice = await screen.findByRole('status');
    await waitFor(() => expect(notice.textContent).toContain('已登记抽样单 NCP20261009001（不合格），已生成案件 SA20261009-000001'));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记' }));
    expect(await screen.findByText('查看案件 SA20261009-000001（已提交）›')).toBeTruthy();
    expect(container.querySelector('.wb-samp-form')).toBeNull();
  });

  it('puts the server’s refusal of a taken number beside that field', async () => {
    const shop = aBusiness({ id: 7, name: '李记小吃店' });
    await signedInAs(staff, (req) => {
      if (req.method === 'GET' && path(req) === LIST) return { statusCode: 200, data: aList([]) };
      if (path(req) === '/api/v1/businesses') return { statusCode: 200, data: { items: [shop], total: 1 } };
      if (req.method === 'POST') return { statusCode: 409, data: { code: 'BATCH_NO_TAKEN', message: '抽样单编号已存在' } };
      return undefined;
    });
    const { container } = render(<SamplingPage />);
    await screen.findByText(/暂无抽检批次/);
    press($(container, '.wb-samp-open'));
    await typeInto(container, 'wb-samp-no', 'NCP20261009001');
    await typeInto(container, 'wb-samp-business-q', '李记');
    press($(container, '.wb-samp-business-go'));
    press((await screen.findByText('李记小吃店')).closest('.wb-samp-result')!);
    await typeInto(container, 'wb-samp-product', '散装豆腐');
    fireEvent.change($(container, 'select.wb-samp-category'), { target: { value: '豆制品' } });
    press($(container, '.wb-choice-QUALIFIED'));
    press($(container, '.wb-samp-submit'));
    const error = await screen.findByText('抽样单编号已存在');
    expect(error.className).toBe('field-error');
    expect(container.querySelector('.wb-samp-no input')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('is not offered to a cadre', async () => {
    await signedInAs(aMe({ role: 'CADRE', cadreId: 7 }), () => undefined);
    render(<SamplingPage />);
    expect(screen.getByText('此页面不适用于包保干部')).toBeTruthy();
  });
});
