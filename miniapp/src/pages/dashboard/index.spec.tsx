import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDICATOR_CODES, type IndicatorCode, type IndicatorDefinition, type IndicatorReport, type IndicatorRow, type IndicatorValue, type Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { formatValue, presetPeriod, rankUnits } from './model';
import DashboardPage from './index';

const def = (code: IndicatorCode, over: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
  code,
  name: { ON_TIME_COMPLETION: '按时办结率', RATING_SATISFACTION: '评价满意率', CALLBACK: '差评回访率', MEDIAN_HANDLING_WD: '办理用时中位数', SAMPLING_PER_1000: '每千人抽检批次' }[code as string] ?? code,
  unit: 'RATIO',
  direction: 'AT_LEAST',
  target: 1,
  minSample: 5,
  numerator: '按时办结的投诉',
  denominator: '期限届满或已办结的投诉',
  window: '期限届满日在统计区间内',
  excluded: '移送、重复件',
  ...over,
});
const DEFS: IndicatorDefinition[] = [
  def('ON_TIME_COMPLETION'),
  def('RATING_SATISFACTION', { target: 0.9, minSample: 30 }),
  def('CALLBACK'),
  def('MEDIAN_HANDLING_WD', { unit: 'WORKING_DAYS', direction: 'AT_MOST', target: 15 }),
  def('SAMPLING_PER_1000', { unit: 'PER_1000_PER_YEAR', target: 4 }),
];
const noData: IndicatorValue = { value: null, numerator: 0, denominator: 0, target: 1, status: 'NO_DATA' };
const aRow = (key: string, label: string, values: Partial<Record<IndicatorCode, IndicatorValue>>): IndicatorRow => ({
  key,
  label,
  indicators: Object.fromEntries(INDICATOR_CODES.map((c) => [c, values[c] ?? noData])) as Record<IndicatorCode, IndicatorValue>,
});
const report = (groupBy: IndicatorReport['groupBy'], rows: IndicatorRow[]): IndicatorReport => ({ from: '2026-01-01', to: '2026-12-02', groupBy, rows });

const TOTAL = report('district', [
  aRow('1', '江城区', {
    ON_TIME_COMPLETION: { value: 0.9333, numerator: 28, denominator: 30, target: 1, status: 'NOT_MET' },
    RATING_SATISFACTION: { value: 0, numerator: 0, denominator: 3, target: 0.9, status: 'TOO_FEW' },
    CALLBACK: { value: 0.9996, numerator: 2499, denominator: 2500, target: 1, status: 'NOT_MET' },
    MEDIAN_HANDLING_WD: { value: 6.5, numerator: 6.5, denominator: 40, target: 15, status: 'MET' },
    SAMPLING_PER_1000: { value: 4.26, numerator: 64, denominator: 15.02, target: 4, status: 'MET' },
  }),
]);
const MONTHS = report('month', [
  aRow('2026-02', '2026年2月', { ON_TIME_COMPLETION: { value: 1, numerator: 10, denominator: 10, target: 1, status: 'MET' } }),
  aRow('2026-01', '2026年1月', { ON_TIME_COMPLETION: { value: 0.9, numerator: 18, denominator: 20, target: 1, status: 'NOT_MET' } }),
  aRow('2026-03', '2026年3月', {}),
]);
const STREETS = report('street', [
  aRow('11', '东湖街道', { ON_TIME_COMPLETION: { value: 0.8, numerator: 8, denominator: 10, target: 1, status: 'NOT_MET' } }),
  aRow('12', '西河街道', { ON_TIME_COMPLETION: { value: 1, numerator: 12, denominator: 12, target: 1, status: 'MET' } }),
  aRow('13', '南山街道', { ON_TIME_COMPLETION: { value: 1, numerator: 3, denominator: 3, target: 1, status: 'TOO_FEW' } }),
  aRow('14', '北岸街道', {}),
]);
const FEW_CADRES = report('cadre', [aRow('5', '陈秀兰', { ON_TIME_COMPLETION: { value: 1, numerator: 2, denominator: 2, target: 1, status: 'TOO_FEW' } })]);
let CADRES = FEW_CADRES;

async function signedInAs(me: Me, extra: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined = () => undefined) {
  const sent = serve((req) => {
    const p = path(req);
    if (p === '/api/v1/me') return { statusCode: 200, data: me };
    if (p === '/api/v1/indicators/definitions') return { statusCode: 200, data: { items: DEFS } };
    if (p === '/api/v1/indicators') {
      const groupBy = new URL(req.url).searchParams.get('groupBy');
      return { statusCode: 200, data: { district: TOTAL, month: MONTHS, street: STREETS, cadre: CADRES }[groupBy ?? 'district'] };
    }
    return extra(req);
  });
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const admin = aMe({ role: 'ADMIN', displayName: '区食安办' });
const press = (element: Element, key = 'Enter') => act(() => void fireEvent.keyDown(element, { key }));
const navUrl = (i: number) => (Taro.navigateTo.mock.calls[i] as unknown as [{ url: string }])[0].url;
const card = (container: HTMLElement, name: string) => Array.from(container.querySelectorAll('.dash-card')).find((c) => c.getAttribute('aria-label') === name) as HTMLElement;

afterEach(() => {
  vi.unstubAllGlobals();
  CADRES = FEW_CADRES;
});

describe('figures as read', () => {
  it('never shows 0 % or 100 % for a missing figure or one just below 100 %', () => {
    expect(formatValue({ unit: 'RATIO' }, null)).toBe('—');
    expect(formatValue({ unit: 'RATIO' }, 0.9996)).toBe('99.9%');
    expect(formatValue({ unit: 'RATIO' }, 1)).toBe('100.0%');
    expect(formatValue({ unit: 'RATIO' }, 0.0004)).toBe('0.1%');
    expect(formatValue({ unit: 'WORKING_DAYS' }, 6.5)).toBe('6.5 个工作日');
    expect(formatValue({ unit: 'PER_1000_PER_YEAR' }, 4.256)).toBe('4.26 次/千人·年');
  });

  it('takes 本年度 from 1 January and 近 12 个月 as twelve whole calendar months to today', () => {
    expect(presetPeriod('YEAR', '2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('LAST12', '2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('LAST12', '2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' });
  });

  it('ranks the best first and leaves out small samples and units without data', () => {
    const r = rankUnits(STREETS, 'ON_TIME_COMPLETION', DEFS[0]!);
    expect(r.ranked.map((u) => u.label)).toEqual(['西河街道', '东湖街道']);
    expect(r.tooFew).toEqual([{ key: '13', label: '南山街道', denominator: 3 }]);
    expect(r.noData.map((u) => u.label)).toEqual(['北岸街道']);
    const median = rankUnits(report('street', [aRow('1', '甲', { MEDIAN_HANDLING_WD: { value: 9, numerator: 9, denominator: 9, target: 15, status: 'MET' } }), aRow('2', '乙', { MEDIAN_HANDLING_WD: { value: 4, numerator: 4, denominator: 9, target: 15, status: 'MET' } })]), 'MEDIAN_HANDLING_WD', DEFS[3]!);
    expect(median.ranked.map((u) => u.label)).toEqual(['乙', '甲']);
  });
});

describe('数据看板', () => {
  it('shows each indicator with its figure, target, status in words and parts, and the definition on demand', async () => {
    const sent = await signedInAs(admin);
    const { container } = render(<DashboardPage />);
    expect(await screen.findByText('各项指标')).toBeTruthy();
    const q = new URL(sent.find((r) => path(r) === '/api/v1/indicators')!.url).searchParams;
    expect([q.get('from'), q.get('to')]).toEqual([presetPeriod('YEAR', new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)).from, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);

    const completion = card(container, '按时办结率');
    expect(completion.querySelector('.dash-value')!.textContent).toBe('93.3%');
    expect(completion.querySelector('.dash-status')!.textContent).toBe('未达标');
    expect(completion.className).toContain('dash-NOT_MET');
    expect(completion.textContent).toContain('目标：≥ 100.0%');
    expect(completion.textContent).toContain('分子/分母：28 / 30');

    const satisfaction = card(container, '评价满意率');
    expect(satisfaction.querySelector('.dash-status')!.textContent).toBe('样本不足');
    expect(satisfaction.textContent).toContain('0 / 3（少于 30 件，不作评判）');
    expect(card(container, '差评回访率').querySelector('.dash-value')!.textContent).toBe('99.9%');
    expect(card(container, '办理用时中位数').textContent).toContain('6.5 个工作日');
    expect(card(container, '办理用时中位数').textContent).toContain('目标：≤ 15.0 个工作日');
    expect(card(container, '每千人抽检批次').textContent).toContain('64 批次 / 15.02 千人·年');

    // The definition opens from the keyboard.
    const toggle = completion.querySelector('.dash-def-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    press(toggle);
    expect(completion.textContent).toContain('分子：按时办结的投诉');
    expect(completion.textContent).toContain('不计入：移送、重复件');
  });

  it('draws the monthly trend with a table beside it: months in order, no data as a dash, never 0 %', async () => {
    await signedInAs(admin);
    const { container } = render(<DashboardPage />);
    await screen.findByText('各项指标');
    const rows = Array.from(container.querySelectorAll('.dash-trend-row')).map((r) => Array.from(r.querySelectorAll('[role=cell]')).map((c) => c.textContent));
    expect(rows).toEqual([
      ['2026年1月', '90.0%', '18/20', '未达标'],
      ['2026年2月', '100.0%', '10/10', '达标'],
      ['2026年3月', '—', '0/0', '暂无数据'],
    ]);
    const chart = container.querySelector('.dash-trend .f2-chart')!;
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toBe('按时办结率月度趋势：2026年1月 90.0%，2026年2月 100.0%，2026年3月 —；目标 ≥ 100.0%');
  });

  it('ranks streets and cadres without the units below the minimum sample, and says which and why', async () => {
    await signedInAs(admin);
    const { container } = render(<DashboardPage />);
    await screen.findByText('各项指标');
    const streets = container.querySelector('.dash-ranking-street')!;
    expect(Array.from(streets.querySelectorAll('.dash-rank-row')).map((r) => r.textContent)).toEqual(['1西河街道100.0%达标', '2东湖街道80.0%未达标']);
    expect(streets.querySelector('.dash-too-few')!.textContent).toBe('样本不足未参与排名：南山街道（3 件）（少于 5 件）');
    expect(streets.querySelector('.dash-no-data')!.textContent).toBe('暂无数据未参与排名：北岸街道');
    expect(streets.querySelector('.f2-chart')!.getAttribute('aria-label')).toContain('第1名 西河街道 100.0%（达标），第2名 东湖街道 80.0%（未达标）');
    const cadres = container.querySelector('.dash-ranking-cadre')!;
    expect(cadres.querySelector('.dash-rank-none')!.textContent).toBe('没有样本足够的包保干部可以排名。');
    expect(cadres.querySelector('.dash-too-few')!.textContent).toBe('样本不足未参与排名：陈秀兰（2 件）（少于 5 件）');

    // Another indicator: the same ranking for it.
    fireEvent.change(container.querySelector('select.dash-choose')!, { target: { value: 'CALLBACK' } });
    await waitFor(() => expect(container.querySelector('.dash-ranking-street .dash-rank-none')).toBeTruthy());
  });

  it('draws only the first and last five of many cadres and lists them all', async () => {
    CADRES = report('cadre', Array.from({ length: 40 }, (_, i) =>
      aRow(String(100 + i), `干部${i + 1}`, { ON_TIME_COMPLETION: { value: 1 - i / 100, numerator: 100 - i, denominator: 100, target: 1, status: i === 0 ? 'MET' : 'NOT_MET' } }),
    ));
    await signedInAs(admin);
    const { container } = render(<DashboardPage />);
    await screen.findByText('各项指标');
    const cadres = container.querySelector('.dash-ranking-cadre')!;
    expect(cadres.querySelectorAll('.dash-rank-row')).toHaveLength(40);
    const label = cadres.querySelector('.f2-chart')!.getAttribute('aria-label')!;
    expect(label).toContain('第1名 干部1 100.0%（达标），');
    expect(label).toContain('第5名 干部5 96.0%（未达标），第36名 干部36 65.0%（未达标）');
    expect(label).not.toContain('第6名');
    expect(cadres.querySelector('.dash-rank-charted')!.textContent).toBe('图中为前 5 名和后 5 名，共 40 个包保干部的完整排名见下表。');
  });

  it('opens the records behind a figure, a month and a ranked street', async () => {
    await signedInAs(admin);
    const { container } = render(<DashboardPage />);
    await screen.findByText('各项指标');
    press(card(container, '按时办结率').querySelector('.dash-value')!);
    const first = navUrl(0);
    expect(first).toMatch(/^\/pages\/dashboard\/records\?code=ON_TIME_COMPLETION&from=\d{4}-01-01&to=[\d-]+&groupBy=district&key=1&label=/);
    press(card(container, '按时办结率').querySelector('.dash-open-failing')!);
    expect(navUrl(1)).toContain('&failing=true');
    press(container.querySelector('.dash-trend-row .link')!);
    expect(navUrl(2)).toContain('groupBy=month&key=2026-01');
    press(container.querySelector('.dash-ranking-street .dash-rank-value')!);
    expect(navUrl(3)).toContain(`groupBy=street&key=12&label=${encodeURIComponent('西河街道')}`);
    // A month without records is not a link.
    expect(container.querySelectorAll('.dash-trend-row')[2]!.querySelector('.link')).toBeNull();
  });

  it('asks again for a custom period and refuses one that ends before it starts', async () => {
    const sent = await signedInAs(admin);
    const { container } = render(<DashboardPage />);
    await screen.findByText('各项指标');
    press(container.querySelector('.dash-period-CUSTOM')!);
    fireEvent.change(container.querySelector('input.dash-from')!, { target: { value: '2026-06-01' } });
    fireEvent.change(container.querySelector('input.dash-to')!, { target: { value: '2026-05-01' } });
    press(container.querySelector('.dash-apply')!);
    expect(await screen.findByText('结束日期不能早于开始日期')).toBeTruthy();
    fireEvent.change(container.querySelector('input.dash-to')!, { target: { value: '2026-06-30' } });
    press(container.querySelector('.dash-apply')!);
    await waitFor(() => {
      const q = new URL(sent.filter((r) => path(r) === '/api/v1/indicators').at(-1)!.url).searchParams;
      expect([q.get('from'), q.get('to')]).toEqual(['2026-06-01', '2026-06-30']);
    });
    expect(container.querySelector('.dash-export')!.textContent).toContain('2026-06-01 至 2026-06-30');
  });

  it('downloads the evidence pack on h5 with the token, under its Chinese name; a refusal is said in words', async () => {
    await signedInAs(admin);
    const fetchMock = vi.fn(async () => new Response(new Blob(['xlsx']), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const createObjectURL = vi.fn(() => 'blob:evidence');
    vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { container } = render(<DashboardPage />);
    await screen.findByText('各项指标');
    press(container.querySelector('.dash-export')!);
    await waitFor(() => expect(clicked).toHaveLength(1));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toMatch(/^https:\/\/api\.example\.test\/api\/v1\/workbench\/evidence\.xlsx\?from=\d{4}-01-01&to=/);
    expect(init.headers).toEqual({ Authorization: 'Bearer tok' });
    expect(clicked[0]!.download).toMatch(/^评议考核佐证材料_\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(clicked[0]!.href).toBe('blob:evidence');
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '佐证材料已开始下载' })));

    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ code: 'FORBIDDEN', message: '只有区食安办和监管所工作人员可以导出佐证材料' }), { status: 403 }));
    press(container.querySelector('.dash-export')!);
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '只有区食安办和监管所工作人员可以导出佐证材料' })));
    expect(clicked).toHaveLength(1);
    click.mockRestore();
  });

  it('shows a cadre their own figures without the export, which is the offices\' and the bureau\'s', async () => {
    await signedInAs(aMe({ role: 'CADRE', displayName: '陈秀兰' }));
    const { container } = render(<DashboardPage />);
    expect(await screen.findByText('各项指标')).toBeTruthy();
    expect(container.textContent).toContain('统计范围：本人包保的经营主体');
    expect(container.querySelector('.dash-export')).toBeNull();
  });
});
