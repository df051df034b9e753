import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { getSession, goToLanding, restoreSession } from './session/session';
import { showError } from './components/show-error';
import './app.css';

/** The page the app was opened on: the mini-program says; the h5 portal keeps it in the hash (#/pages/...). */
function launchPath(options: { path?: string } | undefined): string {
  if (options?.path) return options.path.replace(/^\//, '');
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return '';
}

/** Opened at the default entry (首页), a staff session (restored, or a bound WeChat) starts on the workbench. */
const opensAtEntry = (path: string) => path === '' || path === 'pages/home/index';

export default function App({ children }: PropsWithChildren) {
  useLaunch((options?: { path?: string }) => {
    const path = launchPath(options);
    restoreSession()
      .then(() => {
        const session = getSession();
        // A link to a particular page (a tracking link, say) is followed as it is, staff or not.
        if (session.status === 'signed-in' && opensAtEntry(path)) goToLanding(session.me);
      })
      .catch(showError);
  });
  // children are the pages
  return children;
}
