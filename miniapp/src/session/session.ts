import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';
import type { Me } from '@sa/contracts';
import {
  ApiError,
  bindVolunteer,
  bindWechatToStaff,
  fetchMe,
  getToken,
  linkPhone,
  loginAsDemoUser,
  loginWithPassword,
  loginWithSms,
  loginWithWechat,
  logout,
  onSessionEnded,
  unbindWechat,
} from '../api';
import { isStaffRole } from '../components/staff-nav';

export type Session =
  | { status: 'loading'; me: null }
  | { status: 'guest'; me: null }
  | { status: 'signed-in'; me: Me };

let session: Session = { status: 'loading', me: null };
const listeners = new Set<() => void>();

function set(next: Session): void {
  session = next;
  listeners.forEach((listener) => listener());
}

// A session the server ended (expired, logged out elsewhere) shows as logged out everywhere.
onSessionEnded(() => set({ status: 'guest', me: null }));

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): Session {
  return session;
}

/** The logged-in user, shared by every page: a login on 我的 shows on 首页 at once. */
export function useSession(): Session {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

async function loadProfile(): Promise<Me> {
  const me = await fetchMe();
  set({ status: 'signed-in', me });
  return me;
}

/**
 * At launch: resume a stored session; in the mini-program, log in silently with WeChat.
 * On h5 a visitor stays a guest until they log in on 我的.
 */
export async function restoreSession(): Promise<void> {
  try {
    if (getToken()) {
      await loadProfile();
      return;
    }
    if (process.env.TARO_ENV === 'weapp') {
      await loginWithWechat();
      await loadProfile();
      return;
    }
    set({ status: 'guest', me: null });
  } catch (error) {
    set({ status: 'guest', me: null });
    // A stored session that has expired just means logging in again; anything else the user should hear about.
    if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
  }
}

export async function signInWithWechat(): Promise<Me> {
  await loginWithWechat();
  return loadProfile();
}

export async function signInAsDemoUser(username: string): Promise<Me> {
  await loginAsDemoUser(username);
  return loadProfile();
}

export async function signInWithPassword(username: string, password: string): Promise<Me> {
  await loginWithPassword(username, password);
  return loadProfile();
}

/** h5 手机号验证码登录: residents only; the server never opens a staff session this way. */
export async function signInWithSms(phone: string, code: string): Promise<Me> {
  await loginWithSms(phone, code);
  return loadProfile();
}

/** 绑定手机号: the profile now shows the masked number; an SMS-only account of that number is merged into this one. */
export async function linkPhoneNumber(phone: string, code: string): Promise<Me> {
  const me = await linkPhone(phone, code);
  set({ status: 'signed-in', me });
  return me;
}

export async function signOut(): Promise<void> {
  try {
    await logout();
  } finally {
    set({ status: 'guest', me: null });
  }
}

export async function bindInvitationCode(invitationCode: string): Promise<Me> {
  const me = await bindVolunteer(invitationCode);
  set({ status: 'signed-in', me });
  return me;
}


/** Where the workbench starts: staff do their whole job there, not on the resident pages. */
export const WORKBENCH_URL = '/pages/workbench/index';

/** After a login: staff go to the workbench (the resident pages stay behind them); residents stay where they are. */
export function goToLanding(me: Me): void {
  if (isStaffRole(me.role)) void Taro.reLaunch({ url: WORKBENCH_URL });
}

/** weapp 账号绑定: the resident session of this WeChat becomes the staff member's session. */
export async function bindWechatAsStaff(username: string, password: string): Promise<Me> {
  await bindWechatToStaff(username, password);
  return loadProfile();
}

/**
 * 解除微信绑定. In the mini-program this WeChat then belongs to nobody: sign out and log in with WeChat again,
 * which now opens a resident session. On h5 the staff member stays signed in with their password session.
 */
export async function unbindWechatFromStaff(): Promise<Me | null> {
  await unbindWechat();
  if (process.env.TARO_ENV !== 'weapp') return loadProfile();
  await signOut();
  return signInWithWechat();
}
