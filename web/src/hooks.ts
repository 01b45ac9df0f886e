/** Small shared hooks: a ticking clock, countdowns, data loading. */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api/client';

/** The current time, refreshed every `intervalMs` while `active`. */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

/** Whole seconds left until `untilMs` (0 once it has passed, or when there is no deadline). */
export function useSecondsLeft(untilMs: number | null): number {
  const now = useNow(1000, untilMs !== null && untilMs > Date.now());
  if (untilMs === null) return 0;
  return Math.max(0, Math.ceil((untilMs - now) / 1000));
}

/** 75 → "1:15"; 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

/** When a 1003 (or any answer with retryAfter) lets the user try again; null if it does not say. */
export function retryAtMs(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const retryAfter = error.envelope.retryAfter;
  if (typeof retryAfter !== 'number') return null;
  return error.receivedAtMs + retryAfter * 1000;
}

/**
 * Seconds before the form may be sent again after `error`: a 1003 disables the button until its
 * retryAfter has passed, so nobody hammers a limit that only grows with each try.
 */
export function useRetryBlock(error: unknown): number {
  return useSecondsLeft(error instanceof ApiError && error.code === 1003 ? retryAtMs(error) : null);
}

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads data with `load`, again when `deps` change or on reload(); ignores stale answers. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** Runs an async action with busy and error state (one at a time). */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busyRef = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      if (busyRef.current) return undefined;
      busyRef.current = true;
      setBusy(true);
      setError(null);
      try {
        return await action(...args);
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, setError };
}
