import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../test/fake-taro';
import { serve, path } from '../test/fake-server';
import { aBusinessDetail, aMe, aReceipt } from '../test/builders';
import { typeInto } from '../test/fields';
import { fetchBusiness, fetchMe, getToken, searchBusinesses, submitComplaint } from '../api';
import { restoreSession } from '../session/session';
import { PhotoPicker, usePhotoUploads } from '../components/photo-picker';
import ReportPage from '../pages/report/index';
import PrivacyPage from '../pages/privacy/index';
import { registerPrivacyHandler, resetPrivacyForTests } from './privacy';
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

type ResolveOption = { event: string; buttonId?: string };
type Listener = (resolve: (o: ResolveOption) => void) => void;
type Callbacks = { success?: (r?: unknown) => void; fail?: (e?: unknown) => void };

/**
 * WeChat's side of the privacy check, as the base library behaves: requirePrivacyAuthorize succeeds at once after
 * consent, otherwise calls the app's onNeedPrivacyAuthorization listener and settles when the app resolves it.
 */
function fakeWechatPrivacy() {
  const wx = { agreed: false, listener: null as Listener | null, resolutions: [] as ResolveOption[] };
  const api = Taro as unknown as Record<string, unknown>;
  api.onNeedPrivacyAuthorization = vi.fn((listener: Listener) => {
    wx.listener = listener;
  });
  api.requirePrivacyAuthorize = vi.fn(({ success, fail }: Callbacks) => {
    if (wx.agreed) return success?.();
    wx.listener?.((o) => {
      wx.resolutions.push(o);
      if (o.event === 'agree') {
        wx.agreed = true;
        success?.();
      } else if (o.event === 'disagree') fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
    });
  });
  return wx;
}

function Picker() {
  const uploads = usePhotoUploads();
  return <PhotoPicker {...uploads} />;
}

const asWeapp = () => {
  process.env.TARO_ENV = 'weapp';
};

describe('WeChat privacy consent (用户隐私保护指引)', () => {
  let wx: ReturnType<typeof fakeWechatPrivacy>;
  beforeEach(() => {
    asWeapp();
    resetPrivacyForTests();
    wx = fakeWechatPrivacy();
    registerPrivacyHandler();
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
    await act(async () => {
      fireEvent(agree, new CustomEvent('agreeprivacyauthorization', { bubbles: true }));
    });
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

describe('the privacy notice page', () => {
  it('says what is collected, why, for how long, who sees the reporter, and whom to ask', () => {
    render(<PrivacyPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('食安共治隐私保护指引');
    const text = document.body.textContent!;
    for (const words of ['openid', '手机号码', '照片', '位置', '投诉举报内容', '二、为什么收集', '四、保存期限', '只有负责办理的市场监管所工作人员', '区市场监督管理局', '12315']) {
      expect(text).toContain(words);
    }
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(6);
  });
});

describe('subscribe messages on the 提交 tap', () => {
  type SubscribeOptions = { tmplIds: string[] } & Callbacks;
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
