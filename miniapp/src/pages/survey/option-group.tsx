import { Text, View } from '@tarojs/components';
import { focusSoon } from '../../components/focus-soon';
import { pressableAs } from '../../components/pressable';

export type Option<T> = { value: T; label: string };

type KeyEvent = { key?: string; preventDefault?: () => void };

/**
 * One answer of a few, as a radio group the keyboard can use: Tab reaches the chosen option (or the first), the
 * arrow keys move the choice, Space/Enter pick. `group` is a class unique on the page, to move the focus within.
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
  const move = (step: 1 | -1) => {
    const at = chosen >= 0 ? chosen : step === 1 ? -1 : 0;
    const next = (at + step + options.length) % options.length;
    onChange(options[next]!.value);
    focusSoon(`.${group} .survey-option-${next}`);
  };
  return (
    <View className={`survey-group ${group}`}>
      <View
        className='survey-options'
        role='radiogroup'
        aria-label={label}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
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
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}
