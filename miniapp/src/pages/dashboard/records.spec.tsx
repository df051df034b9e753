import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IndicatorRecord, IndicatorRecords, Me } from '@sa/contracts';
import Taro, { routerParams, storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import RecordsPage from './records';

const aRecord = (over: Partial<IndicatorRecord> = {}): IndicatorRecord => ({
  kind: 'COMPLAINT',
  id: 7,
  complaintId: 7,
  trackingNo: 'SA20261009-000007',
  title: '李记小吃店 售卖过期酸奶',
  date: '2026-10-09',
  counted: true,
  note: '2026-10-20 办结，期限 2026-10-30',
  ...over,
});
const DEFS = { items: [{ code: 'ON_TIME_COMPLETION', name: '按时办结率', unit: 'RATIO', direction: 'AT_LEAST', target: 1, minSample: 5, numerator: '按时办结的投诉', denominator: '期限届满或已办结的投诉', window: '', excluded: '' }] };

async function signedInAs(me: Me, records: (req: SentRequest) => IndicatorRecords) {
  const sent = serve((req) => {
    const p = path(req);
    if (p === '/api/v1/me') return { statusCode: 200, data: me };
    if (p === '/api/v1/indicators/definitions') return { statusCode: 200, data: DEFS };
    if (p === '/api/v1/indicators/records') return { statusCode: 200, data: records(req) };
    return undefined;
  });
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, displayName: '周明' });
const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter' }));
const RECORDS = '/api/v1/indicators/records';

describe('指标明细', () => {
  it('lists the records behind the figure, only the failing ones on demand, each opening its case', async () => {
    Object.assign(routerParams, { code: 'ON_TIME_COMPLETION', from: '2026-01-01', to: '2026-12-02', groupBy: 'street', key: '12', label: encodeURIComponent('西河街道') });
    const late = aRecord({ id: 8, complaintId: 8, trackingNo: 'SA20261010-000008', counted: false, note: '超期 3 个工作日办结' });
    const sent = await signedInAs(staff, (req) => (new URL(req.url).searchParams.get('failing') === 'true' ? { code: 'ON_TIME_COMPLETION', items: [late], total: 1 } : { code: 'ON_TIME_COMPLETION', items: [aRecord(), late], total: 2 }));
    const { container } = render(<RecordsPage />);

    expect(await screen.findByText('按时办结率明细')).toBeTruthy();
    expect(container.querySelector('.dash-rec-scope')!.textContent).toBe('西河街道 · 2026-01-01 至 2026-12-02');
    await waitFor(() => expect(container.querySelectorAll('.dash-rec')).toHaveLength(2));
    const q = new URL(sent.find((r) => path(r) === RECORDS)!.url).searchParams;
    expect([q.get('code'), q.get('groupBy'), q.get('key'), q.get('failing'), q.get('offset')]).toEqual(['ON_TIME_COMPLETION', 'street', '12', null, '0']);
    expect(container.querySelectorAll('.dash-rec')[0]!.textContent).toContain('计入分子');
    expect(container.querySelectorAll('.dash-rec')[1]!.textContent).toContain('未计入分子');
    expect(screen.getByText('第 1/1 页（共 2 条）')).toBeTruthy();

    press(container.querySelector('.dash-failing-only')!);
    await waitFor(() => expect(container.querySelectorAll('.dash-rec')).toHaveLength(1));
    expect(new URL(sent.filter((r) => path(r) === RECORDS).at(-1)!.url).searchParams.get('failing')).toBe('true');
    expect(container.querySelector('.dash-failing-only')!.getAttribute('aria-pressed')).toBe('true');

    const open = container.querySelector('.dash-rec-open')!;
    expect(open.getAttribute('role')).toBe('link');
    press(open);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/workbench/index?id=8' });
  });

  it('says so when there are no failing records, and names a bad link instead of asking the server', async () => {
    Object.assign(routerParams, { code: 'ON_TIME_COMPLETION', from: '2026-01-01', to: '2026-12-02', failing: 'true' });
    await signedInAs(staff, () => ({ code: 'ON_TIME_COMPLETION', items: [], total: 0 }));
    const first = render(<RecordsPage />);
    expect(await screen.findByText('没有未达要求的记录。')).toBeTruthy();
    first.unmount();

    for (const key of Object.keys(routerParams)) delete routerParams[key];
    Object.assign(routerParams, { code: 'NOT_A_CODE', from: '2026-01-01', to: '2026-12-02' });
    const sent = await signedInAs(staff, () => ({ code: 'ON_TIME_COMPLETION', items: [], total: 0 }));
    render(<RecordsPage />);
    expect(await screen.findByText('链接中的指标无效，请从数据看板点击数值进入。')).toBeTruthy();
    expect(sent.some((r) => path(r) === RECORDS)).toBe(false);
  });
});
