/**
 * Pure lookups over the error catalog: locale negotiation, entries by code or key, localized
 * messages and the public (API) shape of an entry. No Fastify here.
 */
import { CATALOG, type CatalogKey } from './catalog.js';
import type { CatalogEntry, Locale } from './catalog-types.js';

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

/**
 * Maps one language tag to a catalog locale, or undefined when we have no text for it.
 * Simplified Chinese: `zh`, `zh-CN`, `zh-SG`, `zh-Hans` (with any region). Traditional (`zh-TW`,
 * `zh-HK`, `zh-Hant`) is not Simplified, so it is not matched and falls through to English.
 */
function localeForTag(tag: string): Locale | undefined {
  const [primary, ...rest] = tag.toLowerCase().split(/[-_]/);
  if (primary === '*' || primary === 'en') return 'en';
  if (primary !== 'zh') return undefined;
  if (rest.length === 0) return 'zh-CN';
  const script = rest.find((s) => s.length === 4);
  if (script === 'hans') return 'zh-CN';
  if (script !== undefined) return undefined;
  const region = rest[0];
  return region === 'cn' || region === 'sg' ? 'zh-CN' : undefined;
}

/**
 * Picks the response locale from an Accept-Language header: the highest-q tag we have text for
 * (ties keep header order); `q=0` means "not this one". Anything unmatched or malformed is `en`.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'en';
  const ranges: { tag: string; q: number; index: number }[] = [];
  acceptLanguage.split(',').forEach((part, index) => {
    const [rawTag, ...params] = part.split(';');
    const tag = rawTag?.trim() ?? '';
    if (tag === '') return;
    let q = 1;
    for (const param of params) {
      const [k, v] = param.split('=').map((s) => s.trim());
      if (k?.toLowerCase() === 'q') {
        q = v !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(v) ? Number(v) : 0;
      }
    }
    if (q > 0) ranges.push({ tag, q, index });
  });
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const locale = localeForTag(range.tag);
    if (locale) return locale;
  }
  return 'en';
}

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
