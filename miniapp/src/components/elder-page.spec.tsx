import { act, fireEvent, render, screen } from '@testing-library/react';
import { View } from '@tarojs/components';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro, { storage, useDidShow } from '../test/fake-taro';
import { refreshElderMode, resetElderModeForTest, setElderMode } from './elder-mode';
import { ElderPageNotice, useElderPageClass } from './elder-page';
import { askConfirm, notify } from './notify';

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
