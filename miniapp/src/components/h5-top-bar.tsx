import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import Taro from '@tarojs/taro';
import { useElderMode } from './elder-mode';
import { onNotice, showNotice, type Notice } from './notify';
import './h5-top-bar.css';

// h5 only (app.tsx loads this module only when TARO_ENV is h5): plain DOM elements, rendered outside Taro's pages.

export const TAB_PAGES = ['pages/home/index', 'pages/report/index', 'pages/mine/index'];
export const HOME_URL = '/pages/home/index';

const currentPath = () => location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';

/** Back to the page below, or to 首页 when the page was opened directly (a link, a bookmark, a reload). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: HOME_URL });
}

/** Taro's tab-bar container holds the pages; the bar goes in it, above them, so pages keep their own scrolling. */
function useHost(): HTMLElement | null {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const container = document.getElementById('container') ?? document.body;
    let el = document.getElementById('sa-chrome');
    if (!el) {
      el = document.createElement('div');
      el.id = 'sa-chrome';
      container.insertBefore(el, container.firstChild);
    }
    setHost(el);
  }, []);
  return host;
}

type Route = { path: string; depth: number };
const currentRoute = (): Route => ({ path: currentPath(), depth: typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages().length : 1 });

/** The page shown and how many are below it, again once Taro's router has finished showing a new page. */
function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    const events = (Taro as unknown as { eventCenter?: { on: (e: string, f: () => void) => void; off: (e: string, f: () => void) => void } }).eventCenter;
    window.addEventListener('hashchange', update);
    events?.on('__afterTaroRouterChange', update);
    return () => {
      window.removeEventListener('hashchange', update);
      events?.off('__afterTaroRouterChange', update);
    };
  }, []);
  return route;
}

/** Taro sets document.title from each page's navigationBarTitleText as it shows. */
function useTitle(): string {
  const [title, setTitle] = useState(() => document.title);
  useEffect(() => {
    const observer = new MutationObserver(() => setTitle(document.title));
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return title;
}

/**
 * Toasts that code shows with Taro.showToast directly: read out by screen readers (the live region), and in 长辈版
 * moved into the banner (the toast itself is hidden by CSS there).
 */
function useToastMirror(announce: (text: string) => void, elder: boolean) {
  const elderRef = useRef(elder);
  elderRef.current = elder;
  useEffect(() => {
    let last = '';
    const check = () => {
      const toast = document.querySelector<HTMLElement>('.taro__toast');
      if (!toast) return;
      const shown = toast.style.display !== 'none';
      const text = shown ? (toast.textContent ?? '').trim() : '';
      if (text === last) return;
      last = text;
      if (!text) return;
      if (elderRef.current) showNotice(text);
      else announce(text);
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['style'] });
    return () => observer.disconnect();
  }, [announce]);
}

export function H5Chrome() {
  const host = useHost();
  const { path, depth } = useRoute();
  const title = useTitle();
  const [elder, setElder] = useElderMode();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [spoken, setSpoken] = useState('');
  const announce = useRef((text: string) => {
    // Emptied first, so the same message said twice is read twice.
    setSpoken('');
    setTimeout(() => setSpoken(text), 50);
  }).current;
  useToastMirror(announce, elder);

  const shown = useRef<Notice | null>(null);
  // A question that is replaced, closed or left behind on another page is answered no.
  const replace = useRef((next: Notice | null, confirmed = false) => {
    shown.current?.question?.answer(confirmed);
    shown.current = next;
    setNotice(next);
  }).current;
  useEffect(() => onNotice(replace), [replace]);
  // A message belongs to the page it was said on.
  useEffect(() => replace(null), [path, replace]);
  const answer = (confirmed: boolean) => replace(null, confirmed);

  if (!host) return null;
  const isTab = TAB_PAGES.includes(path || TAB_PAGES[0]!);
  const hasHistory = depth > 1;

  return createPortal(
    <>
      <header className='sa-top-bar'>
        {!isTab && (
          <button type='button' className='sa-top-back' onClick={goBack} aria-label={hasHistory ? '返回上一页' : '返回首页'}>
            <span aria-hidden='true'>‹ </span>返回
          </button>
        )}
        <h1 className='sa-top-title'>{title || '食安共治'}</h1>
        <button
          type='button'
          role='switch'
          aria-checked={elder}
          className={`sa-elder-switch${elder ? ' sa-elder-on' : ''}`}
          onClick={() => setElder(!elder)}
        >
          长辈版<span className='sa-elder-state' aria-hidden='true'>{elder ? '开' : '关'}</span>
        </button>
      </header>
      <div className='sa-notice-area' role='status' aria-live='polite'>
        {notice && (
          <div className={`sa-notice sa-notice-${notice.kind}`} key={notice.id}>
            <span className='sa-notice-text'>{notice.message}</span>
            {notice.question ? (
              <>
                <button type='button' className='sa-notice-close sa-notice-confirm' onClick={() => answer(true)}>
                  {notice.question.confirmText}
                </button>
                <button type='button' className='sa-notice-close' onClick={() => answer(false)}>
                  {notice.question.cancelText}
                </button>
              </>
            ) : (
              <button type='button' className='sa-notice-close' onClick={() => replace(null)}>
                知道了
              </button>
            )}
          </div>
        )}
      </div>
      <div className='sa-sr-only' role='status' aria-live='polite' aria-atomic='true'>
        {spoken}
      </div>
    </>,
    host,
  );
}
