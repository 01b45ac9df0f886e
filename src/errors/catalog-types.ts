import type { Localized } from '../platform/locale.js';

/** Locales the catalog is written in; `en` is the fallback for anything else. */
export { LOCALES, type Locale, type Localized, t } from '../platform/locale.js';

/** One entry of the error catalog: everything a client, a help page or the docs say about a code. */
export interface CatalogEntry {
  code: number;
  /** Stable SCREAMING_SNAKE name, e.g. TOO_MANY_REQUESTS. */
  name: string;
  httpStatus: number;
  /** Which surface emits it: the app API envelope or the Binance-compatible signed API. */
  surface: 'app' | 'signed-api';
  /** Short, safe-to-show message used as `msg` when no reason-specific message applies. */
  msg: Localized;
  title: Localized;
  meaning: Localized;
  solution: Localized;
  steps: Localized[];
  faq: { q: Localized; a: Localized }[];
  /** Stable snake_case reasons this code can carry, each with its own `msg`. */
  reasons: Record<string, Localized>;
}
