import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import Taro, { routerParams, storage } from './fake-taro';

afterEach(() => {
  cleanup();
  storage.clear();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  vi.clearAllMocks();
  Taro.request.mockReset();
  Taro.uploadFile.mockReset();
  Taro.chooseImage.mockReset();
});
