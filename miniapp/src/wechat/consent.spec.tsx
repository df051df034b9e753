import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../test/fake-taro';
import { agreeOn, launchWeappWithPrivacyCheck } from '../test/fake-wechat-privacy';
import { serve, path } from '../test/fake-server';
import { aBusinessDetail, aMe, aReceipt } from '../test/builders';
import { typeInto } from '../test/fields';
import { fetchBusiness, fetchMe, getToken, searchBusinesses, submitComplaint } from '../api';
import { restoreSession } from '../session/session';
import { PhotoPicker, usePhotoUploads } from '../components/photo-picker';
import ReportPage from '../pages/report/index';
import { ReceiptView } from '../pages/report/receipt-view';
import PrivacyPage from '../pages/privacy/index';
import { answerOf, askSubscribe, loadSubscribeTemplates, setSubscribeTemplatesForTests } from './subscribe';

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  fetchAreas: vi.fn(async () => (await import('../test/builders')).someAreas()),
  fetchBusiness: vi.fn(),
  fetchMe: vi.fn(),
  fetchSimilarComplaints: vi.fn(async () => []),
  getToken: vi.fn(),
  searchBusinesses: vi.fn(),
  submitComplaint: vi.fn(),
}));

function Picker() {
  const uploads = usePhotoUploads();
  return <PhotoPicker {...uploads} />;
}

const asWeapp = () => {
  process.env.TARO_ENV = 'weapp';
};

describe('WeChat privacy consent (用户隐私保护指引)', () => {
  let wx: ReturnType<typeof launchWeappWithPrivacyCheck>['wx'];
  beforeEach(() => {
    ({ wx } = launchWeappWithPrivacyCheck());
    Taro.chooseImage.mockRejectedValue(new Error('chooseImage:fail cancel'));
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('shows the app’s own panel in the page before the album opens, and opens it after 同意', async () => {
    const { container } = render(<Picker />);
    await act(async () => screen.getByLabelText('添加现场照片').click());

    const panel = screen.getByRole('region', { name: '隐私保护提示' });
    expect(panel.textContent).toContain('举报人身份只有负责办理的市场监管所可见');
    expect(wx.resolutions).toEqual([{ event: 'exposureAuthorization' }]);
    expect(Taro.chooseImage).not.toHaveBeenCalled();
    // Not a pop-up: the panel is part of the picker, and nothing modal was asked of WeChat.
    expect(container.querySelector('.photos-field')!.contains(panel)).toBe(true);
    expect(Taro.showModal).not.toHaveBeenCalled();

    const agree = container.querySelector('#privacy-agree-photos')!;
    expect(agree.getAttribute('open-type') ?? (agree as unknown as { openType?: string }).openType).toBe('agreePrivacyAuthorization');
    await agreeOn(agree);
    expect(wx.resolutions.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree-photos' });
    await waitFor(() => expect(Taro.chooseImage).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('region', { name: '隐私保护提示' })).toBeNull();

    // Agreed once: the next photo opens the album straight away.
    await act(async () => screen.getByLabelText('添加现场照片').click());
    expect(Taro.chooseImage).toHaveBeenCalledTimes(2);
    expect(wx.listener).not.toBeNull();
  });

  it('says what declining means and leaves the picker usable for another try', async () => {
    render(<Picker />);
    await act(async () => screen.getByLabelText('添加现场照片').click());
    await act(async () => screen.getByText('不同意').click());

    expect(wx.resolutions.at(-1)).toEqual({ event: 'disagree' });
    await waitFor(() => expect(screen.queryByRole('status')).not.toBeNull());
    expect(Taro.chooseImage).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toContain('不上传照片也可以提交，表单其他内容不受影响');

    await act(async () => screen.getByLabelText('添加现场照片').click());
    expect(screen.getByRole('region', { name: '隐私保护提示' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('links to the privacy notice page from the panel, by keyboard too', async () => {
    render(<Picker />);
    await act(async () => screen.getByLabelText('添加现场照片').click());
    const link = screen.getByRole('link', { name: '查看《食安共治隐私保护指引》' });
    fireEvent.keyDown(link, { key: 'Enter' });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
  });

  it('asks nothing on the h5 portal: the browser’s own file picker applies', async () => {
    process.env.TARO_ENV = 'h5';
    render(<Picker />);
    await act(async () => screen.getByLabelText('添加现场照片').click());
    expect((Taro as unknown as { requirePrivacyAuthorize: ReturnType<typeof vi.fn> }).requirePrivacyAuthorize).not.toHaveBeenCalled();
    expect(Taro.chooseImage).toHaveBeenCalledTimes(1);
  });
});

describe('WeChat privacy consent before copying (剪贴板)', () => {
  let fake: ReturnType<typeof launchWeappWithPrivacyCheck>;
  beforeEach(() => {
    fake = launchWeappWithPrivacyCheck();
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  const showReceipt = () =>
    render(<ReceiptView receipt={aReceipt({ trackingNo: 'SA20261130-000123', queryCode: 'K4M9Q2' })} category='EXPIRED_FOOD' onAnother={() => undefined} />);

  it('asks in the receipt before copying the tracking number, and copies it after 同意并继续', async () => {
    const { container } = showReceipt();
    await act(async () => screen.getByLabelText('复制受理编号').click());

    const panel = screen.getByRole('region', { name: '隐私保护提示' });
    expect(container.querySelector('.receipt')!.contains(panel)).toBe(true);
    expect(panel.textContent).toContain('剪贴板');
    expect(Taro.setClipboardData).not.toHaveBeenCalled();
    expect(fake.wx.resolutions).toEqual([{ event: 'exposureAuthorization' }]);
    expect(Taro.showModal).not.toHaveBeenCalled();

    await agreeOn(container.querySelector('#privacy-agree-clipboard')!);
    expect(fake.wx.resolutions.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree-clipboard' });
    await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'SA20261130-000123' }));
    expect(screen.queryByRole('region', { name: '隐私保护提示' })).toBeNull();

    // Agreed once: the query code copies straight away.
    await act(async () => screen.getByLabelText('复制受理编号和查询码').click());
    expect(Taro.setClipboardData).toHaveBeenLastCalledWith({ data: '受理编号 SA20261130-000123 查询码 K4M9Q2' });
    expect(Taro.setClipboardData).toHaveBeenCalledTimes(2);
  });

  it('copies nothing when the user declines, says so, and asks again on the next 复制', async () => {
    showReceipt();
    await act(async () => screen.getByLabelText('复制受理编号').click());
    await act(async () => screen.getByText('不同意').click());

    expect(fake.wx.resolutions.at(-1)).toEqual({ event: 'disagree' });
    expect((await screen.findByRole('status')).textContent).toContain('您未同意隐私保护指引，没有复制任何内容');
    expect(Taro.setClipboardData).not.toHaveBeenCalled();
    expect(Taro.showToast).not.toHaveBeenCalled();

    await act(async () => screen.getByLabelText('复制受理编号和查询码').click());
    expect(screen.getByRole('region', { name: '隐私保护提示' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('opens the panel WeChat names when a privacy API asks by itself, and fails one no panel can answer at once', async () => {
    // Nothing on screen could take the answer: the API fails rather than wait forever.
    await expect(fake.gate('setClipboardData')).resolves.toBe(false);
    expect(fake.wx.resolutions).toEqual([{ event: 'disagree' }]);

    const { container } = showReceipt();
    const copied = fake.gate('setClipboardData');
    await act(async () => undefined);
    expect(screen.getByRole('region', { name: '隐私保护提示' }).textContent).toContain('剪贴板');
    await agreeOn(container.querySelector('#privacy-agree-clipboard')!);
    await expect(copied).resolves.toBe(true);
  });

  it('answers no when the page asking goes away, so nothing waits for a panel no one sees', async () => {
    const { unmount } = showReceipt();
    await act(async () => screen.getByLabelText('复制受理编号').click());
    expect(screen.getByRole('region', { name: '隐私保护提示' })).toBeTruthy();
    unmount();
    expect(fake.wx.resolutions.at(-1)).toEqual({ event: 'disagree' });

    // Back on the receipt later: no word of a refusal the user never gave, and 复制 asks again.
    showReceipt();
    expect(screen.queryByRole('status')).toBeNull();
    await act(async () => screen.getByLabelText('复制受理编号').click());
    expect(screen.getByRole('region', { name: '隐私保护提示' })).toBeTruthy();
    expect(Taro.setClipboardData).not.toHaveBeenCalled();
  });

  it('goes straight to the clipboard on the h5 portal', async () => {
    process.env.TARO_ENV = 'h5';
    showReceipt();
    await act(async () => screen.getByLabelText('复制受理编号').click());
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'SA20261130-000123' });
    expect((Taro as unknown as { requirePrivacyAuthorize: ReturnType<typeof vi.fn> }).requirePrivacyAuthorize).not.toHaveBeenCalled();
  });
});

/** Every source file of the mini-program (no tests), by path relative to src/. */
function sources(dir = join(__dirname, '..')): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'test' ? [] : sources(full);
    if (!/\.tsx?$/.test(name) || /\.spec\.tsx?$/.test(name)) return [];
    return [{ path: relative(join(__dirname, '..'), full), text: readFileSync(full, 'utf8') }];
  });
}

describe('every privacy API behind the consent panel', () => {
  // WeChat's list of privacy APIs (用户隐私保护指引) that this app could call.
  const GATED = /Taro\.(chooseImage|chooseMedia|chooseVideo|chooseMessageFile|setClipboardData|getClipboardData|getLocation|getFuzzyLocation|chooseLocation|choosePoi|chooseAddress|saveImageToPhotosAlbum)\(/;
  // Article editing (cover and body images) is offered on the h5 workbench only; weapp shows a preview.
  const H5_ONLY = ['pages/workbench/article-edit.tsx'];

  it('calls a privacy API only right after ensurePrivacy, and copies only through copyText', () => {
    const callers = sources().filter((file) => GATED.test(file.text) && !H5_ONLY.includes(file.path));
    expect(callers.map((file) => file.path).sort()).toEqual(['components/clipboard.ts', 'components/photo-picker.tsx', 'pages/admin/survey.tsx']);
    for (const file of callers) expect([file.path, /ensurePrivacy\(/.test(file.text)]).toEqual([file.path, true]);
  });

  it('shows a consent panel wherever something asks for consent', () => {
    const askers = sources().filter((file) => /\b(copyText|ensurePrivacy)\(/.test(file.text) && !/^(components\/clipboard|wechat\/privacy)\.ts$/.test(file.path));
    expect(askers.length).toBeGreaterThanOrEqual(6);
    for (const file of askers) expect([file.path, file.text.includes('<PrivacyConsent')]).toEqual([file.path, true]);
  });
});

describe('the privacy notice page', () => {
  it('says what is collected, why, for how long, who sees the reporter, and whom to ask', () => {
    render(<PrivacyPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('食安共治隐私保护指引');
    const text = document.body.textContent!;
    for (const words of ['openid', '手机号码', '照片', '位置', '剪贴板', '聊天中的文件', '投诉举报内容', '二、为什么收集', '四、保存期限', '只有负责办理的市场监管所工作人员', '区市场监督管理局', '12315']) {
      expect(text).toContain(words);
    }
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(6);
  });
});

describe('subscribe messages on the 提交 tap', () => {
  type SubscribeOptions = { tmplIds: string[]; success?: (r?: unknown) => void; fail?: (e?: unknown) => void };
  let order: string[];
  let request: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    asWeapp();
    order = [];
    request = vi.fn((o: SubscribeOptions) => {
      order.push('requestSubscribeMessage');
      o.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-accepted': 'accept', 'tpl-resolved': 'reject' });
    });
    (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = request;
    vi.mocked(getToken).mockReturnValue('tok');
    vi.mocked(fetchMe).mockResolvedValue(aMe());
    await restoreSession();
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
    setSubscribeTemplatesForTests([]);
  });

  const fillReport = async (container: HTMLElement) => {
    const business = aBusinessDetail({ name: '老街面馆' });
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [business], total: 1 });
    vi.mocked(fetchBusiness).mockResolvedValue(business);
    await typeInto(container, 'business-query', business.name);
    const listed = await screen.findByText(business.name);
    act(() => listed.click());
    await screen.findByText('重新选择经营主体');
    act(() => screen.getByText('举报').click());
    act(() => screen.getByText('过期变质食品').click());
    await typeInto(container, 'description', '货架上的牛奶已过保质期三天，仍在销售');
    act(() => screen.getByText('匿名举报').click());
  };

  it('loads the template ids at launch, never opens the dialog on load, and opens it first thing on 提交', async () => {
    const sent = serve(
      (req) => (path(req) === '/api/v1/subscribe-templates' ? { statusCode: 200, data: { templateIds: ['tpl-accepted', 'tpl-resolved'] } } : undefined),
      (req) => (path(req) === '/api/v1/me/subscriptions' ? { statusCode: 200, data: { grants: [] } } : undefined),
    );
    await loadSubscribeTemplates();
    vi.mocked(submitComplaint).mockImplementation(async () => {
      order.push('submitComplaint');
      return aReceipt();
    });
    const { container } = render(<ReportPage />);
    await fillReport(container);
    expect(request).not.toHaveBeenCalled();

    await act(async () => (container.querySelector('.submit-report') as HTMLElement).click());
    await screen.findByText('提交成功');

    expect(order.slice(0, 2)).toEqual(['requestSubscribeMessage', 'submitComplaint']);
    expect(request.mock.calls[0]![0].tmplIds).toEqual(['tpl-accepted', 'tpl-resolved']);
    await waitFor(() => expect(sent.some((r) => path(r) === '/api/v1/me/subscriptions')).toBe(true));
    const posted = sent.find((r) => path(r) === '/api/v1/me/subscriptions')!;
    expect(posted.method).toBe('POST');
    expect(posted.data).toEqual({ results: { 'tpl-accepted': 'accept', 'tpl-resolved': 'reject' } });
  });

  it('still tells the server the answer when the submission fails', async () => {
    const sent = serve((req) => (path(req) === '/api/v1/me/subscriptions' ? { statusCode: 200, data: { grants: [] } } : undefined));
    setSubscribeTemplatesForTests(['tpl-accepted']);
    const { ApiError } = await import('../api');
    vi.mocked(submitComplaint).mockRejectedValue(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0));
    const { container } = render(<ReportPage />);
    await fillReport(container);
    await act(async () => (container.querySelector('.submit-report') as HTMLElement).click());
    await waitFor(() => expect(sent.filter((r) => path(r) === '/api/v1/me/subscriptions')).toHaveLength(1));
    expect(screen.getAllByText('网络连接失败，请检查网络后重试').length).toBeGreaterThan(0);
  });

  it('opens the dialog synchronously inside the call, and asks nothing without templates or on h5', () => {
    setSubscribeTemplatesForTests(['tpl-accepted']);
    void askSubscribe();
    expect(request).toHaveBeenCalledTimes(1);

    setSubscribeTemplatesForTests([]);
    void askSubscribe();
    process.env.TARO_ENV = 'h5';
    setSubscribeTemplatesForTests(['tpl-accepted']);
    void askSubscribe();
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('keeps only the asked templates with a known answer from WeChat’s result', () => {
    expect(answerOf({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'ban', c: 'accept', d: 'weird' }, ['a', 'b', 'd'])).toEqual({ a: 'accept', b: 'ban' });
    expect(answerOf({ errMsg: 'requestSubscribeMessage:ok' }, ['a'])).toBeNull();
  });
});
