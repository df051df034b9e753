import { vi } from 'vitest';

/** In-memory Taro storage, like the device's. */
export const storage = new Map<string, unknown>();

const Taro = {
  request: vi.fn(),
  login: vi.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
  getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
  showToast: vi.fn(async () => ({ errMsg: 'showToast:ok' })),
  switchTab: vi.fn(async () => ({ errMsg: 'switchTab:ok' })),
  makePhoneCall: vi.fn(async () => ({ errMsg: 'makePhoneCall:ok' })),
};

export const useLaunch = vi.fn();
export const useDidShow = vi.fn();

export default Taro;
