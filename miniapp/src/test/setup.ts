import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import Taro, { storage } from './fake-taro';

afterEach(() => {
  cleanup();
  storage.clear();
  vi.clearAllMocks();
  Taro.request.mockReset();
});
