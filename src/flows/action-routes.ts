/** The HTTP doors of the flows for sensitive actions while signed in: withdrawals. */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { callerOf, requireSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { AmountField, AssetField } from '../wallet/routes.js';
import { requestWithdrawal } from './withdrawal.js';

export function registerActionFlowRoutes(app: App, deps: Deps): void {
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
        response: { 201: Type.Object({ id: Type.String(), status: Type.Literal('pending') }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const result = await requestWithdrawal(deps, callerOf(request).account, request.body, requestContext(request));
      return reply.code(201).send(result);
    },
  );
}
