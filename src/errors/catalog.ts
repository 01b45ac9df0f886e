/**
 * The error catalog: every code the server can emit, as data. Services throw
 * `new AppError(key)` with a key of this object; the HTTP layer, `GET /api/v1/errors`, the help
 * pages and docs/errors.md (`npm run docs:generate`) all read from here.
 *
 * The data lives in files by behaviour (login, account, general app codes; signed-API auth and orders); keys are each entry's `name`.
 */
import { APP_CATALOG } from './catalog-app.js';
import { LOGIN_CATALOG } from './catalog-login.js';
import { ACCOUNT_CATALOG } from './catalog-account.js';
import { SIGNED_API_ORDER_CATALOG } from './catalog-signed-api-orders.js';
import type { CatalogEntry } from './catalog-types.js';
import { SIGNED_API_CATALOG } from './catalog-signed-api.js';

export const CATALOG = {
  ...APP_CATALOG,
  ...LOGIN_CATALOG,
  ...ACCOUNT_CATALOG,
  ...SIGNED_API_CATALOG,
  ...SIGNED_API_ORDER_CATALOG,
} satisfies Record<string, CatalogEntry>;

export type CatalogKey = keyof typeof CATALOG;
