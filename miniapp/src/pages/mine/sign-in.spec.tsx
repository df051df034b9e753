import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { bearer, path, serve, type SentRequest } from '../../test/fake-server';
import { aLogin, aMe } from '../../test/builders';
import { fieldIn, typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { getSession, restoreSession } from '../../session/session';
import MinePage from './index';

// The whole way from the form to the wire: the real client, session store and page against a fake server.

const resident = aMe({ id: 5, displayName: '张居民', role: 'RESIDENT' });
const boundCadre = aMe({ id: 9, displayName: '李社区', role: 'CADRE', cadreId: 7, wechatBound: true });
const unauthenticated = { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };

/** GET /me answers the user the bearer token belongs to. */
const meByToken = (users: Record<string, Me>) => (req: SentRequest) => {
  if (path(req) !== '/api/v1/me' || req.method !== 'GET') return undefined;
  const user = users[(bearer(req) ?? '').replace('Bearer ', '')];
  return user ? { statusCode: 200, data: user } : unauthenticated;
};
/** What 我的 loads besides the profile: empty lists. */
const emptyLists = (req: SentRequest) =>
  path(req) === '/api/v1/complaints/mine' || path(req) === '/api/v1/me/notifications'
    ? { statusCode: 200, data: { items: [], total: 0, unread: 0 } }
    : undefined;
const route = (method: string, at: string, reply: (req: SentRequest) => { statusCode: number; data?: unknown }) => (req: SentRequest) =>
  req.method === method && path(req) === at ? reply(req) : undefined;

const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter', keyCode: 13 }));
const click = (selector: string) => act(() => (document.querySelector(selector) as HTMLElement).click());

async function enterIn(container: HTMLElement, className: string) {
  const input = await fieldIn(container, className);
  await act(async () => void fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 }));
}

afterEach(() => vi.unstubAllEnvs());

describe('账号绑定 in the mini-program', () => {
  beforeEach(() => {
    vi.stubEnv('TARO_ENV', 'weapp');
    Taro.login.mockResolvedValue({ code: 'wx-code-77', errMsg: 'login:ok' });
  });

  it('binds this WeChat to a staff account: the staff session replaces the resident one and the workbench opens', async () => {
    storage.set(TOKEN_KEY, 'resident-tok');
    const sent = serve(
      meByToken({ 'resident-tok': resident, 'staff-tok': boundCadre }),
      emptyLists,
      route('POST', '/api/v1/auth/wechat/bind', () => ({ statusCode: 200, data: aLogin('staff-tok', boundCadre) })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    expect(await screen.findByText('工作人员账号绑定')).toBeTruthy();
    click('.open-staff-binding');
    await typeInto(container, 'bind-username', ' cadre-b1 ');
    await typeInto(container, 'bind-password', 'Demo@2026x');
    click('.bind-staff');

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/workbench/index' }));
    const bind = sent.find((req) => path(req) === '/api/v1/auth/wechat/bind');
    expect(bind?.data).toEqual({ code: 'wx-code-77', username: 'cadre-b1', password: 'Demo@2026x' });
    expect(bind && bearer(bind)).toBeUndefined();
    expect(storage.get(TOKEN_KEY)).toBe('staff-tok');
    // The profile was loaded again with the new token: it is the cadre now.
    expect(bearer(sent.filter((req) => path(req) === '/api/v1/me').at(-1)!)).toBe('Bearer staff-tok');
    expect(getSession()).toMatchObject({ status: 'signed-in', me: { role: 'CADRE' } });
    expect(screen.getByText('身份：包保干部')).toBeTruthy();
    expect(screen.getByText('进入工作台')).toBeTruthy();
    expect(screen.queryByText('工作人员账号绑定')).toBeNull();
    expect([...storage.values()]).not.toContain('Demo@2026x');
  });

  it('shows the server’s message for a wrong password and stays the resident', async () => {
    storage.set(TOKEN_KEY, 'resident-tok');
    serve(
      meByToken({ 'resident-tok': resident }),
      emptyLists,
      route('POST', '/api/v1/auth/wechat/bind', () => ({ statusCode: 401, data: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    click('.open-staff-binding');
    await typeInto(container, 'bind-username', 'cadre-b1');
    await typeInto(container, 'bind-password', 'wrong');
    click('.bind-staff');

    expect(await screen.findByText('用户名或密码错误', { selector: '.field-error' })).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '用户名或密码错误', icon: 'none' }));
    expect(storage.get(TOKEN_KEY)).toBe('resident-tok');
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(screen.getByText('身份：群众')).toBeTruthy();
  });

  it('asks for the password before fetching a WeChat code or sending anything', async () => {
    storage.set(TOKEN_KEY, 'resident-tok');
    const sent = serve(meByToken({ 'resident-tok': resident }), emptyLists);
    await restoreSession();
    const { container } = render(<MinePage />);

    click('.open-staff-binding');
    await typeInto(container, 'bind-username', 'cadre-b1');
    click('.bind-staff');

    expect(await screen.findByText('请输入密码', { selector: '.field-error' })).toBeTruthy();
    expect(Taro.login).not.toHaveBeenCalled();
    expect(sent.some((req) => path(req) === '/api/v1/auth/wechat/bind')).toBe(false);
  });

  it('opens the bound staff session by itself at launch, and unbinding ends as a resident', async () => {
    // Before unbinding this WeChat opens the cadre; after it, a resident.
    let wechatUser: 'staff' | 'resident' = 'staff';
    const sent = serve(
      meByToken({ 'staff-tok': boundCadre, 'resident-tok-2': resident }),
      emptyLists,
      route('POST', '/api/v1/auth/wechat', () => ({
        statusCode: 200,
        data: wechatUser === 'staff' ? aLogin('staff-tok', boundCadre) : aLogin('resident-tok-2', resident),
      })),
      route('DELETE', '/api/v1/me/wechat', () => {
        wechatUser = 'resident';
        return { statusCode: 204, data: '' };
      }),
      route('POST', '/api/v1/auth/logout', () => ({ statusCode: 204, data: '' })),
    );
    await restoreSession();
    expect(getSession()).toMatchObject({ status: 'signed-in', me: { role: 'CADRE' } });
    render(<MinePage />);

    click('.unbind-wechat');

    expect(await screen.findByText('身份：群众')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '解除微信绑定' }));
    const calls = sent.map((req) => `${req.method} ${path(req)} ${bearer(req) ?? '-'}`);
    expect(calls).toEqual(
      expect.arrayContaining(['DELETE /api/v1/me/wechat Bearer staff-tok', 'POST /api/v1/auth/logout Bearer staff-tok']),
    );
    expect(calls.indexOf('DELETE /api/v1/me/wechat Bearer staff-tok')).toBeLessThan(calls.lastIndexOf('POST /api/v1/auth/wechat -'));
    expect(storage.get(TOKEN_KEY)).toBe('resident-tok-2');
    expect(screen.getByText('工作人员账号绑定')).toBeTruthy();
    expect(screen.queryByText('解除微信绑定')).toBeNull();
  });

  it('keeps the binding when the user cancels the confirmation', async () => {
    storage.set(TOKEN_KEY, 'staff-tok');
    const sent = serve(meByToken({ 'staff-tok': boundCadre }), emptyLists);
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    await restoreSession();
    render(<MinePage />);

    click('.unbind-wechat');
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());

    expect(sent.some((req) => req.method === 'DELETE')).toBe(false);
    expect(screen.getByText('解除微信绑定', { selector: '.unbind-wechat' })).toBeTruthy();
  });
});

describe('工作人员登录 on h5', () => {
  const office1 = aMe({ id: 3, displayName: '东湖所 王科员', role: 'OFFICE_STAFF', officeId: 1 });

  it('submits with Enter in the password field and takes the staff member to the workbench', async () => {
    const sent = serve(
      meByToken({ 'office-tok': office1 }),
      emptyLists,
      route('POST', '/api/v1/auth/password', (req) =>
        (req.data as { password: string }).password === 'Demo@2026x'
          ? { statusCode: 200, data: aLogin('office-tok', office1) }
          : { statusCode: 401, data: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } },
      ),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    await typeInto(container, 'staff-username', 'office1');
    await typeInto(container, 'staff-password', 'Demo@2026x');
    await enterIn(container, 'staff-password');

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/workbench/index' }));
    expect(sent.find((req) => path(req) === '/api/v1/auth/password')?.data).toEqual({ username: 'office1', password: 'Demo@2026x' });
    expect(storage.get(TOKEN_KEY)).toBe('office-tok');
    // Back on 我的 the staff member sees the way to the workbench, not the resident sections.
    expect(await screen.findByText('进入工作台')).toBeTruthy();
    expect(screen.queryByText(/我的投诉举报/)).toBeNull();
    expect(screen.queryByText('绑定社会监督员邀请码')).toBeNull();
    act(() => screen.getByText('进入工作台').click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/workbench/index' });
  });

  it('submits with Enter in the username field too, and says what is missing', async () => {
    const sent = serve(emptyLists);
    await restoreSession();
    const { container } = render(<MinePage />);

    await typeInto(container, 'staff-username', 'office1');
    await enterIn(container, 'staff-username');

    expect(await screen.findByText('请输入密码', { selector: '.field-error' })).toBeTruthy();
    expect(sent.some((req) => path(req) === '/api/v1/auth/password')).toBe(false);
  });

  it('labels each field for screen readers', async () => {
    await restoreSession();
    const { container } = render(<MinePage />);
    expect((await fieldIn(container, 'staff-username')).getAttribute('aria-label')).toBe('用户名');
    expect((await fieldIn(container, 'staff-password')).getAttribute('aria-label')).toBe('密码');
    expect(screen.getByText('用户名', { selector: '.field-label' })).toBeTruthy();
  });

  it('shows the server’s refusal when a staff name is used for the demo login', async () => {
    serve(
      emptyLists,
      route('POST', '/api/v1/auth/wechat', () => ({
        statusCode: 403,
        data: { code: 'DEV_LOGIN_NOT_FOR_STAFF', message: '工作人员账号须使用用户名和密码登录' },
      })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    await typeInto(container, 'dev-username', 'office1');
    press(container.querySelector('.dev-login')!);

    expect(await screen.findByText('工作人员账号须使用用户名和密码登录', { selector: '.field-error' })).toBeTruthy();
    expect(storage.has(TOKEN_KEY)).toBe(false);
    expect(getSession().status).toBe('guest');
  });

  it('keeps a resident on the resident pages after the demo login', async () => {
    serve(
      meByToken({ 'demo-tok': resident }),
      emptyLists,
      route('POST', '/api/v1/auth/wechat', () => ({ statusCode: 200, data: aLogin('demo-tok', resident) })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    await enterIn(container, 'dev-username');

    expect(await screen.findByText('身份：群众')).toBeTruthy();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(screen.queryByText('进入工作台')).toBeNull();
  });
});
