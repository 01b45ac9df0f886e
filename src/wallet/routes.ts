import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { callerOf, requireSession } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { formatMinor } from './amounts.js';
import { listBalances } from './store.js';

export const AssetField = Type.String({ pattern: '^[A-Z0-9]{2,10}$' });
export const AmountField = Type.String({ pattern: '^[0-9]{1,16}(\\.[0-9]{1,8})?$', description: 'Decimal string, at most 8 decimals' });

export function registerWalletRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/wallet/balances',
    {
      onRequest: requireSession(deps),
      schema: {
        tags: ['wallet'],
        summary: 'Balances per asset (decimal strings)',
        security: [{ bearer: [] }],
        response: { 200: Type.Array(Type.Object({ asset: Type.String(), available: Type.String(), locked: Type.String() })), ...errorResponses(401) },
      },
    },
    async (request) =>
      (await listBalances(deps.db, callerOf(request).account.id)).map((b) => ({
        asset: b.asset,
        available: formatMinor(b.available_minor),
        locked: formatMinor(b.locked_minor),
      })),
  );
}
