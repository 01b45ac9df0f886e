import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { callerOf, requireSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { AccountViewSchema, CodeField, EmailField, PasswordField, StatusOnly, errorResponses } from '../http/schemas.js';
import { accountView } from './account-view.js';
import { twoFactorSummary } from '../twofactor/summary.js';
import { negotiateLocale } from '../platform/locale.js';
import { LOCALES } from '../platform/locale.js';
import { setAccountLocale } from './store.js';
import { currentRestrictions } from '../region/service.js';
import { changePassword } from './password-change.js';
import { registerAccount, verifyRegistration } from './registration.js';
import { credentialEndpoint } from '../limits/http-hook.js';
import { disableByLink, disableOwnAccount } from './disable.js';

export function registerAccountRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/auth/register',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary: 'Create an account; a 6-digit code is mailed (always 202, also for a taken email)',
        body: Type.Object({ email: EmailField, password: PasswordField }),
        response: { 202: StatusOnly('verification_sent'), ...errorResponses(400, 429, 503) },
      },
    },
    async (request, reply) => {
      await registerAccount(deps, { ...request.body, locale: negotiateLocale(request.headers['accept-language']) });
      return reply.code(202).send({ status: 'verification_sent' as const });
    },
  );

  app.post(
    '/api/v1/auth/register/verify',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['auth'],
        summary: 'Verify the email with the mailed code',
        body: Type.Object({ email: EmailField, code: CodeField }),
        response: { 200: StatusOnly('verified'), ...errorResponses(400, 429, 503) },
      },
    },
    async (request) => {
      await verifyRegistration(deps, request.body, request.ip);
      return { status: 'verified' as const };
    },
  );

  app.get(
    '/api/v1/account',
    {
      onRequest: requireSession(deps),
      schema: { tags: ['account'], summary: 'The signed-in account', security: [{ bearer: [] }], response: { 200: AccountViewSchema, ...errorResponses(401) } },
    },
    async (request) => {
      const { account } = callerOf(request);
      const view = accountView(account, deps.clock.nowMs(), await twoFactorSummary(deps.db, account.id));
      return { ...view, restrictions: await currentRestrictions(deps, account, request.ip) };
    },
  );

  app.patch(
    '/api/v1/account',
    {
      onRequest: requireSession(deps, 'any'),
      schema: {
        tags: ['account'],
        summary: "Change the account's settings: `locale`, the language of its mails (en or zh-CN)",
        security: [{ bearer: [] }],
        body: Type.Object({ locale: Type.Union(LOCALES.map((l) => Type.Literal(l))) }, { additionalProperties: false }),
        response: { 200: Type.Object({ locale: Type.String() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      await setAccountLocale(deps.db, callerOf(request).account.id, request.body.locale);
      return { locale: request.body.locale };
    },
  );

  app.post(
    '/api/v1/account/password',
    {
      onRequest: requireSession(deps, 'any'),
      schema: {
        tags: ['account'],
        summary: 'Change the password; other sessions end, withdrawals are held 24 h',
        security: [{ bearer: [] }],
        body: Type.Object({ currentPassword: PasswordField, newPassword: PasswordField }),
        response: { 200: StatusOnly('changed'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      await changePassword(
        deps,
        { account: caller.account, sessionId: caller.session.id, currentPassword: request.body.currentPassword, newPassword: request.body.newPassword },
        requestContext(request),
      );
      return { status: 'changed' as const };
    },
  );

  app.post(
    '/api/v1/account/disable',
    {
      onRequest: requireSession(deps, 'any'),
      schema: {
        tags: ['account'],
        summary: 'Disable (freeze) your own account: every session ends; login then answers 4002 self',
        security: [{ bearer: [] }],
        body: Type.Object({ password: PasswordField }),
        response: { 200: StatusOnly('disabled'), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      await disableOwnAccount(deps, callerOf(request).account, request.body.password, requestContext(request));
      return { status: 'disabled' as const };
    },
  );

  app.post(
    '/api/v1/account/disable-link',
    {
      onRequest: credentialEndpoint(deps),
      schema: {
        tags: ['account'],
        summary: 'Disable the account with the one-click link from a security notice (no sign-in needed)',
        body: Type.Object({ token: Type.String({ minLength: 16, maxLength: 128 }) }),
        response: { 200: StatusOnly('disabled'), ...errorResponses(400, 429) },
      },
    },
    async (request) => {
      await disableByLink(deps, request.body.token, requestContext(request));
      return { status: 'disabled' as const };
    },
  );
}
