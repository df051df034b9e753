import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';

/**
 * WeChat's privacy consent (用户隐私保护指引, `__usePrivacyCheck__`): before the album, camera or location APIs
 * WeChat asks the app to show its own consent panel through `onNeedPrivacyAuthorization`; the panel's agree button
 * has open-type `agreePrivacyAuthorization`. Only the mini-program asks; on h5 the browser's own prompts apply.
 */

/** What asked for consent: the panel shows beside that control, not as a pop-up (长辈版 has none). */
export type PrivacyPurpose = 'photos' | 'location';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
type State = { asking: PrivacyPurpose | null; refused: ReadonlySet<PrivacyPurpose> };

let state: State = { asking: null, refused: new Set() };
let resolveConsent: Resolve | null = null;
let requester: PrivacyPurpose = 'photos';
let registered = false;
const listeners = new Set<() => void>();

function set(next: Partial<State>): void {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

const inWeapp = () => process.env.TARO_ENV === 'weapp';
/** Base libraries before 2.32.3 have no privacy API, and WeChat does not gate the APIs there either. */
const hasPrivacyApi = () => typeof (Taro as { requirePrivacyAuthorize?: unknown }).requirePrivacyAuthorize === 'function';

/** Once, at launch: WeChat calls this whenever a privacy API needs consent the user has not given yet. */
export function registerPrivacyHandler(): void {
  if (!inWeapp() || registered || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  registered = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolveConsent = resolve;
    set({ asking: requester });
  });
}

/**
 * Resolves true once the user has agreed (at once if they did before), false if they declined. Call it right before
 * chooseImage / chooseMedia / getLocation; the caller's control shows `<PrivacyConsent purpose=…>` meanwhile.
 */
export function ensurePrivacy(purpose: PrivacyPurpose): Promise<boolean> {
  if (!inWeapp() || !hasPrivacyApi()) return Promise.resolve(true);
  requester = purpose;
  const refused = new Set(state.refused);
  refused.delete(purpose);
  set({ refused });
  return new Promise((resolve) => {
    Taro.requirePrivacyAuthorize({
      success: () => resolve(true),
      fail: () => {
        set({ refused: new Set([...state.refused, purpose]) });
        resolve(false);
      },
    });
  });
}

/** The panel is on screen: WeChat wants to hear that before the answer. */
export function privacyPanelShown(): void {
  resolveConsent?.({ event: 'exposureAuthorization' });
}

/** The agree button (open-type agreePrivacyAuthorization) with this id was tapped. */
export function agreePrivacy(buttonId: string): void {
  resolveConsent?.({ event: 'agree', buttonId });
  resolveConsent = null;
  set({ asking: null });
}

export function declinePrivacy(): void {
  resolveConsent?.({ event: 'disagree' });
  resolveConsent = null;
  set({ asking: null });
}

export function usePrivacyState(): State {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** For tests: back to a fresh launch. */
export function resetPrivacyForTests(): void {
  state = { asking: null, refused: new Set() };
  resolveConsent = null;
  registered = false;
  listeners.forEach((l) => l());
}
