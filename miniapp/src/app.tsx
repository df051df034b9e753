import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { restoreSession } from './session/session';
import { showError } from './components/show-error';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    restoreSession().catch(showError);
  });
  // children are the pages
  return children;
}
