/** Staff console: account lookup and context, freezes, KYC country, balances, region policy, audit. */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { callerOf, requireSession } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { findAccountByEmail, findAccountById, rolesOf, type AccountRow } from '../accounts/store.js';
import { normalizeEmail } from '../accounts/email.js';
import { freezeAccount, unfreezeAccount } from '../accounts/freeze.js';
import { listDevices } from '../login/devices.js';
import { listLoginHistory } from '../login/history.js';
import { listRiskDecisions } from '../risk/engine.js';
import { parseAmount } from '../wallet/amounts.js';
import { creditBalance } from '../wallet/store.js';
import { AmountField, AssetField } from '../wallet/routes.js';
import { recordStaffAction } from './audit.js';
import { requireRole } from './routes.js';

const AccountId = Type.Object({ id: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }) });

function summary(account: AccountRow, nowMs: number) {
  return {
    id: account.id,
    email: account.email,
    roles: rolesOf(account),
    kycCountry: account.kyc_country,
    emailVerified: account.email_verified_at !== null,
    frozen: account.frozen_type ? { type: account.frozen_type, at: new Date(account.frozen_at ?? 0).toISOString(), reason: account.frozen_reason } : false,
    securityHoldUntil: account.security_hold_until && account.security_hold_until > nowMs ? new Date(account.security_hold_until).toISOString() : null,
    createdAt: new Date(account.created_at).toISOString(),
  };
}

async function requireAccount(deps: Deps, id: string): Promise<AccountRow> {
  const account = await findAccountById(deps.db, id);
  if (!account) throw new AppError('NOT_FOUND');
  return account;
}

export function registerStaffAccountRoutes(app: App, deps: Deps): void {
  const support = { onRequest: [requireSession(deps, 'staff'), requireRole('support')] };
  const admin = { onRequest: [requireSession(deps, 'staff'), requireRole('admin')] };
  const tags = ['staff'];
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/admin/accounts',
    {
      ...support,
      schema: { tags, security, summary: 'Find an account by email', querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }) },
    },
    async (request) => {
      const account = await findAccountByEmail(deps.db, normalizeEmail(request.query.email));
      return account ? [summary(account, deps.clock.nowMs())] : [];
    },
  );

  app.get(
    '/api/v1/admin/accounts/:id',
    {
      ...support,
      schema: { tags, security, summary: 'Account context: freeze, risk decisions with their signals, login history, devices', params: AccountId },
    },
    async (request) => {
      const account = await requireAccount(deps, request.params.id);
      return {
        account: summary(account, deps.clock.nowMs()),
        riskDecisions: await listRiskDecisions(deps.db, account.id),
        loginHistory: (await listLoginHistory(deps.db, account.id, { limit: 50 })).items,
        devices: await listDevices(deps.db, account.id, null),
      };
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/freeze',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'Freeze an account (ends its sessions)',
        params: AccountId,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }),
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request) => {
      const account = await requireAccount(deps, request.params.id);
      await freezeAccount(deps, account.id, 'staff', request.body.reason);
      const actor = callerOf(request).account;
      await recordStaffAction(deps, {
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'account.freeze',
        target: account.id,
        detail: { reason: request.body.reason },
      });
      return { status: 'frozen' } as never;
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/unfreeze',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'Unfreeze with a reason; a risk freeze needs identityVerified: true',
        params: AccountId,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }), identityVerified: Type.Boolean() }),
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request) => {
      const account = await requireAccount(deps, request.params.id);
      if (account.frozen_type === 'risk' && !request.body.identityVerified) {
        throw new AppError('VALIDATION_FAILED', { details: { fields: { identityVerified: 'a risk freeze is lifted only after an identity check' } } });
      }
      await unfreezeAccount(deps, account.id);
      const actor = callerOf(request).account;
      await recordStaffAction(deps, {
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'account.unfreeze',
        target: account.id,
        detail: { reason: request.body.reason, identityVerified: request.body.identityVerified, freezeType: account.frozen_type },
      });
      return { status: 'active' } as never;
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/kyc',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Set the KYC country (admin)',
        params: AccountId,
        body: Type.Object({ kycCountry: Type.String({ pattern: '^[A-Z]{2}$' }) }),
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request) => {
      const account = await requireAccount(deps, request.params.id);
      await deps.db.updateTable('accounts').set({ kyc_country: request.body.kycCountry }).where('id', '=', account.id).execute();
      const actor = callerOf(request).account;
      await recordStaffAction(deps, {
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'account.kyc',
        target: account.id,
        detail: { from: account.kyc_country, to: request.body.kycCountry },
      });
      return { kycCountry: request.body.kycCountry } as never;
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/balances',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Credit a balance (admin)',
        params: AccountId,
        body: Type.Object({ asset: AssetField, amount: AmountField }),
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request) => {
      const account = await requireAccount(deps, request.params.id);
      const minor = parseAmount(request.body.amount);
      if (minor === null || minor === 0n) throw new AppError('VALIDATION_FAILED', { details: { fields: { amount: 'a positive decimal string' } } });
      await creditBalance(deps.db, account.id, request.body.asset, minor);
      const actor = callerOf(request).account;
      await recordStaffAction(deps, { actorId: actor.id, actorEmail: actor.email, action: 'balance.credit', target: account.id, detail: request.body });
      return { status: 'credited' } as never;
    },
  );

  app.get('/api/v1/admin/region-policy', { ...admin, schema: { tags, security, summary: 'The region policy in force (admin)' } }, async () =>
    deps.region.policy(),
  );

  app.put(
    '/api/v1/admin/region-policy',
    { ...admin, schema: { tags, security, summary: 'Replace the region policy (admin; validated, audited)', body: Type.Unknown() } },
    async (request) => {
      const before = await deps.region.policy();
      const policy = await deps.region.replace(request.body);
      const actor = callerOf(request).account;
      await recordStaffAction(deps, { actorId: actor.id, actorEmail: actor.email, action: 'region_policy.replace', detail: { before, after: policy } });
      return policy;
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Every staff action, newest first (append-only)',
        querystring: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) }),
      },
    },
    async (request) => {
      const rows = await deps.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(Math.min(500, Number(request.query.limit ?? 100)))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actor: r.actor_email,
        action: r.action,
        target: r.target,
        detail: JSON.parse(r.detail),
      }));
    },
  );
}
