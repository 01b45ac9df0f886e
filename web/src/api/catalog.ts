/**
 * The error catalog (GET /api/v1/errors[/{code}]), fetched once per language and code and kept for
 * the life of the page: error notices show the catalog's title, meaning and steps without another
 * round trip on every failure.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { get } from './client';
import type { CatalogEntry } from './types';

const entries = new Map<string, Promise<CatalogEntry | null>>();
const lists = new Map<string, Promise<CatalogEntry[]>>();

export function fetchCatalogEntry(code: number, lang: string): Promise<CatalogEntry | null> {
  const key = `${lang}:${code}`;
  let cached = entries.get(key);
  if (!cached) {
    cached = get<CatalogEntry>(`/api/v1/errors/${code}`).catch(() => {
      entries.delete(key);
      return null;
    });
    entries.set(key, cached);
  }
  return cached;
}

export function fetchCatalog(lang: string): Promise<CatalogEntry[]> {
  let cached = lists.get(lang);
  if (!cached) {
    cached = get<CatalogEntry[]>('/api/v1/errors').then(
      (all) => {
        for (const entry of all) entries.set(`${lang}:${entry.code}`, Promise.resolve(entry));
        return all;
      },
      (err: unknown) => {
        lists.delete(lang);
        throw err;
      },
    );
    lists.set(lang, cached);
  }
  return cached;
}

/** The entry for `code` in the current language; undefined while loading, null if unavailable. */
export function useCatalogEntry(code: number | null): CatalogEntry | null | undefined {
  const { lang } = useI18n();
  const [state, setState] = useState<{ key: string; entry: CatalogEntry | null } | null>(null);
  const key = `${lang}:${code}`;
  useEffect(() => {
    if (code === null || code === 0) return;
    let live = true;
    fetchCatalogEntry(code, lang).then((entry) => {
      if (live) setState({ key, entry });
    });
    return () => {
      live = false;
    };
  }, [code, lang, key]);
  if (code === null || code === 0) return null;
  return state?.key === key ? state.entry : undefined;
}
