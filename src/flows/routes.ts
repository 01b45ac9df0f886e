/** The HTTP doors of the login flows: thin, each parses, calls one service of flows/login.ts, shapes the answer. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { cookieSecure, resolveDeviceKey, setSessionCookies, wantsCookieSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { EmailField, PasswordField, SessionSchema, errorResponses } from '../http/schemas.js';
import { credentialEndpoint, shedWhenSaturated } from '../limits/http-hook.js';
import { DEVICE_TOKEN_COOKIE } from '../limits/device-token.js';
import type { SessionKind } from '../login/sessions.js';
import { METHOD_IDS } from '../twofactor/methods/index.js';
import type { MethodId } from '../twofactor/methods/method.js';
import { answerSecondFactor, confirmDevice, pollDeviceConfirmation, resetPassword, sendLoginCode, startLogin } from './login.js';
import type { CompletedLogin } from './login-state.js';
import type { ResumableAnswer } from './pipelines.js';
import { requestPasswordReset } from '../recovery/forgot.js';

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

const DeviceConfirmationSchema = Type.Object({
  status: Type.Literal('device_confirmation_required'),
  challenge: Type.Object({ id: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
});

const MethodSchema = Type.Union(METHOD_IDS.map((m) => Type.Literal(m)));

export const SecondFactorSchema = Type.Object({
  status: Type.Literal('2fa_required'),
  challenge: Type.Object({ id: Type.String(), expiresAt: Type.String({ format: 'date-time' }), methods: Type.Array(MethodSchema) }),
});

export const LoginResultSchema = Type.Union([LoginOkSchema, DeviceConfirmationSchema, SecondFactorSchema]);

const PasswordResetDoneSchema = Type.Object({ status: Type.Literal('password_reset') });

/** What resuming a paused flow can answer: a login's next step, or a finished password reset. */
const ResumedSchema = Type.Union([LoginOkSchema, DeviceConfirmationSchema, SecondFactorSchema, PasswordResetDoneSchema]);

const ChallengeId = Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' });

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

/** Any step's answer: the session (shaped for cookie or bearer), or the paused flow's challenge. */
export function loginResponse<R extends ResumableAnswer>(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  result: R,
): Exclude<R, CompletedLogin> | ReturnType<typeof sessionResponse> {
  if (result.status === 'ok') return sessionResponse(deps, request, reply, result as CompletedLogin);
  reply.header('cache-control', 'no-store');
  return result as Exclude<R, CompletedLogin>;
}

async function passwordLogin(deps: Deps, request: FastifyRequest, reply: FastifyReply, audience: SessionKind) {
  const body = request.body as Static<typeof LoginBody>;
  const deviceKey = resolveDeviceKey(deps, request, reply, body.deviceId);
  const result = await startLogin(
    deps,
    { email: body.email, password: body.password, audience },
    requestContext(request, { deviceKey, deviceName: body.deviceName ?? null }),
  );
  return loginResponse(deps, request, reply, result);
}

export function registerLoginFlowRoutes(app: App, deps: Deps): void {
  for (const [path, audience, tag, summary] of [
    ['/api/v1/auth/login', 'user', 'auth', 'Password login. Send `x-session-transport: cookie` to get an HttpOnly cookie instead of a token.'],
    ['/api/v1/admin/login', 'staff', 'staff', 'Staff login (same flow as user login; staff accounts only; works during maintenance)'],
  ] as const) {
    app.post(
      path,
      {
        onRequest: [credentialEndpoint(deps), shedWhenSaturated(deps)],
        schema: { tags: [tag], summary, body: LoginBody, response: { 200: LoginResultSchema, ...errorResponses(400, 401, 403, 429, 503) } },
      },
      (request, reply) => passwordLogin(deps, request, reply, audience),
    );
  }

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
          body: Type.Object({ challengeId: ChallengeId, method: MethodSchema, code: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: ResumedSchema, ...errorResponses(400, 401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const body = request.body as { challengeId: string; method: MethodId; code: string };
        const result = await answerSecondFactor(deps, { ...body, ...(audience ? { audience } : {}) }, requestContext(request));
        return loginResponse(deps, request, reply, result);
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
      await sendLoginCode(deps, request.body);
      return reply.code(202).send({ status: 'code_sent' as const });
    },
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
        summary: 'Poll a paused login: pending until the device is approved, then the next step (once)',
        params: Type.Object({ id: ChallengeId }),
        response: { 200: Type.Union([Type.Object({ status: Type.Literal('pending') }), ResumedSchema]), ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const result = await pollDeviceConfirmation(deps, request.params.id, requestContext(request));
      if (result.status === 'pending') return result;
      return loginResponse(deps, request, reply, result);
    },
  );

  app.post(
    '/api/v1/auth/password/forgot',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary: 'Forgot password: mails a single-use link (30 minutes) when the address has an account; the same 202 either way',
        body: Type.Object({ email: EmailField }),
        response: { 202: Type.Object({ status: Type.Literal('reset_requested') }), ...errorResponses(400, 429, 503) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body, requestContext(request));
      return reply.code(202).send({ status: 'reset_requested' as const });
    },
  );

  app.post(
    '/api/v1/auth/password/reset',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary:
          "Choose a new password with the mailed link's token; with a second factor on, send `twoFactorCode` (TOTP or a backup code) or answer the `2fa_required` challenge at /api/v1/auth/login/2fa",
        body: Type.Object({
          token: Type.String({ minLength: 16, maxLength: 128 }),
          newPassword: PasswordField,
          twoFactorCode: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
        }),
        response: { 200: Type.Union([PasswordResetDoneSchema, SecondFactorSchema]), ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return resetPassword(deps, request.body, requestContext(request));
    },
  );
}
