import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { bearer, path, serve, type SentRequest } from '../../test/fake-server';
import { aMe } from '../../test/builders';
import { fieldIn, typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { getSession, restoreSession } from '../../session/session';
import MinePage from './index';

const wechatResident = aMe({ id: 5, displayName: '微信用户lice', role: 'RESIDENT', wechatBound: true });
const linked = { ...wechatResident, phoneMasked: '138****5678' };
const route = (method: string, at: string, reply: (req: SentRequest) => { statusCode: number; data?: unknown }) => (req: SentRequest) =>
  req.method === method && path(req) === at ? reply(req) : undefined;
const profile = (me: () => Me) => route('GET', '/api/v1/me', () => ({ statusCode: 200, data: me() }));
const emptyLists = (req: SentRequest) =>
  path(req) === '/api/v1/complaints/mine' || path(req) === '/api/v1/me/notifications' ? { statusCode: 200, data: { items: [], total: 0, unread: 0 } } : undefined;
const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter', keyCode: 13 }));

afterEach(() => vi.unstubAllEnvs());

describe('绑定手机号 on 我的', () => {
  beforeEach(() => {
    vi.stubEnv('TARO_ENV', 'weapp');
    storage.set(TOKEN_KEY, 'wx-tok');
  });

  it('links a number in two steps with the user’s token, then shows it masked', async () => {
    const sent = serve(
      profile(() => wechatResident),
      emptyLists,
      route('POST', '/api/v1/me/phone/code', () => ({ statusCode: 200, data: { sent: true, resendAfterSeconds: 60, demo: false } })),
      route('POST', '/api/v1/me/phone', () => ({ statusCode: 200, data: linked })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    expect(await screen.findByText('绑定手机号', { selector: '.card-title' })).toBeTruthy();
    await typeInto(container, 'link-phone', '13812345678');
    press(container.querySelector('.link-send')!);
    await waitFor(() => expect((container.querySelector('.link-send') as HTMLElement).textContent).toContain('秒后可重新获取'));
    await typeInto(container, 'link-code', '246810');
    press(container.querySelector('.link-submit')!);

    expect(await screen.findByText('138****5678', { selector: '.phone-linked' })).toBeTruthy();
    expect(screen.getByText('已绑定手机号')).toBeTruthy();
    const calls = sent.filter((req) => path(req).startsWith('/api/v1/me/phone'));
    expect(calls.map((req) => [req.method, path(req), bearer(req), req.data])).toEqual([
      ['POST', '/api/v1/me/phone/code', 'Bearer wx-tok', { phone: '13812345678' }],
      ['POST', '/api/v1/me/phone', 'Bearer wx-tok', { phone: '13812345678', code: '246810' }],
    ]);
    expect(getSession()).toMatchObject({ status: 'signed-in', me: { phoneMasked: '138****5678' } });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '绑定成功' }));
  });

  it('says so beside the number when another WeChat account holds it', async () => {
    serve(
      profile(() => wechatResident),
      emptyLists,
      route('POST', '/api/v1/me/phone/code', () => ({ statusCode: 200, data: { sent: true, resendAfterSeconds: 60, demo: false } })),
      route('POST', '/api/v1/me/phone', () => ({ statusCode: 409, data: { code: 'PHONE_LINKED_ELSEWHERE', message: '该手机号已绑定其他微信账号' } })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);
    await typeInto(container, 'link-phone', '13812345678');
    await typeInto(container, 'link-code', '246810');
    const code = await fieldIn(container, 'link-code');
    await act(async () => void fireEvent.keyDown(code, { key: 'Enter', keyCode: 13 }));

    const error = await screen.findByText('该手机号已绑定其他微信账号', { selector: '.field-error' });
    expect(error.id).toBe('link-phone-error');
    expect(screen.queryByText('已绑定手机号')).toBeNull();
  });

  it('shows a linked number in the mini-program, and on h5 offers linking only to a user without one', async () => {
    serve(profile(() => linked), emptyLists);
    await restoreSession();
    const weapp = render(<MinePage />);
    expect(await screen.findByText('138****5678', { selector: '.phone-linked' })).toBeTruthy();
    weapp.unmount();

    vi.stubEnv('TARO_ENV', 'h5');
    const h5 = render(<MinePage />);
    expect(await screen.findByText('身份：群众')).toBeTruthy();
    expect(screen.queryByText('已绑定手机号')).toBeNull();
    h5.unmount();

    serve(profile(() => aMe({ id: 7, displayName: '张小梅' })), emptyLists);
    await restoreSession();
    render(<MinePage />);
    expect(await screen.findByText('绑定手机号', { selector: '.card-title' })).toBeTruthy();
  });

  it('is not offered to staff', async () => {
    serve(profile(() => aMe({ id: 9, displayName: '李社区', role: 'CADRE', cadreId: 7, wechatBound: true })), emptyLists);
    await restoreSession();
    render(<MinePage />);
    expect(await screen.findByText('进入工作台')).toBeTruthy();
    expect(screen.queryByText('绑定手机号')).toBeNull();
  });
});
