import Taro from '@tarojs/taro';
import { ensurePrivacy } from '../wechat/privacy';
import { isElderMode } from './elder-mode';
import { notify } from './notify';

/**
 * Copies text the user asked to copy; resolves whether it was copied. In the mini-program WeChat's privacy consent
 * comes first, so the page shows `<PrivacyConsent purpose='clipboard' at={at}>` near the control; declined, nothing is
 * copied and that panel says so. WeChat (and Taro on h5) confirm with their own toast 内容已复制; `done` replaces
 * it, and in 长辈版 on weapp the confirmation goes to the page's banner instead of a toast (no pop-ups).
 */
export async function copyText(text: string, { done, at }: { done?: string; at?: string } = {}): Promise<boolean> {
  if (!(await ensurePrivacy('clipboard', at))) return false;
  try {
    await Taro.setClipboardData({ data: text });
  } catch {
    notify('复制失败，请手动记下需要的内容', 'error');
    return false;
  }
  if (process.env.TARO_ENV === 'weapp' && isElderMode()) {
    void Taro.hideToast();
    notify(done ?? '已复制', 'success');
  } else if (done) notify(done, 'success');
  return true;
}
