import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { getSession, goToLanding, restoreSession } from './session/session';
import { showError } from './components/show-error';
import { applyElderClass, isElderMode } from './components/elder-mode';
import { H5Chrome } from './components/h5-top-bar';
import { registerPrivacyHandler } from './wechat/privacy';
import { loadSubscribeTemplates } from './wechat/subscribe';
import './app.css';

/** The page the app was opened on: the mini-program says; the h5 portal keeps it in the hash (#/pages/...). */
function launchPath(options: { path?: string } | undefined): string {
  if (options?.path) return options.path.replace(/^\//, '');
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return '';
}

// Taro's h5 tab bar items are <a href="javascript:;"> with a click handler: the browser would then also try to
// navigate to that javascript: URL, which the portal's Content-Security-Policy refuses (an error on every tab
// tap). The handler still runs; only that empty navigation is cancelled.
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('a[href^="javascript:"]')) event.preventDefault();
    },
    true,
  );
}

/** Opened at the default entry (首页), a staff session (restored, or a bound WeChat) starts on the workbench. */
const opensAtEntry = (path: string) => path === '' || path === 'pages/home/index';

/** An unknown route (an old link, a typo) says so, with the way home, instead of an empty screen. */
export const NOT_FOUND_URL = '/pages/not-found/index';

export default function App({ children }: PropsWithChildren) {
  usePageNotFound(({ path }: { path?: string }) => {
    void Taro.redirectTo({ url: `${NOT_FOUND_URL}?from=${encodeURIComponent(path ?? '')}` });
  });
  useLaunch((options?: { path?: string }) => {
    applyElderClass(isElderMode());
    // Mini-program only: WeChat's privacy consent handler, and the subscribe templates the 提交 tap asks for.
    registerPrivacyHandler();
    void loadSubscribeTemplates();
    const path = launchPath(options);
    restoreSession()
      .then(() => {
        const session = getSession();
        // A link to a particular page (a tracking link, say) is followed as it is, staff or not.
        if (session.status === 'signed-in' && opensAtEntry(path)) goToLanding(session.me);
      })
      .catch(showError);
  });
  // children are the pages; on h5 the top bar (返回, title, 长辈版) sits above them, outside Taro's page stack.
  return (
    <>
      {process.env.TARO_ENV === 'h5' && <H5Chrome />}
      {children}
    </>
  );
}
