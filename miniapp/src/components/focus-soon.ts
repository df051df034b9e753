type Target = string | (() => HTMLElement | null | undefined);

const nextFrame = (run: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : setTimeout(run, 16));

/**
 * Moves the focus (h5) to something React has just shown. Taro's web components lay out their children a frame
 * after React adds them, which drops a focus given earlier; two frames later it holds. No-op in the mini-program.
 * `scroll` centres the element in the viewport first; `block: 'start'` puts its top there instead (a panel taller
 * than the screen, whose heading would otherwise be scrolled past).
 */
export function focusSoon(target: Target, options: { scroll?: boolean; block?: 'center' | 'start' } = {}) {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  nextFrame(() =>
    nextFrame(() => {
      const element = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target();
      if (!element) return;
      if (options.scroll) element.scrollIntoView?.({ block: options.block ?? 'center' });
      element.focus({ preventScroll: options.scroll === true });
    }),
  );
}
