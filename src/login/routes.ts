import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { callerOf, clearSessionCookies, requireSession } from '../http/auth.js';
import { DeviceListSchema, LoginHistorySchema, SessionInfoSchema, errorResponses } from '../http/schemas.js';
import { rolesOf } from '../accounts/store.js';
import { listDevices, revokeDevice } from './devices.js';
import { isValidHistoryCursor, listLoginHistory } from './history.js';
import { currentRestrictions } from '../region/service.js';
import { revokeSession } from './sessions.js';

export function registerLoginRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/auth/session',
    {
      onRequest: requireSession(deps, 'any'),
      schema: { tags: ['auth'], summary: 'The current session', security: [{ bearer: [] }], response: { 200: SessionInfoSchema, ...errorResponses(401) } },
    },
    async (request) => {
      const { session, account } = callerOf(request);
      return {
        account: { id: account.id, email: account.email, roles: rolesOf(account) },
        session: {
          id: session.id,
          kind: session.kind,
          deviceId: session.deviceId,
          createdAt: new Date(session.createdAtMs).toISOString(),
          expiresAt: new Date(session.absoluteExpiresAtMs).toISOString(),
          idleExpiresAt: new Date(session.idleExpiresAtMs).toISOString(),
        },
        restrictions: await currentRestrictions(deps, account, request.ip),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      onRequest: requireSession(deps, 'any'),
      schema: { tags: ['auth'], summary: 'End this session', security: [{ bearer: [] }], response: { 204: Type.Null(), ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      await revokeSession(deps.db, callerOf(request).session.id, 'logout', deps.clock.nowMs());
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/account/login-history',
    {
      onRequest: requireSession(deps),
      schema: {
        tags: ['account'],
        summary: 'Login attempts on this account, newest first',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1-100, default 20' })),
          cursor: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: LoginHistorySchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const limit = request.query.limit === undefined ? 20 : Number(request.query.limit);
      const cursor = request.query.cursor;
      if (limit < 1 || limit > 100) throw new AppError('VALIDATION_FAILED', { details: { fields: { limit: 'must be 1 to 100' } } });
      if (cursor !== undefined && !isValidHistoryCursor(cursor)) {
        throw new AppError('VALIDATION_FAILED', { details: { fields: { cursor: 'invalid cursor' } } });
      }
      return listLoginHistory(deps.db, callerOf(request).account.id, { limit, ...(cursor ? { cursor } : {}) });
    },
  );

  app.get(
    '/api/v1/account/devices',
    {
      onRequest: requireSession(deps),
      schema: {
        tags: ['account'],
        summary: 'Devices that signed in to this account',
        security: [{ bearer: [] }],
        response: { 200: DeviceListSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const { account, session } = callerOf(request);
      return listDevices(deps.db, account.id, session.deviceId);
    },
  );

  app.delete(
    '/api/v1/account/devices/:id',
    {
      onRequest: requireSession(deps),
      schema: {
        tags: ['account'],
        summary: 'Forget a device: its sessions end and its trust is gone',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { account } = callerOf(request);
      if (!(await revokeDevice(deps.db, account.id, request.params.id, deps.clock.nowMs()))) throw new AppError('NOT_FOUND');
      return reply.code(204).send(null);
    },
  );
}
