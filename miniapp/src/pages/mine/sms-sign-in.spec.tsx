import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { bearer, path, serve, type SentRequest } from '../../test/fake-server';
import { aLogin, aMe } from '../../test/builders';
import { fieldIn, typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { getSession, restoreSession } from '../../session/session';
import MinePage from './index';

// From the h5 sign-in form to the wire: the real client, session store and page against a fake server.

const smsResident = aMe({ id: 21, displayName: '居民 138****5678', role: 'RESIDENT', phoneMasked: '138****5678' });
const sentCode = (demo: boolean) => ({ statusCode: 200, data: { sent: true, resendAfterSeconds: 60, demo } });
const route = (method: string, at: string, reply: (req: SentRequest) => { statusCode: number; data?: unknown }) => (req: SentRequest) =>
  req.method === method && path(req) === at ? reply(req) : undefined;
const meByToken = (users: Record<string, Me>) => (req: SentRequest) => {
  if (path(req) !== '/api/v1/me' || req.method !== 'GET') return undefined;
  const user = users[(bearer(req) ?? '').replace('Bearer ', '')];
  return user ? { statusCode: 200, data: user } : { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
};
const emptyLists = (req: SentRequest) =>
  path(req) === '/api/v1/complaints/mine' || path(req) === '/api/v1/me/notifications' ? { statusCode: 200, data: { items: [], total: 0, unread: 0 } } : undefined;

async function enterIn(container: HTMLElement, className: string) {
  const input = await fieldIn(container, className);
  await act(async () => void fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 }));
}
const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter', keyCode: 13 }));
const sendButton = (container: HTMLElement) => container.querySelector('.sms-send') as HTMLElement;

afterEach(() => vi.useRealTimers());

describe('手机号验证码登录 on h5', () => {
  it('gets a code, counts down 60 s, and signs in with Enter in the code field, landing on 我的', async () => {
    const sent = serve(
      meByToken({ 'sms-tok': smsResident }),
      emptyLists,
      route('POST', '/api/v1/auth/sms/code', () => sentCode(false)),
      route('POST', '/api/v1/auth/sms', (req) =>
        (req.data as { code: string }).code === '246810'
          ? { statusCode: 200, data: aLogin('sms-tok', smsResident) }
          : { statusCode: 400, data: { code: 'SMS_CODE_INVALID', message: '验证码错误或已失效，请重新获取' } },
      ),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    expect(await screen.findByText('手机号验证码登录')).toBeTruthy();
    // The staff sign-in and the demo login stay beside it.
    expect(screen.getByText('工作人员登录')).toBeTruthy();
    expect(screen.getByText('演示登录', { selector: '.card-title' })).toBeTruthy();

    await typeInto(container, 'sms-phone', '138 1234 5678');
    press(sendButton(container));
    await waitFor(() => expect(sendButton(container).textContent).toMatch(/^(59|60) 秒后可重新获取$/));
    expect(sent.find((req) => path(req) === '/api/v1/auth/sms/code')?.data).toEqual({ phone: '13812345678' });
    expect(bearer(sent.find((req) => path(req) === '/api/v1/auth/sms/code')!)).toBeUndefined();
    expect(screen.getByText(/验证码已发送至 138\*\*\*\*5678/)).toBeTruthy();
    expect(screen.queryByText('演示环境未接入短信平台，验证码已写入服务器日志')).toBeNull();

    // A second press while counting down sends nothing.
    press(sendButton(container));
    expect(sent.filter((req) => path(req) === '/api/v1/auth/sms/code')).toHaveLength(1);

    await typeInto(container, 'sms-code', '135790');
    await enterIn(container, 'sms-code');
    expect(await screen.findByText('验证码错误或已失效，请重新获取', { selector: '.field-error' })).toBeTruthy();
    // The message is beside the code field, and says which field it is about.
    // Taro's input component hands nativeProps to the inner <input> a frame later.
    await waitFor(async () => expect((await fieldIn(container, 'sms-code')).getAttribute('aria-invalid')).toBe('true'));

    await typeInto(container, 'sms-code', '246810');
    await enterIn(container, 'sms-code');
    expect(await screen.findByText('居民 138****5678')).toBeTruthy();
    expect(sent.filter((req) => path(req) === '/api/v1/auth/sms').at(-1)?.data).toEqual({ phone: '13812345678', code: '246810' });
    expect(storage.get(TOKEN_KEY)).toBe('sms-tok');
    expect(getSession()).toMatchObject({ status: 'signed-in', me: { id: 21 } });
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    // Signed in with a number: nothing to link on h5.
    expect(screen.queryByText('绑定手机号')).toBeNull();
  });

  it('lets the user ask again once the 60 s are over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sent = serve(emptyLists, route('POST', '/api/v1/auth/sms/code', () => sentCode(false)));
    await restoreSession();
    const { container } = render(<MinePage />);
    await typeInto(container, 'sms-phone', '13812345678');
    press(sendButton(container));
    await waitFor(() => expect(sendButton(container).textContent).toContain('秒后可重新获取'));
    await act(async () => void vi.advanceTimersByTime(61_000));
    await waitFor(() => expect(sendButton(container).textContent).toBe('重新获取验证码'));
    press(sendButton(container));
    await waitFor(() => expect(sent.filter((req) => path(req) === '/api/v1/auth/sms/code')).toHaveLength(2));
  });

  it('says where the code is in the demo', async () => {
    serve(emptyLists, route('POST', '/api/v1/auth/sms/code', () => sentCode(true)));
    await restoreSession();
    const { container } = render(<MinePage />);
    await typeInto(container, 'sms-phone', '13812345678');
    await enterIn(container, 'sms-phone');
    expect(await screen.findByText('演示环境未接入短信平台，验证码已写入服务器日志')).toBeTruthy();
  });

  it('checks the number before sending, and shows the server’s refusal beside the number', async () => {
    const sent = serve(
      emptyLists,
      route('POST', '/api/v1/auth/sms/code', () => ({ statusCode: 429, data: { code: 'SMS_DAILY_LIMIT', message: '该手机号今日获取验证码次数已达上限，请明日再试' } })),
    );
    await restoreSession();
    const { container } = render(<MinePage />);

    await typeInto(container, 'sms-phone', '1381234');
    press(sendButton(container));
    expect(await screen.findByText('请输入 11 位手机号码', { selector: '.field-error' })).toBeTruthy();
    expect(sent.some((req) => path(req) === '/api/v1/auth/sms/code')).toBe(false);
    await waitFor(async () => expect((await fieldIn(container, 'sms-phone')).getAttribute('aria-invalid')).toBe('true'));

    await typeInto(container, 'sms-phone', '13812345678');
    press(sendButton(container));
    const error = await screen.findByText('该手机号今日获取验证码次数已达上限，请明日再试', { selector: '.field-error' });
    expect(error.id).toBe('sms-phone-error');
    expect(sendButton(container).textContent).toBe('获取验证码');
  });

  it('asks for the 6-digit code before sending the sign-in', async () => {
    const sent = serve(emptyLists);
    await restoreSession();
    const { container } = render(<MinePage />);
    await typeInto(container, 'sms-phone', '13812345678');
    await typeInto(container, 'sms-code', '12');
    press(container.querySelector('.sms-submit')!);
    expect(await screen.findByText('请输入 6 位验证码', { selector: '.field-error' })).toBeTruthy();
    expect(sent.some((req) => path(req) === '/api/v1/auth/sms')).toBe(false);
  });

  it('labels the fields for screen readers and makes both buttons keyboard buttons', async () => {
    await restoreSession();
    const { container } = render(<MinePage />);
    expect((await fieldIn(container, 'sms-phone')).getAttribute('aria-label')).toBe('手机号');
    expect((await fieldIn(container, 'sms-code')).getAttribute('aria-label')).toBe('验证码');
    expect((await fieldIn(container, 'sms-code')).getAttribute('autocomplete')).toBe('one-time-code');
    for (const button of [sendButton(container), container.querySelector('.sms-submit')!]) {
      expect(button.getAttribute('role')).toBe('button');
      expect(button.getAttribute('tabindex')).toBe('0');
    }
  });
});
