import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';

/**
 * WeChat's privacy consent (用户隐私保护指引, `__usePrivacyCheck__`): before a privacy API (album and camera, location,
 * the clipboard, a file from a chat) WeChat asks the app to show its own consent panel through
 * `onNeedPrivacyAuthorization`; the panel's agree button has open-type `agreePrivacyAuthorization`. Only the
 * mini-program asks; on h5 the browser's own prompts apply.
 */

/** What asked for consent: the panel shows beside that control, not as a pop-up (长辈版 has none). */
export type PrivacyPurpose = 'photos' | 'location' | 'clipboard' | 'file';

type ResolveOption = { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string };
type Resolve = (option: ResolveOption) => void;
/**
 * Which panel: the purpose, and where a page has several controls of one purpose (a copy button per row) the
 * control's own `at` as well, so only the panel beside the tapped one opens.
 */
export type PrivacyKey = string;
export const privacyKey = (purpose: PrivacyPurpose, at?: string): PrivacyKey => (at ? `${purpose}:${at}` : purpose);

type State = { asking: PrivacyKey | null; refused: ReadonlySet<PrivacyKey> };

let state: State = { asking: null, refused: new Set() };
let resolveConsent: Resolve | null = null;
let exposed = false;
/** The panel of the ensurePrivacy call waiting for an answer, and that answer. */
let requester: PrivacyKey | null = null;
let pending: Promise<boolean> | null = null;
let registered = false;
/** How many consent panels of each key are mounted (a page below in WeChat's stack keeps its own). */
const panels = new Map<PrivacyKey, number>();
const listeners = new Set<() => void>();

function set(next: Partial<State>): void {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

const inWeapp = () => process.env.TARO_ENV === 'weapp';
/** Base libraries before 2.32.3 have no privacy API, and WeChat does not gate the APIs there either. */
const hasPrivacyApi = () => typeof (Taro as { requirePrivacyAuthorize?: unknown }).requirePrivacyAuthorize === 'function';

/** The API or component WeChat names as the one waiting (eventInfo.referrer), as the purpose of its panel. */
const REFERRERS: [RegExp, PrivacyPurpose][] = [
  [/clipboard/i, 'clipboard'],
  [/messagefile/i, 'file'],
  [/location/i, 'location'],
  [/image|media|video|camera|album/i, 'photos'],
];

function purposeOf(referrer: string | undefined): PrivacyPurpose | null {
  return REFERRERS.find(([pattern]) => pattern.test(referrer ?? ''))?.[1] ?? null;
}

/** Once, at launch: WeChat calls this whenever a privacy API needs consent the user has not given yet. */
export function registerPrivacyHandler(): void {
  if (!inWeapp() || registered || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  registered = true;
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    const key = requester ?? purposeOf(eventInfo?.referrer);
    // No panel could take the answer: the waiting API fails at once rather than hang with nothing on screen.
    if (!key || !panels.get(key)) {
      resolve({ event: 'disagree' });
      return;
    }
    resolveConsent = resolve;
    exposed = false;
    set({ asking: key });
  });
}

/**
 * Resolves true once the user has agreed (at once if they did before), false if they declined. Call it right before
 * every privacy API (chooseImage, getLocation, setClipboardData, chooseMessageFile); the caller's control shows
 * `<PrivacyConsent purpose=…>` meanwhile. A second call while one waits moves the panel to the newer control and
 * shares the answer: WeChat's consent covers the whole notice, not one API.
 */
export function ensurePrivacy(purpose: PrivacyPurpose, at?: string): Promise<boolean> {
  if (!inWeapp() || !hasPrivacyApi()) return Promise.resolve(true);
  const key = privacyKey(purpose, at);
  const refused = new Set(state.refused);
  refused.delete(key);
  requester = key;
  if (pending) {
    set({ refused, asking: state.asking && key });
    return pending;
  }
  set({ refused });
  const asked: Promise<boolean> = new Promise((resolve) => {
    const settle = (agreed: boolean) => {
      // WeChat calls back a moment after the answer; a newer question may be waiting by then.
      if (pending === asked) {
        requester = null;
        pending = null;
      }
      resolve(agreed);
    };
    Taro.requirePrivacyAuthorize({ success: () => settle(true), fail: () => settle(false) });
  });
  pending = asked;
  return asked;
}

/** The panel is on screen: WeChat wants to hear that before the answer, once. */
export function privacyPanelShown(): void {
  if (exposed || !resolveConsent) return;
  exposed = true;
  resolveConsent({ event: 'exposureAuthorization' });
}

/** The agree button (open-type agreePrivacyAuthorization) with this id was tapped. */
export function agreePrivacy(buttonId: string): void {
  answer({ event: 'agree', buttonId });
}

/** 不同意: the panel then says what that means for its control, until it is tapped again. */
export function declinePrivacy(): void {
  if (state.asking) set({ refused: new Set([...state.refused, state.asking]) });
  answer({ event: 'disagree' });
}

function answer(option: ResolveOption): void {
  const resolve = resolveConsent;
  resolveConsent = null;
  // Answered: the next tap asks WeChat afresh rather than waiting on this answer's callback.
  pending = null;
  requester = null;
  set({ asking: null });
  resolve?.(option);
}

/**
 * A consent panel with this key is in a page; returns its removal. The last panel of the question on screen going
 * away (the page closed, the card dismissed) answers no, so the waiting API does not wait for a panel no one sees.
 */
export function mountPrivacyPanel(key: PrivacyKey): () => void {
  panels.set(key, (panels.get(key) ?? 0) + 1);
  return () => {
    const left = (panels.get(key) ?? 1) - 1;
    panels.set(key, left);
    if (left === 0 && state.asking === key) answer({ event: 'disagree' });
  };
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
  requester = null;
  pending = null;
  exposed = false;
  registered = false;
  listeners.forEach((l) => l());
}
