/** The owner's side of a scheduled 2FA reset: the cancel link from the mail, without signing in. */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { StatusOnly, errorResponses } from '../http/schemas.js';
import { credentialEndpoint } from '../limits/http-hook.js';
import { cancelTwoFactorReset } from './two-factor-reset.js';

export function registerTwoFactorResetRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/auth/2fa-reset/cancel',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary: 'Cancel a scheduled 2FA reset with the token from the mail (no sign-in; works once)',
        body: Type.Object({ token: Type.String({ minLength: 16, maxLength: 128 }) }),
        response: { 200: StatusOnly('cancelled'), ...errorResponses(400, 429) },
      },
    },
    async (request) => {
      await cancelTwoFactorReset(deps, request.body.token, request.ip);
      return { status: 'cancelled' as const };
    },
  );
}
