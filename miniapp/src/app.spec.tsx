import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Taro, { storage, useLaunch } from './test/fake-taro';
import { aLogin, aMe } from './test/builders';
import { path, serve } from './test/fake-server';
import { TOKEN_KEY } from './api/client';
import App from './app';

const cadre = aMe({ role: 'CADRE', cadreId: 7, wechatBound: true });

/** Renders the app and runs its launch, as the platform does when it starts, opened on `at`. */
async function launch(at: string) {
  render(<App>{null}</App>);
  const onLaunch = vi.mocked(useLaunch).mock.calls.at(-1)![0] as (options: { path: string }) => void;
  onLaunch({ path: at });
  await vi.waitFor(() => expect(Taro.request).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 0));
}

afterEach(() => vi.unstubAllEnvs());

describe('app launch in the mini-program', () => {
  it('opens the workbench by itself for a staff member whose WeChat is bound', async () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    serve(
      (req) => (path(req) === '/api/v1/auth/wechat' ? { statusCode: 200, data: aLogin('staff-tok', cadre) } : undefined),
      (req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: cadre } : undefined),
    );

    await launch('pages/home/index');

    await vi.waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/workbench/index' }));
    expect(storage.get(TOKEN_KEY)).toBe('staff-tok');
  });

  it('keeps a resident on 首页, and follows a link to another page as it is', async () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    serve(
      (req) => (path(req) === '/api/v1/auth/wechat' ? { statusCode: 200, data: aLogin('resident-tok') } : undefined),
      (req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: aMe() } : undefined),
    );
    await launch('pages/home/index');
    expect(Taro.reLaunch).not.toHaveBeenCalled();

    storage.clear();
    serve(
      (req) => (path(req) === '/api/v1/auth/wechat' ? { statusCode: 200, data: aLogin('staff-tok', cadre) } : undefined),
      (req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: cadre } : undefined),
    );
    await launch('pages/track/index');
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});
