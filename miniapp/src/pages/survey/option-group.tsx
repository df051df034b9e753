import { useRef } from 'react';
import { Text, View } from '@tarojs/components';
import { focusSoon } from '../../components/focus-soon';
import { pressableAs } from '../../components/pressable';

export type Option<T> = { value: T; label: string };

type KeyEvent = { key?: string; preventDefault?: () => void };

/**
 * One answer of a few, as a radio group the keyboard can use (the WAI-ARIA radio group pattern, as 好差评's levels
 * and the browser's own radios): Tab reaches the chosen option (or the first), the arrow keys move the choice from
 * the focused one, Space/Enter pick the focused one. `group` is a class unique on the page, to move the focus within.
 */
export function OptionGroup<T extends string | number | boolean>({
  group,
  label,
  options,
  value,
  onChange,
  error,
  required = false,
}: {
  group: string;
  label: string;
  options: readonly Option<T>[];
  value: T | null | undefined;
  onChange: (value: T) => void;
  error?: string;
  required?: boolean;
}) {
  const chosen = options.findIndex((o) => o.value === value);
  const focusable = chosen >= 0 ? chosen : 0;
  // The choice as the keys left it: a key pressed again before React re-renders moves on from there, not from the
  // value of the last render (quick presses were lost).
  const moved = useRef(focusable);
  moved.current = focusable;
  const move = (step: 1 | -1) => {
    const next = (moved.current + step + options.length) % options.length;
    moved.current = next;
    onChange(options[next]!.value);
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
    // The options are always there: the focus follows at once. Only if that did not hold (Taro still laying them
    // out) a frame later, which must not pull the focus back from where a Tab pressed meanwhile took it.
    const option = document.querySelector<HTMLElement>(`.${group} .survey-option-${next}`);
    option?.focus();
    if (option && document.activeElement !== option) {
      focusSoon(() => {
        const active = document.activeElement;
        const stayed = !active || active === document.body || option.closest(`.${group}`)?.contains(active) === true;
        return moved.current === next && stayed ? option : null;
      });
    }
  };
  return (
    <View className={`survey-group ${group}`}>
      <View
        className='survey-options'
        role='radiogroup'
        aria-label={label}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${group}-error` : undefined}
      >
        {options.map((option, i) => {
          const checked = i === chosen;
          const { onKeyDown: pressKey, ...press } = pressableAs('radio', () => onChange(option.value));
          // Taro's ViewProps declares neither tabIndex nor onKeyDown, though h5 renders them: hence the spread.
          const keyboard = {
            ...press,
            tabIndex: i === focusable ? 0 : -1,
            onKeyDown: (event: KeyEvent) => {
              if (event.key === 'ArrowDown' || event.key === 'ArrowRight') {
                event.preventDefault?.();
                move(1);
              } else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') {
                event.preventDefault?.();
                move(-1);
              } else pressKey(event);
            },
          };
          return (
            <View key={String(option.value)} className={`survey-option survey-option-${i}${checked ? ' survey-option-on' : ''}`} {...keyboard} aria-checked={checked ? 'true' : 'false'}>
              <Text className='survey-option-mark' aria-hidden='true'>
                {checked ? '●' : '○'}
              </Text>
              <Text>{option.label}</Text>
            </View>
          );
        })}
      </View>
      {error && (
        <View className='field-error' id={`${group}-error`}>
          {error}
        </View>
      )}
    </View>
  );
}
