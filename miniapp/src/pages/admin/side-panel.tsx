import { useRef, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { focusSoon } from '../../components/focus-soon';

// The list and its panel (a form, a detail) stand side by side from this width on (admin.css); below it the panel
// comes after the whole list, out of sight of whoever opened it.
const SIDE_BY_SIDE = '(min-width: 900px)';

/** True on h5 when the panel sits below the list. Without matchMedia (the mini-program) nothing is moved. */
export function stacked(): boolean {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || typeof window.matchMedia !== 'function') return false;
  return !window.matchMedia(SIDE_BY_SIDE).matches;
}

let panels = 0;

export type SidePanelControl = {
  id: string;
  /** From the handler of the user's action that opened (or replaced) the panel: a row chosen, 新增…. */
  opened: () => void;
  /** From the handler that closed it (取消, 关闭, a save that closes it). */
  closed: () => void;
};

/**
 * Where the focus goes when the user opens or closes an admin screen's side panel. Stacked (a phone), the panel is
 * scrolled to and focused, so the keyboard and screen-reader user learns it opened, and closing it returns the
 * focus to the row or button that opened it. Side by side (a desktop) the panel is in view already and the focus
 * stays where the user left it.
 */
export function useSidePanel(): SidePanelControl {
  const [id] = useState(() => `admin-panel-${++panels}`);
  const opener = useRef<HTMLElement | null>(null);
  const panel = () => document.getElementById(id);
  return {
    id,
    opened: () => {
      if (!stacked()) return;
      const active = document.activeElement;
      // Replaced from inside (a new business saved, now shown): whoever opened the form still opened this.
      if (active instanceof HTMLElement && active !== document.body && !panel()?.contains(active)) opener.current = active;
      focusSoon(panel, { scroll: true, block: 'start' });
    },
    closed: () => {
      if (!stacked()) return;
      const back = opener.current;
      opener.current = null;
      if (back) focusSoon(() => (back.isConnected ? back : null), { scroll: true });
    },
  };
}

// Taro's ViewProps does not declare tabIndex, though h5 renders it: hence the spread.
const focusTarget = { tabIndex: -1 };

/** The open panel: a named region the focus can be given to (not a tab stop), with the admin screens' focus ring. */
export function SidePanel({ control, label, children }: { control: SidePanelControl; label: string; children: ReactNode }) {
  return (
    <View id={control.id} className='admin-panel' role='region' aria-label={label} {...focusTarget}>
      {children}
    </View>
  );
}
