import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Loads when the component mounts and again each time the user comes back to the page (a tab page stays
 * mounted), but not twice for one showing: a component mounted with its page also sees that page's first didShow.
 */
export function useLoadOnShow(load: () => void): void {
  const latest = useRef(load);
  latest.current = load;
  const loadedThisShow = useRef(false);

  useEffect(() => {
    loadedThisShow.current = true;
    latest.current();
  }, []);
  useDidShow(() => {
    if (!loadedThisShow.current) latest.current();
    loadedThisShow.current = true;
  });
  useDidHide(() => {
    loadedThisShow.current = false;
  });
}
