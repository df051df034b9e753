import { act, fireEvent } from '@testing-library/react';
import { vi } from 'vitest';
import Taro from './fake-taro';
import { registerPrivacyHandler, resetPrivacyForTests } from '../wechat/privacy';

export type ResolveOption = { event: string; buttonId?: string };
type Listener = (resolve: (o: ResolveOption) => void, eventInfo: { referrer: string }) => void;
type Callbacks = { success?: (r?: unknown) => void; fail?: (e?: unknown) => void };

/**
 * WeChat's side of the privacy check, as the base library behaves: a privacy API (or requirePrivacyAuthorize, which
 * stands in for one) goes ahead at once after consent, otherwise waits on the app's onNeedPrivacyAuthorization
 * listener and goes ahead on agree or fails with `privacy permission is not authorized` on disagree.
 */
export function fakeWechatPrivacy() {
  const wx = { agreed: false, listener: null as Listener | null, resolutions: [] as ResolveOption[] };
  const api = Taro as unknown as Record<string, unknown>;
  /** What a privacy API does: resolves true when it went ahead, false when WeChat refused it. */
  const gate = (referrer: string) =>
    new Promise<boolean>((settle) => {
      if (wx.agreed) return settle(true);
      wx.listener?.(
        (o) => {
          wx.resolutions.push(o);
          if (o.event === 'agree') {
            wx.agreed = true;
            settle(true);
          } else if (o.event === 'disagree') settle(false);
        },
        { referrer },
      );
    });
  api.onNeedPrivacyAuthorization = vi.fn((listener: Listener) => {
    wx.listener = listener;
  });
  api.requirePrivacyAuthorize = vi.fn(({ success, fail }: Callbacks) => {
    void gate('requirePrivacyAuthorize').then((ok) => (ok ? success?.() : fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })));
  });
  return { wx, gate };
}

/** A fresh mini-program launch with WeChat's privacy check and nothing agreed yet. */
export function launchWeappWithPrivacyCheck() {
  process.env.TARO_ENV = 'weapp';
  resetPrivacyForTests();
  const fake = fakeWechatPrivacy();
  registerPrivacyHandler();
  return fake;
}

/** Taps the panel's agree button (open-type agreePrivacyAuthorization), as WeChat reports it. */
export async function agreeOn(button: Element): Promise<void> {
  await act(async () => {
    fireEvent(button, new CustomEvent('agreeprivacyauthorization', { bubbles: true }));
  });
}
