import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { callerOf, requireSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { formatMinor } from './amounts.js';
import { listBalances } from './store.js';
import { requestWithdrawal } from './withdrawals.js';

export const AssetField = Type.String({ pattern: '^[A-Z0-9]{2,10}$' });
export const AmountField = Type.String({ pattern: '^[0-9]{1,16}(\\.[0-9]{1,8})?$', description: 'Decimal string, at most 8 decimals' });

export function registerWalletRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/wallet/balances',
    {
      onRequest: requireSession(deps),
      schema: { tags: ['wallet'], summary: 'Balances per asset (decimal strings)', security: [{ bearer: [] }], response: errorResponses(401) },
    },
    async (request) =>
      (await listBalances(deps.db, callerOf(request).account.id)).map((b) => ({
        asset: b.asset,
        available: formatMinor(b.available_minor),
        locked: formatMinor(b.locked_minor),
      })) as never,
  );

  app.post(
    '/api/v1/wallet/withdrawals',
    {
      onRequest: requireSession(deps),
      schema: {
        tags: ['wallet'],
        summary: 'Withdraw: second factor (or password without one), region, security hold, risk and balance checks',
        security: [{ bearer: [] }],
        body: Type.Object({
          asset: AssetField,
          amount: AmountField,
          address: Type.String({ minLength: 10, maxLength: 128, pattern: '^[A-Za-z0-9:_-]+$' }),
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
          twoFactorCode: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
        }),
        response: { 201: Type.Object({ id: Type.String(), status: Type.String() }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const result = await requestWithdrawal(deps, callerOf(request).account, request.body, requestContext(request));
      return reply.code(201).send(result);
    },
  );
}
