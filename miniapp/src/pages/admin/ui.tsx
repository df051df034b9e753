import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { AreasTree, ErrorCode, Page } from '@sa/contracts';
import { ApiError, fetchAreas } from '../../api';
import { errorMessage } from '../../components/show-error';
import { pressableAs } from '../../components/pressable';

// Controls of the admin screens. Taro's Button and Checkbox render custom elements on h5 that the keyboard cannot
// reach, so these are Views with a role, a tab stop and Enter/Space.

type ActionProps = {
  children: ReactNode;
  onPress: () => void;
  kind?: 'primary' | 'plain' | 'danger';
  disabled?: boolean;
  className?: string;
  label?: string;
};

export function Action({ children, onPress, kind = 'primary', disabled = false, className = '', label }: ActionProps) {
  const press = () => !disabled && onPress();
  return (
    <View
      className={`admin-action admin-action-${kind}${disabled ? ' admin-action-disabled' : ''} ${className}`}
      {...pressableAs('button', press)}
      aria-disabled={disabled ? 'true' : undefined}
      aria-label={label}
    >
      {children}
    </View>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  className: string;
  placeholder?: string;
  password?: boolean;
  maxlength?: number;
};

/** A labelled input: the visible label is also the input's accessible name, the error sits right under it. */
export function TextField({ label, value, onChange, error, className, placeholder, password, maxlength = 200 }: TextFieldProps) {
  return (
    <View className='admin-field'>
      <Text className='admin-label'>{label}</Text>
      <Input
        className={`field ${className}`}
        value={value}
        password={password}
        maxlength={maxlength}
        placeholder={placeholder}
        nativeProps={{ 'aria-label': label, 'aria-invalid': error ? 'true' : 'false' }}
        onInput={(event) => onChange(event.detail.value)}
      />
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

export type Option<T> = { value: T; label: string };

/** One of a few values, as chips (a radio group). `value` null: nothing chosen yet. */
export function Choice<T extends string | number>({
  label,
  options,
  value,
  onChange,
  error,
  className = '',
}: {
  label: string;
  options: readonly Option<T>[];
  value: T | null | undefined;
  onChange: (value: T) => void;
  error?: string;
  className?: string;
}) {
  return (
    <View className={`admin-field ${className}`}>
      <Text className='admin-label'>{label}</Text>
      <View className='chips' role='radiogroup' aria-label={label}>
        {options.map((option) => {
          const selected = option.value === value;
          const choose = () => onChange(option.value);
          return (
            <View
              key={String(option.value)}
              className={`chip admin-chip${selected ? ' chip-selected' : ''}`}
              {...pressableAs('radio', choose)}
              aria-checked={selected ? 'true' : 'false'}
            >
              {option.label}
            </View>
          );
        })}
      </View>
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

export function Toggle({ label, checked, onChange, className = '' }: { label: string; checked: boolean; onChange: (checked: boolean) => void; className?: string }) {
  const flip = () => onChange(!checked);
  return (
    <View
      className={`admin-toggle${checked ? ' admin-toggle-on' : ''} ${className}`}
      {...pressableAs('checkbox', flip)}
      aria-checked={checked ? 'true' : 'false'}
    >
      <Text className='admin-toggle-box'>{checked ? '✓' : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}

export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  if (total <= limit) return <View className='admin-pager muted'>共 {total} 条</View>;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <View className='admin-pager'>
      <Action kind='plain' disabled={page <= 1} onPress={() => onChange(offset - limit)}>
        上一页
      </Action>
      <Text className='admin-pager-text'>
        第 {page} / {pages} 页，共 {total} 条
      </Text>
      <Action kind='plain' disabled={page >= pages} onPress={() => onChange(offset + limit)}>
        下一页
      </Action>
    </View>
  );
}

export type PageQuery = { limit: number; offset: number };

/**
 * One page of an admin list, fetched again when a filter, the page or reload() changes: a new filter goes back to
 * the first page, and the answer to a query the user has already left is dropped.
 */
export function usePagedList<F extends object, T>(initial: F, fetchPage: (filters: F, page: PageQuery) => Promise<Page<T>>, limit: number) {
  const [filters, setFilters] = useState<F>(initial);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // The latest fetch, so a caller may pass an inline function without a refetch on every render.
  const latestFetch = useRef(fetchPage);
  latestFetch.current = fetchPage;

  useEffect(() => {
    let stale = false;
    setError(null);
    latestFetch
      .current(filters, { limit, offset })
      .then((result) => !stale && setPage(result))
      .catch((failure: unknown) => !stale && setError(errorMessage(failure)));
    return () => {
      stale = true;
    };
  }, [filters, offset, limit, version]);

  const filter = <K extends keyof F>(key: K) => (value: F[K]) => {
    setOffset(0);
    setFilters((f) => ({ ...f, [key]: value }));
  };
  const reload = () => setVersion((n) => n + 1);
  return { filters, filter, page, error, offset, setOffset, limit, reload };
}

export type PagedListState<T> = {
  page: Page<T> | null;
  error: string | null;
  offset: number;
  setOffset: (offset: number) => void;
  limit: number;
  reload: () => void;
};

/**
 * The list card of an admin screen: its failure with a retry, a line when nothing matches, the rows, the pager.
 * Rows that are list items (role='listitem') make a list; rows that are buttons picking one to open make a group
 * (a list may hold only list items).
 */
export function PagedList<T>({
  list,
  label,
  empty,
  rows = 'items',
  children,
}: {
  list: PagedListState<T>;
  label: string;
  empty: string;
  rows?: 'items' | 'buttons';
  children: (item: T) => ReactNode;
}) {
  const { page, error, offset, setOffset, limit, reload } = list;
  return (
    <>
      <Failed message={error} onRetry={reload} />
      {page && (
        <View className='card'>
          {page.items.length === 0 && <View className='admin-text'>{empty}</View>}
          {page.items.length > 0 && (
            <View role={rows === 'items' ? 'list' : 'group'} aria-label={label}>
              {page.items.map((item) => children(item))}
            </View>
          )}
          <Pager offset={offset} limit={limit} total={page.total} onChange={setOffset} />
        </View>
      )}
    </>
  );
}

/** A result the user should notice at once (a rule the server applied, a count of what happened). */
export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warn' }) {
  return (
    <View className={`admin-notice admin-notice-${tone}`} role='alert'>
      {children}
    </View>
  );
}

export type FieldErrors = Record<string, string>;

type Issue = { path: readonly PropertyKey[]; message: string; code?: string; origin?: string; minimum?: unknown; maximum?: unknown; input?: unknown };

/** zod speaks English unless the contract gave a Chinese message (the server translates the same way). */
function chineseIssue(issue: Issue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '必填' : '类型不正确';
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `不能超过 ${String(issue.maximum)} 个字` : `不能大于 ${String(issue.maximum)}`;
    default:
      return '格式不正确';
  }
}

/** The first message per field of a failed contract schema, in Chinese. */
export function zodFieldErrors(error: { issues: readonly Issue[] }): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= chineseIssue(issue);
  }
  return errors;
}

/**
 * The server's answer as field errors: VALIDATION_FAILED details by field, and codes that are about one field
 * (LICENCE_NO_TAKEN → licenceNo) put by that field; anything else is a message for the whole form.
 */
export function serverFieldErrors(error: unknown, fieldOfCode: Partial<Record<ErrorCode, string>> = {}): FieldErrors {
  const errors: FieldErrors = {};
  if (error instanceof ApiError) {
    for (const detail of error.details) errors[detail.path.split('.')[0] || 'form'] ??= detail.message;
    const field = (fieldOfCode as Record<string, string | undefined>)[error.code];
    if (field) errors[field] ??= error.message;
  }
  if (Object.keys(errors).length === 0) errors.form = errorMessage(error);
  return errors;
}

export type Street = AreasTree['offices'][number]['streets'][number];
export type Areas = { offices: AreasTree['offices']; streets: Street[] };

/** The district's offices and streets, for the street and office choices; null until loaded. */
export function useAreas(): { areas: Areas | null; error: string | null; reload: () => void } {
  const [areas, setAreas] = useState<Areas | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    fetchAreas()
      .then((tree) => setAreas({ offices: tree.offices, streets: tree.offices.flatMap((o) => o.streets) }))
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, []);
  useEffect(load, [load]);
  return { areas, error, reload: load };
}

export const streetOptions = (areas: Areas | null): Option<number>[] =>
  (areas?.streets ?? []).map((s) => ({ value: s.id, label: s.name }));

/** A failed load, said in words, with a retry the keyboard can reach. */
export function Failed({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  if (message === null) return null;
  return (
    <View className='admin-failed' role='alert'>
      <View className='field-error'>{message}</View>
      <Action kind='plain' onPress={onRetry}>
        重新加载
      </Action>
    </View>
  );
}
