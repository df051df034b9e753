import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { aBusinessDetail, aReceipt, someAreas } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { restoreSession } from '../../session/session';
import ReportPage from './index';

// The 随手拍 form through the real client against a fake server: what a 投诉 must carry, and keyboard-only filing.

const business = aBusinessDetail({ id: 321, name: '老街面馆' });

const registry = (req: SentRequest) => {
  if (req.method !== 'GET') return undefined;
  if (path(req) === '/api/v1/businesses') return { statusCode: 200, data: { items: [business], total: 1 } };
  if (path(req) === '/api/v1/businesses/321') return { statusCode: 200, data: business };
  if (path(req) === '/api/v1/complaints/similar') return { statusCode: 200, data: [] };
  if (path(req) === '/api/v1/areas') return { statusCode: 200, data: someAreas() };
  return undefined;
};
const filed = (req: SentRequest) =>
  req.method === 'POST' && path(req) === '/api/v1/complaints'
    ? { statusCode: 201, data: aReceipt({ trackingNo: 'SA20261202-000321', queryCode: 'K7M2Q9XA' }) }
    : undefined;
const submissions = (sent: SentRequest[]) => sent.filter((req) => req.method === 'POST' && path(req) === '/api/v1/complaints');

const tap = (text: string) => act(() => screen.getByText(text).click());
const key = (element: Element, pressed: 'Enter' | ' ') => act(() => void fireEvent.keyDown(element, { key: pressed }));

async function pickBusiness(container: HTMLElement) {
  await typeInto(container, 'business-query', '老街');
  const card = await screen.findByLabelText(`选择 老街面馆，${business.address}`);
  act(() => card.click());
  await screen.findByText('重新选择经营主体');
}

async function submit(container: HTMLElement) {
  await act(async () => (container.querySelector('.submit-report') as HTMLElement).click());
}

beforeEach(async () => {
  await restoreSession();
});

describe('随手拍 · 投诉须实名并写明被投诉人', () => {
  it('asks a 投诉 for the postal address and refuses without it, sending nothing', async () => {
    const sent = serve(registry, filed);
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    tap('投诉');
    tap('过期变质食品');
    await typeInto(container, 'description', '买到的酸奶已过期两天，店员拒绝退换');
    await typeInto(container, 'reporter-name', '王小明');
    await typeInto(container, 'contact-phone', '13800138000');

    expect(screen.getByText('投诉须实名，并写明被投诉人，以便依法调解')).toBeTruthy();
    await submit(container);

    expect(screen.getByText('投诉须填写通讯地址，以便监管所书面告知您')).toBeTruthy();
    expect(submissions(sent)).toHaveLength(0);

    await typeInto(container, 'reporter-address', '东湖');
    await submit(container);
    expect(screen.getByText('请填写详细的通讯地址')).toBeTruthy();
    expect(submissions(sent)).toHaveLength(0);

    await typeInto(container, 'reporter-address', '东湖街道人民路 8 号 2 栋 301');
    await submit(container);
    expect(await screen.findByText('提交成功')).toBeTruthy();
    expect(submissions(sent)[0]?.data).toMatchObject({
      kind: 'COMPLAINT',
      businessId: 321,
      reporterName: '王小明',
      contactPhone: '13800138000',
      reporterAddress: '东湖街道人民路 8 号 2 栋 301',
    });
  });

  it('needs the name and the address of a respondent that is not in the registry', async () => {
    const sent = serve(registry, filed);
    const { container } = render(<ReportPage />);
    tap('找不到经营主体');
    const street = await screen.findByText('第1街道');
    act(() => street.click());
    tap('投诉');
    tap('过期变质食品');
    await typeInto(container, 'description', '夜市摊位卖的凉拌菜变质，摊主拒绝退款');
    await typeInto(container, 'reporter-name', '王小明');
    await typeInto(container, 'contact-phone', '13800138000');
    await typeInto(container, 'reporter-address', '东湖街道人民路 8 号 2 栋 301');

    expect(screen.getByText('经营者名称或招牌（投诉必填）')).toBeTruthy();
    await submit(container);
    expect(screen.getByText('投诉须填写被投诉经营者的名称或招牌')).toBeTruthy();
    expect(screen.getByText('投诉须填写被投诉经营者的地址')).toBeTruthy();
    expect(submissions(sent)).toHaveLength(0);

    await typeInto(container, 'free-name', '夜市凉菜摊');
    await typeInto(container, 'free-address', '湖滨路与人民路路口东北角');
    await submit(container);
    expect(await screen.findByText('提交成功')).toBeTruthy();
    expect(submissions(sent)[0]?.data).toMatchObject({ businessName: '夜市凉菜摊', businessAddress: '湖滨路与人民路路口东北角', streetId: 10 });
  });

  it('puts the server’s refusal beside the field it is about', async () => {
    serve(registry, (req) =>
      req.method === 'POST' && path(req) === '/api/v1/complaints'
        ? { statusCode: 400, data: { code: 'RESPONDENT_REQUIRED', message: '投诉须指明被投诉人：请选择经营主体，或填写经营者名称和地址' } }
        : undefined,
    );
    const { container } = render(<ReportPage />);
    tap('找不到经营主体');
    const street = await screen.findByText('第1街道');
    act(() => street.click());
    await typeInto(container, 'free-name', '夜市凉菜摊');
    await typeInto(container, 'free-address', '湖滨路路口');
    tap('投诉');
    tap('过期变质食品');
    await typeInto(container, 'description', '夜市摊位卖的凉拌菜变质，摊主拒绝退款');
    await typeInto(container, 'reporter-name', '王小明');
    await typeInto(container, 'contact-phone', '13800138000');
    await typeInto(container, 'reporter-address', '东湖街道人民路 8 号 2 栋 301');
    await submit(container);

    await waitFor(() =>
      expect(screen.getAllByText('投诉须指明被投诉人：请选择经营主体，或填写经营者名称和地址').map((e) => e.className)).toEqual(
        expect.arrayContaining(['field-error', 'submit-error']),
      ),
    );
  });

  it('lets a 举报 stay anonymous without an address or a named respondent', async () => {
    const sent = serve(registry, filed);
    const { container } = render(<ReportPage />);
    tap('找不到经营主体');
    const street = await screen.findByText('第1街道');
    act(() => street.click());
    tap('举报');
    tap('卫生条件差');
    await typeInto(container, 'description', '路口摊位的餐具直接放在地上');
    tap('匿名举报');

    expect(container.querySelector('.reporter-address')).toBeNull();
    expect(screen.queryByText('投诉须实名，并写明被投诉人，以便依法调解')).toBeNull();
    await submit(container);

    expect(await screen.findByText('提交成功')).toBeTruthy();
    const body = submissions(sent)[0]?.data as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'REPORT', anonymous: true, streetId: 10 });
    expect(body).not.toHaveProperty('reporterAddress');
    expect(body).not.toHaveProperty('businessName');
  });
});

describe('随手拍 · keyboard only', () => {
  it('files a report from the place to the receipt with Tab stops and Enter/Space alone', async () => {
    const sent = serve(registry, filed);
    const { container } = render(<ReportPage />);

    // The place: type in the search field, then Enter on the business found.
    await typeInto(container, 'business-query', '老街');
    const card = await screen.findByLabelText(`选择 老街面馆，${business.address}`);
    expect(card.getAttribute('tabindex')).toBe('0');
    key(card, 'Enter');
    await screen.findByText('重新选择经营主体');

    // Kind and category: each a tab stop with a button role and its selected state.
    const report = screen.getByText('举报', { selector: '.kind-label' }).parentElement!;
    expect(report.getAttribute('role')).toBe('button');
    key(report, 'Enter');
    expect(report.getAttribute('aria-pressed')).toBe('true');
    const category = screen.getByText('卫生条件差');
    expect(category.getAttribute('tabindex')).toBe('0');
    key(category, ' ');
    expect(category.className).toContain('chip-selected');

    await typeInto(container, 'description', '后厨地面积水，餐具直接放在地上');
    key(screen.getByText('匿名举报'), 'Enter');

    const submitButton = container.querySelector('.submit-report')!;
    expect(submitButton.getAttribute('tabindex')).toBe('0');
    await act(async () => void fireEvent.keyDown(submitButton, { key: 'Enter' }));

    expect(await screen.findByText('提交成功')).toBeTruthy();
    expect(screen.getByText('SA20261202-000321')).toBeTruthy();
    expect(submissions(sent)[0]?.data).toMatchObject({ kind: 'REPORT', category: 'POOR_HYGIENE', businessId: 321, anonymous: true });
  });

  it('reaches the 找不到经营主体 path, the street and the community from the keyboard too', async () => {
    serve(registry, filed);
    render(<ReportPage />);

    key(screen.getByText('找不到经营主体'), 'Enter');
    const street = await screen.findByText('第1街道');
    key(street, ' ');
    key(await screen.findByText('第1社区'), 'Enter');

    expect(screen.getByText('第1社区').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('将由东湖市场监管所受理')).toBeTruthy();
    key(screen.getByText('返回搜索经营主体'), 'Enter');
    expect(screen.getByText('找不到经营主体')).toBeTruthy();
  });
});
