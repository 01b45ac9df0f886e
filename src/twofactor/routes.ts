import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { callerOf, requireSession } from '../http/auth.js';
import { requestContext } from '../http/context.js';
import { PasswordField, errorResponses } from '../http/schemas.js';
import { disableTotp, enableTotp, regenerateBackupCodes, setupTotp } from './enrollment.js';
import { setEmailCodes, setSmsPhone } from './channels.js';
import { sendStepUpCode } from './step-up.js';

const SecondFactorCode = Type.String({ minLength: 6, maxLength: 32, description: 'A TOTP code or a backup code' });
const BackupCodes = Type.Object({ backupCodes: Type.Array(Type.String(), { minItems: 8, maxItems: 8 }) });
const CodeFlow = Type.Object({ status: Type.Union([Type.Literal('code_sent'), Type.Literal('enabled'), Type.Literal('disabled')]) });

export function registerTwoFactorRoutes(app: App, deps: Deps): void {
  const signedIn = { onRequest: requireSession(deps, 'any') };
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/account/2fa/totp/setup',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary: 'Start (or rebind) an authenticator app: password, plus a current code when one is already on',
        security,
        body: Type.Object({ password: PasswordField, code: Type.Optional(SecondFactorCode) }),
        response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrSvg: Type.String() }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return setupTotp(deps, callerOf(request).account, request.body, requestContext(request));
    },
  );

  app.post(
    '/api/v1/account/2fa/totp/enable',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary: 'Confirm the new authenticator with a code; returns the 8 backup codes, shown once',
        security,
        body: Type.Object({ code: Type.String({ pattern: '^\\s*[0-9]{6}\\s*$' }) }),
        response: { 200: BackupCodes, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return enableTotp(deps, callerOf(request).account, request.body, requestContext(request));
    },
  );

  app.post(
    '/api/v1/account/2fa/totp/disable',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary: 'Turn the authenticator off (password and a current code)',
        security,
        body: Type.Object({ password: PasswordField, code: SecondFactorCode }),
        response: { 200: Type.Object({ status: Type.Literal('disabled') }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      await disableTotp(deps, callerOf(request).account, request.body, requestContext(request));
      return { status: 'disabled' as const };
    },
  );

  app.post(
    '/api/v1/account/2fa/backup-codes',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary: 'Replace all backup codes (a current code required); the old ones stop working',
        security,
        body: Type.Object({ code: SecondFactorCode }),
        response: { 200: BackupCodes, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return regenerateBackupCodes(deps, callerOf(request).account, request.body, requestContext(request));
    },
  );

  app.post(
    '/api/v1/account/2fa/email',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary:
          'Email codes as a backup method: the first call carries the current second factor (`twoFactorCode`; the password when the account has none) and mails a code; the second carries that `code` and applies the change',
        security,
        body: Type.Object({
          enabled: Type.Boolean(),
          code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
          password: Type.Optional(PasswordField),
          twoFactorCode: Type.Optional(SecondFactorCode),
        }),
        response: { 200: CodeFlow, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      return setEmailCodes(deps, callerOf(request).account, request.body, requestContext(request));
    },
  );

  app.post(
    '/api/v1/account/2fa/sms',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary:
          'SMS codes as a backup method: `{phone}` with the current second factor (`twoFactorCode`; the password when the account has none) sends a code to it, `{phone, code}` verifies and turns SMS on',
        security,
        body: Type.Object({
          phone: Type.String({ minLength: 6, maxLength: 64 }),
          code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
          password: Type.Optional(PasswordField),
          twoFactorCode: Type.Optional(SecondFactorCode),
        }),
        response: { 200: CodeFlow, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      return setSmsPhone(deps, callerOf(request).account, request.body, requestContext(request));
    },
  );

  app.post(
    '/api/v1/account/2fa/step-up-code',
    {
      ...signedIn,
      schema: {
        tags: ['two-factor'],
        summary:
          'Send a one-time code by email or SMS to confirm a sensitive action (a withdrawal, a second-factor change) as `twoFactorCode`: for accounts whose second factor is email or SMS codes',
        security,
        body: Type.Object({ method: Type.Union([Type.Literal('email'), Type.Literal('sms')]) }),
        response: { 202: Type.Object({ status: Type.Literal('code_sent') }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await sendStepUpCode(deps, callerOf(request).account, request.body.method);
      return reply.code(202).send({ status: 'code_sent' as const });
    },
  );
}
