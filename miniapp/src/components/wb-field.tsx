import type { ChangeEvent } from 'react';
import { Input, Picker, Textarea, View } from '@tarojs/components';

type Base = { label: string; className: string; error?: string; hint?: string };

function Label({ label }: { label: string }) {
  return <View className='field-label'>{label}</View>;
}

function Problem({ error, hint }: { error?: string; hint?: string }) {
  return (
    <>
      {hint && <View className='muted'>{hint}</View>}
      {error && <View className='field-error'>{error}</View>}
    </>
  );
}

/** A one-line field with its label shown and given to the real input (screen readers read it). */
export function WbInput({ label, className, error, hint, value, onChange, placeholder, maxlength = 140, onConfirm }: Base & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
  onConfirm?: () => void;
}) {
  return (
    <View className='wb-field'>
      <Label label={label} />
      <Input
        className={`field ${className}`}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        nativeProps={{ 'aria-label': label, 'aria-invalid': error ? 'true' : undefined }}
        onInput={(event) => onChange(event.detail.value)}
        onConfirm={onConfirm}
      />
      <Problem error={error} hint={hint} />
    </View>
  );
}

export function WbTextarea({ label, className, error, hint, value, onChange, placeholder, maxlength = 2000 }: Base & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
}) {
  return (
    <View className='wb-field'>
      <Label label={label} />
      <Textarea
        className={`field textarea ${className}`}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        nativeProps={{ 'aria-label': label, 'aria-invalid': error ? 'true' : undefined }}
        onInput={(event) => onChange(event.detail.value)}
      />
      <View className='counter'>
        {value.length}/{maxlength}
      </View>
      <Problem error={error} hint={hint} />
    </View>
  );
}

/** A date (YYYY-MM-DD): the browser's own date input on h5, the mini-program's date picker on weapp. */
export function WbDate({ label, className, error, hint, value, onChange, end }: Base & { value: string; onChange: (value: string) => void; end?: string }) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='wb-field'>
        <Label label={label} />
        <input
          type='date'
          className={`field wb-native ${className}`}
          aria-label={label}
          aria-invalid={error ? 'true' : undefined}
          value={value}
          max={end}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
        <Problem error={error} hint={hint} />
      </View>
    );
  }
  return (
    <View className='wb-field'>
      <Label label={label} />
      <Picker mode='date' value={value} end={end} onChange={(event) => onChange(String(event.detail.value))}>
        <View className={`field wb-picker ${className}`}>{value || '请选择日期'}</View>
      </Picker>
      {value && (
        <View className='link wb-clear' onClick={() => onChange('')}>
          清除日期
        </View>
      )}
      <Problem error={error} hint={hint} />
    </View>
  );
}

export type SelectOption = { value: string; label: string };

/** One of a list; '' is "any" when `anyLabel` is given. */
export function WbSelect({ label, className, error, hint, value, onChange, options, anyLabel }: Base & {
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  anyLabel?: string;
}) {
  const all: SelectOption[] = anyLabel !== undefined ? [{ value: '', label: anyLabel }, ...options] : [...options];
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='wb-field'>
        <Label label={label} />
        <select
          className={`field wb-native ${className}`}
          aria-label={label}
          value={value}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
        >
          {all.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <Problem error={error} hint={hint} />
      </View>
    );
  }
  const index = Math.max(0, all.findIndex((option) => option.value === value));
  return (
    <View className='wb-field'>
      <Label label={label} />
      <Picker mode='selector' range={all.map((option) => option.label)} value={index} onChange={(event) => onChange(all[Number(event.detail.value)]?.value ?? '')}>
        <View className={`field wb-picker ${className}`}>{all[index]?.label ?? '请选择'}</View>
      </Picker>
      <Problem error={error} hint={hint} />
    </View>
  );
}
