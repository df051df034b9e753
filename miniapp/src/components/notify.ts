import Taro from '@tarojs/taro';
import { isElderMode } from './elder-mode';

export type NoticeKind = 'info' | 'success' | 'error';
/** A question has two answers; the banner shows them as buttons and calls `answer` with the choice. */
export type NoticeQuestion = { confirmText: string; cancelText: string; answer: (confirmed: boolean) => void };
export type Notice = { id: number; message: string; kind: NoticeKind; question?: NoticeQuestion };

type Listener = (notice: Notice) => void;
const listeners = new Set<Listener>();
let lastId = 0;

/**
 * A short message to the user (saved, refused, please wait). Normally a toast; in 长辈版 on h5 a banner under the
 * top bar (in the mini-program, the shown page's ElderPageNotice, where it has one) that stays until it is closed or
 * the page changes, since a toast that vanishes in 2 s is a pop-up an older reader may miss (适老化: no pop-ups).
 * Screen readers hear it either way (the banner is a live region).
 */
export function notify(message: string, kind: NoticeKind = 'info'): void {
  if (isElderMode() && listeners.size > 0) {
    showNotice(message, kind);
    return;
  }
  // WeChat cuts a toast with an icon to 7 characters; a plain one shows two lines, and a long one needs time to read.
  const icon = kind === 'success' && message.length <= 7 ? 'success' : 'none';
  void Taro.showToast({ title: message, icon, duration: kind === 'error' || message.length > 14 ? 2500 : 1500 });
}

/** Puts a message in the banner (also used for toasts other code shows directly, while in 长辈版). */
export function showNotice(message: string, kind: NoticeKind = 'info', question?: NoticeQuestion): void {
  const notice = { id: ++lastId, message, kind, question };
  for (const listener of listeners) listener(notice);
}

export type ConfirmOptions = { title?: string; confirmText?: string; cancelText?: string };

/**
 * Asks before something that cannot be undone lightly (撤回, 解除绑定, 删除照片). Normally WeChat's or the browser's
 * dialog; in 长辈版 the question and its two buttons appear in the banner (h5, or a mini-program page with an
 * ElderPageNotice), and the page stays usable (no pop-up). Resolves true only for the confirm button; a banner replaced or left unanswered counts as no.
 */
export function askConfirm(message: string, { title, confirmText = '确定', cancelText = '取消' }: ConfirmOptions = {}): Promise<boolean> {
  if (isElderMode() && listeners.size > 0) {
    return new Promise((resolve) => showNotice(title ? `${title}：${message}` : message, 'info', { confirmText, cancelText, answer: resolve }));
  }
  return Taro.showModal({ title: title ?? '', content: message, confirmText, cancelText }).then((res) => res.confirm);
}

/** The h5 chrome, and in the mini-program the shown page's ElderPageNotice, listen here to show the banner. */
export function onNotice(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
