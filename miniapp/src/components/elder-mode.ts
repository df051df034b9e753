import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';

/**
 * 长辈版 (large-text mode, 工信部适老化规范). On h5 it is on when localStorage['sa.elderMode'] is the raw string '1'
 * (index.html reads it before the first paint and sets `html.elder`, so pages never flash at the small size);
 * pages style it with `html.elder .their-class {…}`. In the mini-program it follows WeChat's own font size setting
 * unless the user chose on 我的.
 */
export const ELDER_MODE_KEY = 'sa.elderMode';
export const ELDER_CLASS = 'elder';

/** WeChat's 标准 font size is 17 px (我-设置-通用-字体大小); anything larger is a user asking for bigger text. */
const WECHAT_STANDARD_FONT_PX = 17;

type Listener = (on: boolean) => void;
const listeners = new Set<Listener>();
let current: boolean | undefined;

function storedChoice(): '1' | '0' | null {
  try {
    const value = process.env.TARO_ENV === 'h5' ? localStorage.getItem(ELDER_MODE_KEY) : Taro.getStorageSync(ELDER_MODE_KEY);
    return value === '1' || value === '0' ? value : null;
  } catch {
    // Storage can be refused (a private window, a full quota): the mode is then simply off.
    return null;
  }
}

/** Whether WeChat's font size setting is above 标准 (weapp only; h5 has its own switch). */
export function systemFontIsLarge(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const taro = Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting?: number }; getSystemInfoSync: () => { fontSizeSetting?: number } };
    const info = taro.getAppBaseInfo ? taro.getAppBaseInfo() : taro.getSystemInfoSync();
    return (info.fontSizeSetting ?? WECHAT_STANDARD_FONT_PX) > WECHAT_STANDARD_FONT_PX;
  } catch {
    return false;
  }
}

export function isElderMode(): boolean {
  if (current === undefined) {
    const choice = storedChoice();
    current = choice === null ? systemFontIsLarge() : choice === '1';
  }
  return current;
}

/** Turns the mode on or off, remembers the choice and tells every screen that shows it. */
export function setElderMode(on: boolean): void {
  current = on;
  try {
    if (process.env.TARO_ENV === 'h5') localStorage.setItem(ELDER_MODE_KEY, on ? '1' : '0');
    else Taro.setStorageSync(ELDER_MODE_KEY, on ? '1' : '0');
  } catch {
    // Not remembered, but still on for this visit.
  }
  applyElderClass(on);
  for (const listener of listeners) listener(on);
}

/**
 * Reads the choice and WeChat's font size again (a page coming back into view: the user may have changed 字体大小 in
 * WeChat meanwhile) and tells every screen if the mode changed.
 */
export function refreshElderMode(): boolean {
  const before = current;
  current = undefined;
  const on = isElderMode();
  if (before !== undefined && before !== on) for (const listener of listeners) listener(on);
  return on;
}

/** h5: the class on <html> that every elder style hangs from. */
export function applyElderClass(on: boolean): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.documentElement.classList.toggle(ELDER_CLASS, on);
}

/** The mode and its switch, for a screen that shows or changes it. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isElderMode);
  useEffect(() => {
    listeners.add(setOn);
    setOn(isElderMode());
    return () => void listeners.delete(setOn);
  }, []);
  return [on, setElderMode];
}

/** For tests: forget what was read, as a fresh page load would. */
export function resetElderModeForTest(): void {
  current = undefined;
  listeners.clear();
}
