/**
 * The languages Gatehouse speaks (answers, catalog, mails): English and Simplified Chinese, and the
 * negotiation from an Accept-Language header.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export type Localized = Record<Locale, string>;

/** Both locales of one text, English first. */
export const t = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

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
