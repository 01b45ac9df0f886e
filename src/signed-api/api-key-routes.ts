/** Security center: the signed-in user's API keys (create with password + second factor, list, delete). */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { callerOf, requireSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { createApiKey } from '../flows/api-key.js';
import { deleteApiKey, listApiKeys } from './api-keys.js';
import { KEY_TYPES, PERMISSIONS } from './key-material.js';

const tags = ['api-keys'];
const security = [{ bearer: [] }];
const IsoDate = Type.String({ format: 'date-time' });
const Permissions = Type.Array(Type.Union(PERMISSIONS.map((p) => Type.Literal(p))), { minItems: 1, maxItems: 2, uniqueItems: true });
const KeyType = Type.Union(KEY_TYPES.map((k) => Type.Literal(k)));
const Whitelist = Type.Array(Type.String({ minLength: 2, maxLength: 64 }), { maxItems: 30, description: 'IPs or CIDRs; empty or absent: any address' });

const ApiKeyViewSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  type: Type.String(),
  apiKeyPrefix: Type.String({ description: 'The first 8 characters of the API key' }),
  permissions: Type.Array(Type.String()),
  ipWhitelist: Type.Array(Type.String()),
  createdAt: IsoDate,
  lastUsedAt: Type.Union([IsoDate, Type.Null()], { description: 'Last signed request, at a resolution of one minute' }),
});

const CreatedApiKeySchema = Type.Object({
  id: Type.String(),
  apiKey: Type.String({ description: 'Send it as X-MBX-APIKEY; shown only in this answer' }),
  secretKey: Type.Optional(Type.String({ description: 'HMAC_SHA256 keys only: the signing secret, shown only in this answer' })),
  label: Type.String(),
  type: Type.String(),
  permissions: Type.Array(Type.String()),
  ipWhitelist: Type.Array(Type.String()),
  createdAt: IsoDate,
});

export function registerApiKeyRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/account/api-keys',
    {
      onRequest: requireSession(deps),
      schema: {
        tags,
        security,
        summary: 'Create an API key for the signed API: needs the password and the second factor (TOTP or a backup code)',
        body: Type.Object({
          label: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
          type: KeyType,
          publicKey: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'ED25519 only: the public key as PEM' })),
          permissions: Permissions,
          ipWhitelist: Type.Optional(Whitelist),
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
          twoFactorCode: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
        }),
        response: { 201: CreatedApiKeySchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(deps, callerOf(request).account, request.body, requestContext(request));
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/api/v1/account/api-keys',
    {
      onRequest: requireSession(deps),
      schema: {
        tags,
        security,
        summary: 'The live API keys of the signed-in account, newest first',
        response: { 200: Type.Array(ApiKeyViewSchema), ...errorResponses(401) },
      },
    },
    async (request) => listApiKeys(deps, callerOf(request).account),
  );

  app.delete(
    '/api/v1/account/api-keys/:id',
    {
      onRequest: requireSession(deps),
      schema: {
        tags,
        security,
        summary: 'Delete an API key: signed requests with it are refused from the next one on',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await deleteApiKey(deps, callerOf(request).account, request.params.id, requestContext(request));
      return reply.code(204).send(null);
    },
  );
}
