/**
 * The error catalog: every code the server can emit, as data (CONTRACT §1). Services throw
 * `new AppError(key)` with a key of this object; the HTTP layer, `GET /api/v1/errors`, the help
 * pages and docs/errors.md (`npm run docs:errors`) all read from here.
 *
 * The data lives in three files (login codes, other app codes, signed API); keys are each entry's `name`.
 */
import { APP_CATALOG } from './catalog-app.js';
import { LOGIN_CATALOG } from './catalog-login.js';
import type { CatalogEntry } from './catalog-types.js';
import { SIGNED_API_CATALOG } from './catalog-signed-api.js';

export const CATALOG = {
  ...APP_CATALOG,
  ...LOGIN_CATALOG,
  ...SIGNED_API_CATALOG,
} satisfies Record<string, CatalogEntry>;

export type CatalogKey = keyof typeof CATALOG;
