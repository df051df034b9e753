import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { ELDER_CLASS, refreshElderMode, useElderMode } from './elder-mode';
import { onNotice, type Notice } from './notify';

/**
 * 长辈版 in the mini-program: there is no <html> to put the class on, so each page's root View adds the class this
 * returns (' elder' or ''), and the build's postcss-elder plugin hangs every elder style from `.elder`. On h5 it is
 * always '' (html.elder already scales the root font; a second class would not add scaling, but keeps h5 as it was).
 * Read again when the page comes back into view, since the user may have changed WeChat's 字体大小 meanwhile.
 */
export function useElderPageClass(): string {
  const [on] = useElderMode();
  useDidShow(() => void refreshElderMode());
  return process.env.TARO_ENV !== 'h5' && on ? ` ${ELDER_CLASS}` : '';
}

/**
 * The mini-program's place for messages and questions in 长辈版 (no pop-ups): a banner at the top of the page that
 * stays until answered or closed, as the h5 top bar's does. It listens only while its page is the one shown, so a
 * page left below in WeChat's page stack never answers for the page in front. Renders nothing on h5 (the top bar
 * has the banner there) and outside 长辈版 (notify() then shows toasts and askConfirm WeChat's dialog).
 */
export function ElderPageNotice() {
  const [elder] = useElderMode();
  const [notice, setNotice] = useState<Notice | null>(null);
  const shown = useRef<Notice | null>(null);
  // A question that is replaced, closed or left behind on another page is answered no.
  const replace = useRef((next: Notice | null, confirmed = false) => {
    shown.current?.question?.answer(confirmed);
    shown.current = next;
    setNotice(next);
  }).current;
  const stop = useRef<(() => void) | null>(null);
  const listen = (on: boolean) => {
    stop.current?.();
    stop.current = on && process.env.TARO_ENV !== 'h5' ? onNotice(replace) : null;
  };
  useDidShow(() => listen(true));
  useDidHide(() => {
    listen(false);
    replace(null);
  });
  useEffect(
    () => () => {
      listen(false);
      replace(null);
    },
    // Only on unmount; listen and replace read refs.
    [],
  );

  if (process.env.TARO_ENV === 'h5' || !elder) return null;
  const answer = (confirmed: boolean) => replace(null, confirmed);
  return (
    <View className='elder-notice-area' role='status' aria-live='polite'>
      {notice && (
        <View className={`elder-notice elder-notice-${notice.kind}`} key={notice.id}>
          <Text className='elder-notice-text'>{notice.message}</Text>
          <View className='elder-notice-buttons'>
            {notice.question ? (
              <>
                <Button className='btn-primary elder-notice-button' onClick={() => answer(true)}>
                  {notice.question.confirmText}
                </Button>
                <Button className='btn-plain elder-notice-button' onClick={() => answer(false)}>
                  {notice.question.cancelText}
                </Button>
              </>
            ) : (
              <Button className='btn-plain elder-notice-button' onClick={() => replace(null)}>
                知道了
              </Button>
            )}
          </View>
        </View>
      )}
    </View>
  );
}
