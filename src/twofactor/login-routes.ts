import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { requestContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { credentialEndpoint } from '../limits/http-hook.js';
import { LoginOkSchema, sessionResponse } from '../login/routes.js';
import { sendSecondFactorCode, verifySecondFactor } from './second-factor.js';

const ChallengeId = Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' });
const Method = Type.Union(['totp', 'backup_code', 'email', 'sms'].map((m) => Type.Literal(m as 'totp' | 'backup_code' | 'email' | 'sms')));

export function registerSecondFactorLoginRoutes(app: App, deps: Deps): void {
  // Users answer at /auth/login/2fa; staff at /admin/login/2fa, which (like the staff door) stays
  // open during maintenance and accepts staff challenges only.
  for (const [path, audience, tag] of [
    ['/api/v1/auth/login/2fa', undefined, 'auth'],
    ['/api/v1/admin/login/2fa', 'staff', 'staff'],
  ] as const) {
    app.post(
      path,
      {
        onRequest: credentialEndpoint(deps),
        schema: {
          tags: [tag],
          summary: 'Answer the second-factor challenge: TOTP, a backup code, or an email/SMS code',
          body: Type.Object({ challengeId: ChallengeId, method: Method, code: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: LoginOkSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const result = await verifySecondFactor(deps, { ...request.body, ...(audience ? { audience } : {}) }, requestContext(request));
        return sessionResponse(deps, request, reply, result);
      },
    );
  }

  app.post(
    '/api/v1/auth/login/2fa/send',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary: 'Send an email or SMS code for the challenge (60 s cooldown)',
        body: Type.Object({ challengeId: ChallengeId, method: Type.Union([Type.Literal('email'), Type.Literal('sms')]) }),
        response: { 202: Type.Object({ status: Type.Literal('code_sent') }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await sendSecondFactorCode(deps, request.body);
      return reply.code(202).send({ status: 'code_sent' as const });
    },
  );
}
