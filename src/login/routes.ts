import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { callerOf, clearSessionCookies, cookieSecure, requireSession, resolveDeviceKey, setSessionCookies, wantsCookieSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { DeviceListSchema, EmailField, LoginHistorySchema, PasswordField, SessionInfoSchema, SessionSchema, errorResponses } from '../http/schemas.js';
import { rolesOf } from '../accounts/store.js';
import { listDevices, revokeDevice } from './devices.js';
import { isValidHistoryCursor, listLoginHistory } from './history.js';
import { loginWithPassword } from './password-login.js';
import type { CompletedLogin } from './complete-login.js';
import { confirmDevice, pollChallenge } from './device-confirmation.js';
import { credentialEndpoint, shedWhenSaturated } from '../limits/http-hook.js';
import { DEVICE_TOKEN_COOKIE } from './device-token.js';
import { currentRestrictions } from '../region/service.js';
import { revokeSession, type SessionKind } from './sessions.js';

export const LoginBody = Type.Object({
  email: EmailField,
  password: PasswordField,
  deviceId: Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: 'Stable per-install id' })),
  deviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export const LoginOkSchema = Type.Object({
  status: Type.Literal('ok'),
  session: SessionSchema,
  restrictions: Type.Array(Type.String()),
  deviceToken: Type.Optional(Type.String({ description: 'Send as x-device-token on later logins from this device: keeps it in the priority lane under load' })),
});

const ChallengeSchema = Type.Object({
  status: Type.Literal('device_confirmation_required'),
  challenge: Type.Object({ id: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
});

export const SecondFactorSchema = Type.Object({
  status: Type.Literal('2fa_required'),
  challenge: Type.Object({
    id: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    methods: Type.Array(Type.Union(['totp', 'backup_code', 'email', 'sms'].map((m) => Type.Literal(m)))),
  }),
});

export const LoginResultSchema = Type.Union([LoginOkSchema, ChallengeSchema, SecondFactorSchema]);

/** A finished login as the client gets it: the token in the body, or (web) in the HttpOnly cookie. */
export function sessionResponse(deps: Deps, request: FastifyRequest, reply: FastifyReply, result: CompletedLogin) {
  const expiresAt = new Date(result.session.expiresAtMs).toISOString();
  reply.header('cache-control', 'no-store');
  if (wantsCookieSession(request)) {
    setSessionCookies(deps, request, reply, result.session);
    reply.setCookie(DEVICE_TOKEN_COOKIE, result.deviceToken, {
      path: '/api/v1',
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(request),
      maxAge: 400 * 86_400,
    });
    return { status: 'ok' as const, session: { expiresAt }, restrictions: result.restrictions };
  }
  return { status: 'ok' as const, session: { token: result.session.token, expiresAt }, restrictions: result.restrictions, deviceToken: result.deviceToken };
}

/** Shared by user and staff login: runs the login and shapes the response (cookie or bearer). */
export async function handlePasswordLogin(deps: Deps, request: FastifyRequest, reply: FastifyReply, audience: SessionKind) {
  const body = request.body as Static<typeof LoginBody>;
  const deviceKey = resolveDeviceKey(deps, request, reply, body.deviceId);
  const result = await loginWithPassword(
    deps,
    { email: body.email, password: body.password, audience },
    requestContext(request, { deviceKey, deviceName: body.deviceName ?? null }),
  );
  if (result.status !== 'ok') {
    reply.header('cache-control', 'no-store');
    return result;
  }
  return sessionResponse(deps, request, reply, result);
}

export function registerLoginRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/auth/login',
    {
      onRequest: [credentialEndpoint(deps), shedWhenSaturated(deps)],
      schema: {
        tags: ['auth'],
        summary: 'Password login. Send `x-session-transport: cookie` to get an HttpOnly cookie instead of a token.',
        body: LoginBody,
        response: { 200: LoginResultSchema, ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    (request, reply) => handlePasswordLogin(deps, request, reply, 'user'),
  );

  app.post(
    '/api/v1/auth/login/confirm-device',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary: 'Approve a new device with the token from the mailed link',
        body: Type.Object({ token: Type.String({ minLength: 16, maxLength: 128 }) }),
        response: { 200: Type.Object({ status: Type.Literal('confirmed') }), ...errorResponses(400, 429) },
      },
    },
    async (request) => {
      await confirmDevice(deps, request.body.token);
      return { status: 'confirmed' as const };
    },
  );

  app.get(
    '/api/v1/auth/login/challenge/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Poll a paused login: pending until the device is approved, then the session (once)',
        params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }),
        response: { 200: Type.Union([Type.Object({ status: Type.Literal('pending') }), LoginOkSchema, SecondFactorSchema]), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const result = await pollChallenge(deps, request.params.id);
      if (result.status !== 'ok') return result;
      return sessionResponse(deps, request, reply, result);
    },
  );

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
