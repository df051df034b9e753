import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../components/show-error';

export type Section<T> = { data: T | null; error: string | null; reload: () => void };

/** One part of a page loaded on its own: its data, or the failure in words with a retry, never a blank. */
export function useSection<T>(load: () => Promise<T>): Section<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(load);
  latest.current = load;

  const reload = useCallback(() => {
    setError(null);
    latest
      .current()
      .then((value) => setData(value))
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, []);
  useEffect(reload, [reload]);

  return { data, error, reload };
}
