import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro, { usePageNotFound } from '../test/fake-taro';
import App from '../app';
import { ELDER_MODE_KEY, isElderMode, resetElderModeForTest, setElderMode } from './elder-mode';
import { ElderModeSwitch } from './elder-mode-switch';
import { H5Chrome } from './h5-top-bar';
import { askConfirm, notify } from './notify';
import { showError } from './show-error';

beforeEach(() => {
  localStorage.clear();
  document.documentElement.className = '';
  resetElderModeForTest();
  location.hash = '#/pages/home/index';
  document.title = '食安共治';
});

afterEach(() => {
  vi.unstubAllEnvs();
  document.getElementById('sa-chrome')?.remove();
});

describe('长辈版 on h5', () => {
  it('is off for a first visit, and once switched on is remembered for the next one as the raw "1"', () => {
    expect(isElderMode()).toBe(false);
    setElderMode(true);
    expect(localStorage.getItem(ELDER_MODE_KEY)).toBe('1');
    expect(document.documentElement.classList.contains('elder')).toBe(true);

    resetElderModeForTest();
    expect(isElderMode()).toBe(true);
    setElderMode(false);
    resetElderModeForTest();
    expect(isElderMode()).toBe(false);
    expect(document.documentElement.classList.contains('elder')).toBe(false);
  });

  it('is switched from the top bar, which says whether it is on', () => {
    render(<H5Chrome />);
    const toggle = screen.getByRole('switch', { name: /长辈版/ });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(document.documentElement.classList.contains('elder')).toBe(true);
    expect(localStorage.getItem(ELDER_MODE_KEY)).toBe('1');
  });

  it('is switched on 我的 by keyboard, and the top bar follows', () => {
    render(
      <>
        <H5Chrome />
        <ElderModeSwitch />
      </>,
    );
    const [topBar, card] = screen.getAllByRole('switch', { name: /长辈版/ });
    fireEvent.keyDown(card!, { key: 'Enter' });
    expect(card!.getAttribute('aria-checked')).toBe('true');
    expect(topBar!.getAttribute('aria-checked')).toBe('true');
  });

  it('shows messages in a banner that stays, instead of a toast that vanishes', () => {
    render(<H5Chrome />);
    notify('已保存', 'success');
    expect(Taro.showToast).toHaveBeenCalledTimes(1);

    act(() => setElderMode(true));
    act(() => showError(new Error('boom')));
    expect(Taro.showToast).toHaveBeenCalledTimes(1);
    const banner = screen.getByText('操作失败，请稍后再试');
    expect(banner.closest('[role="status"]')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '知道了' }));
    expect(screen.queryByText('操作失败，请稍后再试')).toBeNull();
  });
});

describe('the h5 top bar', () => {
  it('has no 返回 on the tab pages', () => {
    render(<H5Chrome />);
    expect(screen.queryByRole('button', { name: /返回/ })).toBeNull();
    expect(screen.getByRole('heading', { name: '食安共治' })).toBeTruthy();
  });

  it('goes back to the page below on a sub-page, or to 首页 when it was opened directly', () => {
    location.hash = '#/pages/track/index';
    document.title = '进度查询';
    Taro.getCurrentPages.mockReturnValue([{ route: 'pages/home/index' }, { route: 'pages/track/index' }]);
    const { unmount } = render(<H5Chrome />);
    expect(screen.getByRole('heading', { name: '进度查询' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '返回上一页' }));
    expect(Taro.navigateBack).toHaveBeenCalled();
    unmount();

    Taro.getCurrentPages.mockReturnValue([{ route: 'pages/track/index' }]);
    render(<H5Chrome />);
    fireEvent.click(screen.getByRole('button', { name: '返回首页' }));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});

describe('长辈版 in the mini-program', () => {
  it("follows WeChat's font size: larger than 标准 turns it on, until the user chooses", () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    // Only here: Taro's h5 components also read getSystemInfoSync, so the shared fake leaves it out.
    const wechat = Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting: number } };
    let fontSizeSetting = 17;
    wechat.getAppBaseInfo = () => ({ fontSizeSetting });
    try {
      expect(isElderMode()).toBe(false);

      resetElderModeForTest();
      fontSizeSetting = 20;
      expect(isElderMode()).toBe(true);

      setElderMode(false);
      resetElderModeForTest();
      expect(isElderMode()).toBe(false);
    } finally {
      delete wechat.getAppBaseInfo;
    }
  });
});

describe('an unknown route', () => {
  it('opens the 页面不存在 page, saying which address was asked for', () => {
    render(<App>{null}</App>);
    const onNotFound = vi.mocked(usePageNotFound).mock.calls.at(-1)![0] as (event: { path: string }) => void;
    onNotFound({ path: '/pages/nope/index' });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/not-found/index?from=%2Fpages%2Fnope%2Findex' });
  });
});

describe('a question before an action', () => {
  it('is the usual dialog normally, and in 长辈版 a banner with the two answers, the page staying usable', async () => {
    render(<H5Chrome />);
    await expect(askConfirm('确定解除微信绑定？', { confirmText: '解除绑定' })).resolves.toBe(true);
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定解除微信绑定？', confirmText: '解除绑定' }));

    act(() => setElderMode(true));
    let asked!: Promise<boolean>;
    act(() => void (asked = askConfirm('确定解除微信绑定？', { confirmText: '解除绑定' })));
    expect(screen.getByText('确定解除微信绑定？').closest('[role="status"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '解除绑定' }));
    await expect(asked).resolves.toBe(true);
    expect(Taro.showModal).toHaveBeenCalledTimes(1);

    act(() => void (asked = askConfirm('删除这张照片？', { confirmText: '删除' })));
    // Another message replaces the question: that is a no, never a silent yes.
    act(() => notify('照片正在上传，请稍候再提交'));
    await expect(asked).resolves.toBe(false);
    expect(screen.queryByRole('button', { name: '删除' })).toBeNull();
  });
});
