import { useEffect } from 'react';
import { vi } from 'vitest';

/** In-memory Taro storage, like the device's. */
export const storage = new Map<string, unknown>();

/** What the current page was opened with (`?id=5` → { id: '5' }); tests set it before rendering. */
export const routerParams: Record<string, string> = {};

const Taro = {
  request: vi.fn(),
  uploadFile: vi.fn(),
  chooseImage: vi.fn(),
  login: vi.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
  getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
  showToast: vi.fn(async () => ({ errMsg: 'showToast:ok' })),
  hideToast: vi.fn(async () => ({ errMsg: 'hideToast:ok' })),
  setClipboardData: vi.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
  switchTab: vi.fn(async () => ({ errMsg: 'switchTab:ok' })),
  navigateTo: vi.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  reLaunch: vi.fn(async () => ({ errMsg: 'reLaunch:ok' })),
  // The user confirms unless a test says otherwise.
  showModal: vi.fn(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  downloadFile: vi.fn(),
  previewImage: vi.fn(async () => ({ errMsg: 'previewImage:ok' })),
  pageScrollTo: vi.fn(async () => ({ errMsg: 'pageScrollTo:ok' })),
  makePhoneCall: vi.fn(async () => ({ errMsg: 'makePhoneCall:ok' })),
  redirectTo: vi.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  navigateBack: vi.fn(async () => ({ errMsg: 'navigateBack:ok' })),
  // The page stack: one page unless a test says otherwise.
  getCurrentPages: vi.fn(() => [{ route: 'pages/home/index' }]),
};

export const useLaunch = vi.fn();
export const useDidHide = vi.fn();
export const usePageNotFound = vi.fn();
// Taro calls a page's didShow once it has mounted, and again whenever the user comes back to it.
export const useDidShow = vi.fn((callback: () => void) => {
  useEffect(callback, []);
});
export const useRouter = vi.fn(() => ({ params: { ...routerParams } }));

export default Taro;
