/**
 * Pure lookups over the error catalog: locale negotiation, entries by code or key, localized
 * messages and the public (API) shape of an entry. No Fastify here.
 */
import { CATALOG, type CatalogKey } from './catalog.js';
import type { CatalogEntry, Locale } from './catalog-types.js';

export { negotiateLocale } from '../platform/locale.js';

/** One localized catalog entry, as `GET /api/v1/errors/{code}` returns it. */
export interface PublicEntry {
  code: number;
  name: string;
  httpStatus: number;
  title: string;
  meaning: string;
  solution: string;
  steps: string[];
  faq: { q: string; a: string }[];
  reasons: { reason: string; msg: string }[];
}

const ENTRIES: readonly CatalogEntry[] = Object.values(CATALOG);
const BY_CODE: ReadonlyMap<number, CatalogEntry> = new Map(ENTRIES.map((entry) => [entry.code, entry]));

/** App codes ascending, then signed-API codes in Binance's order (-1000, -1003, ... -2015). */
const SORTED: readonly CatalogEntry[] = [
  ...ENTRIES.filter((e) => e.surface === 'app').sort((a, b) => a.code - b.code),
  ...ENTRIES.filter((e) => e.surface === 'signed-api').sort((a, b) => Math.abs(a.code) - Math.abs(b.code)),
];

export function entryByCode(code: number): CatalogEntry | undefined {
  return BY_CODE.get(code);
}

export function entryByKey(key: CatalogKey): CatalogEntry {
  return CATALOG[key];
}

/** The reason's own message when the entry has that reason, else the entry's message. */
export function messageFor(key: CatalogKey, locale: Locale, reason?: string): string {
  const entry: CatalogEntry = CATALOG[key];
  const reasonMsg = reason !== undefined && Object.hasOwn(entry.reasons, reason) ? entry.reasons[reason] : undefined;
  return (reasonMsg ?? entry.msg)[locale];
}

export function helpPathFor(code: number): string {
  return `/help/errors/${code}`;
}

export function publicEntry(entry: CatalogEntry, locale: Locale): PublicEntry {
  return {
    code: entry.code,
    name: entry.name,
    httpStatus: entry.httpStatus,
    title: entry.title[locale],
    meaning: entry.meaning[locale],
    solution: entry.solution[locale],
    steps: entry.steps.map((step) => step[locale]),
    faq: entry.faq.map(({ q, a }) => ({ q: q[locale], a: a[locale] })),
    reasons: Object.entries(entry.reasons).map(([reason, msg]) => ({ reason, msg: msg[locale] })),
  };
}

/** Every entry: app codes ascending, then signed-API codes (-1000 first). A fresh array. */
export function allEntries(): CatalogEntry[] {
  return [...SORTED];
}
