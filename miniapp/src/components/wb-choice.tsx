import { Text, View } from '@tarojs/components';
import { pressable } from './pressable';

export type ChoiceOption<T extends string> = { value: T; label: string; hint?: string };

type Common<T extends string> = {
  label: string;
  options: readonly ChoiceOption<T>[];
  className?: string;
  error?: string;
};

// Taro's ViewProps does not declare tabIndex, though h5 renders it: hence the spread.
const keyboard = (onPress: () => void) => {
  const { tabIndex, onClick, onKeyDown } = pressable(onPress);
  return { tabIndex, onClick, onKeyDown };
};

/** One of a short list, each option a large target that Tab reaches and Enter/Space picks. */
export function WbRadioGroup<T extends string>({ label, options, value, onChange, className, error }: Common<T> & { value: T | null; onChange: (value: T) => void }) {
  return (
    <View className={`wb-choices ${className ?? ''}`}>
      <View className='field-label'>{label}</View>
      <View role='radiogroup' aria-label={label}>
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <View
              key={option.value}
              className={`wb-choice wb-choice-${option.value}${checked ? ' wb-choice-on' : ''}`}
              role='radio'
              aria-checked={checked ? 'true' : 'false'}
              {...keyboard(() => onChange(option.value))}
            >
              <Text className='wb-choice-mark' aria-hidden='true'>{checked ? '●' : '○'}</Text>
              <Text>{option.label}</Text>
              {option.hint && <View className='muted'>{option.hint}</View>}
            </View>
          );
        })}
      </View>
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

/** Any number of a short list. */
export function WbCheckboxGroup<T extends string>({ label, options, values, onChange, className, error }: Common<T> & { values: readonly T[]; onChange: (values: T[]) => void }) {
  const toggle = (value: T) => onChange(values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);
  return (
    <View className={`wb-choices ${className ?? ''}`}>
      <View className='field-label'>{label}</View>
      <View role='group' aria-label={label}>
        {options.map((option) => {
          const checked = values.includes(option.value);
          return (
            <View
              key={option.value}
              className={`wb-choice wb-choice-${option.value}${checked ? ' wb-choice-on' : ''}`}
              role='checkbox'
              aria-checked={checked ? 'true' : 'false'}
              {...keyboard(() => toggle(option.value))}
            >
              <Text className='wb-choice-mark' aria-hidden='true'>{checked ? '☑' : '☐'}</Text>
              <Text>{option.label}</Text>
            </View>
          );
        })}
      </View>
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}
