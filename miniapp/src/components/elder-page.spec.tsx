import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { View } from '@tarojs/components';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro, { routerParams, storage, useDidShow } from '../test/fake-taro';
import { aComplaintView, aReceipt } from '../test/builders';
import { typeInto } from '../test/fields';
import { fetchComplaint, reopenComplaint } from '../api';
import ComplaintPage from '../pages/complaint/index';
import ReportPage from '../pages/report/index';
import { ReceiptView } from '../pages/report/receipt-view';
import { refreshElderMode, resetElderModeForTest, setElderMode } from './elder-mode';
import { ElderPageNotice, useElderPageClass } from './elder-page';
import { askConfirm, notify } from './notify';

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  fetchAreas: vi.fn(async () => (await import('../test/builders')).someAreas()),
  fetchComplaint: vi.fn(),
  reopenComplaint: vi.fn(),
  // A photo on a weak link: still uploading when the user taps 提交.
  uploadPhoto: vi.fn(() => new Promise(() => undefined)),
}));

const wechat = Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting: number } };
let fontSizeSetting = 17;

function Page() {
  const elder = useElderPageClass();
  return (
    <View className={`page demo${elder}`} data-testid='root'>
      <ElderPageNotice />
      正文
    </View>
  );
}

beforeEach(() => {
  storage.clear();
  localStorage.clear();
  resetElderModeForTest();
  vi.stubEnv('TARO_ENV', 'weapp');
  fontSizeSetting = 17;
  wechat.getAppBaseInfo = () => ({ fontSizeSetting });
});

afterEach(() => {
  vi.unstubAllEnvs();
  delete wechat.getAppBaseInfo;
});

describe('长辈版 on a mini-program page', () => {
  it('puts elder on the page root when WeChat’s font size is above 标准, and not at 标准', () => {
    const { unmount } = render(<Page />);
    expect(screen.getByTestId('root').className).toBe('page demo');
    unmount();

    resetElderModeForTest();
    fontSizeSetting = 20;
    render(<Page />);
    expect(screen.getByTestId('root').className).toBe('page demo elder');
  });

  it('follows the switch on 我的 at once, and WeChat’s setting changed while the page was away when it is shown again', () => {
    render(<Page />);
    const root = screen.getByTestId('root');
    act(() => setElderMode(true));
    expect(root.classList.contains('elder')).toBe(true);
    act(() => setElderMode(false));
    expect(root.classList.contains('elder')).toBe(false);

    // No choice stored: WeChat's setting decides, read again when the page comes back into view.
    storage.clear();
    fontSizeSetting = 22;
    // WeChat calls the page's didShow handlers when it is shown again.
    act(() => {
      for (const [didShow] of vi.mocked(useDidShow).mock.calls) (didShow as () => void)();
    });
    expect(root.classList.contains('elder')).toBe(true);
    expect(refreshElderMode()).toBe(true);
  });

  it('keeps h5 as it was: html.elder does the scaling there, the root gets no second class', () => {
    vi.stubEnv('TARO_ENV', 'h5');
    localStorage.setItem('sa.elderMode', '1');
    render(<Page />);
    expect(screen.getByTestId('root').className).toBe('page demo');
  });
});

describe('no pop-ups in the mini-program’s 长辈版', () => {
  it('asks in the page’s banner instead of WeChat’s dialog, and shows messages there instead of a toast', async () => {
    fontSizeSetting = 20;
    render(<Page />);
    let asked!: Promise<boolean>;
    act(() => void (asked = askConfirm('确定解除微信绑定？', { confirmText: '解除绑定' })));
    expect(screen.getByText('确定解除微信绑定？').closest('[role="status"]')).toBeTruthy();
    fireEvent.click(screen.getByText('解除绑定'));
    await expect(asked).resolves.toBe(true);
    expect(Taro.showModal).not.toHaveBeenCalled();

    act(() => notify('已保存', 'success'));
    expect(screen.getByText('已保存')).toBeTruthy();
    expect(Taro.showToast).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('知道了'));
    expect(screen.queryByText('已保存')).toBeNull();
  });

  it('uses WeChat’s dialog and toasts at 标准 size', async () => {
    render(<Page />);
    await expect(askConfirm('确定撤回？')).resolves.toBe(true);
    expect(Taro.showModal).toHaveBeenCalledTimes(1);
    notify('已保存', 'success');
    expect(Taro.showToast).toHaveBeenCalledTimes(1);
  });

  it('answers no for a question left when the page goes away', async () => {
    fontSizeSetting = 20;
    const { unmount } = render(<Page />);
    let asked!: Promise<boolean>;
    act(() => void (asked = askConfirm('删除这张照片？', { confirmText: '删除' })));
    unmount();
    await expect(asked).resolves.toBe(false);
  });
});

describe('no pop-ups on the mini-program’s screens in 长辈版', () => {
  beforeEach(() => {
    fontSizeSetting = 20;
  });

  /** The page's banner (ElderPageNotice), where 长辈版 shows what would otherwise be a toast. */
  const banner = (container: HTMLElement) => container.querySelector('.elder-notice-area')!;

  it('随手拍: says a photo is still uploading in the banner, not in a toast', async () => {
    Taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'wxfile://tmp/milk.jpg', size: 120_000 }], tempFilePaths: ['wxfile://tmp/milk.jpg'] });
    const { container } = render(<ReportPage />);
    await act(async () => screen.getByLabelText('添加现场照片').click());
    await screen.findByText('上传中…');

    await act(async () => (container.querySelector('.submit-report') as HTMLElement).click());

    expect(banner(container).textContent).toContain('照片正在上传，请稍候再提交');
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('回执: puts WeChat’s own 内容已复制 toast away and says 已复制 in the banner', async () => {
    const { container } = render(
      <View>
        <ElderPageNotice />
        <ReceiptView receipt={aReceipt({ trackingNo: 'SA20261130-000123' })} category='EXPIRED_FOOD' onAnother={() => undefined} />
      </View>,
    );
    await act(async () => screen.getByLabelText('复制受理编号').click());

    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'SA20261130-000123' });
    expect(Taro.hideToast).toHaveBeenCalled();
    expect(banner(container).textContent).toContain('已复制');
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('投诉举报详情: says the report is reopened in the banner, not in a toast', async () => {
    routerParams.id = '42';
    vi.mocked(fetchComplaint).mockResolvedValue(aComplaintView({ id: 42, status: 'RESOLVED', statusLabel: '已办结', outcome: 'FIXED', canReopen: true }));
    vi.mocked(reopenComplaint).mockResolvedValue(aComplaintView({ id: 42, status: 'REOPENED', statusLabel: '已重新打开', canReopen: false }));
    const { container } = render(<ComplaintPage />);
    const offer = await screen.findByText('问题未解决，重新打开');
    act(() => offer.click());
    await typeInto(container, 'reopen-reason', '昨天又去买，货架上还是过期牛奶');
    await act(async () => screen.getByText('确认重新打开').click());

    await waitFor(() => expect(banner(container).textContent).toContain('已重新打开'));
    expect(Taro.showToast).not.toHaveBeenCalled();
  });
});
