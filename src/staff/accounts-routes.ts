/** Staff console: account lookup and context, freezes, KYC country, balances, region policy, audit. */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { requireSession } from '../http/auth.js';
import { DeviceListSchema, LoginHistorySchema, StatusOnly, errorResponses } from '../http/schemas.js';
import { findAccountByEmail, findAccountById, type AccountRow } from '../accounts/store.js';
import { deskRefusal } from './desk-target.js';
import { normalizeEmail } from '../accounts/email.js';
import { freezeAccount, liftFreeze } from '../accounts/freeze.js';
import { listDevices } from '../login/devices.js';
import { listLoginHistory } from '../login/history.js';
import { listRiskDecisions } from '../risk/engine.js';
import { RegionPolicySchema } from '../region/policy.js';
import { parseAmount } from '../wallet/amounts.js';
import { AmountField, AssetField } from '../wallet/routes.js';
import { withAudit, type AuditActor } from './audit.js';
import { decideCredit, listPendingCredits, requestCredit } from './credits.js';
import { listAuditRows } from './audit-store.js';
import { AccountSummarySchema, accountSummary, freezeState } from './account-summary.js';
import { requireRole, staffActor } from './routes.js';
import { setKycCountry } from './store.js';

export const AccountIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }) });
/** Two letters in any case; stored upper-case (the CLI's rule too). */
export const KycCountryField = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2, any case' });

export const RiskDecisionListSchema = Type.Array(
  Type.Object({
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    context: Type.String(),
    score: Type.Integer(),
    action: Type.String(),
    signals: Type.Array(Type.Object({ rule: Type.String(), score: Type.Number(), explanation: Type.String() })),
  }),
);

const CreditSchema = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  asset: Type.String(),
  amount: Type.String(),
  reason: Type.String(),
  requestedBy: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const AuditItemSchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  accountId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

const Ulid = Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' });

const AuditQuery = Type.Object({
  account: Type.Optional(Ulid),
  target: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  action: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?$', maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  cursor: Type.Optional(Ulid),
});

export async function requireAccount(deps: Pick<Deps, 'db'>, id: string): Promise<AccountRow> {
  const account = await findAccountById(deps.db, id);
  if (!account) throw new AppError('NOT_FOUND');
  return account;
}

/** The account of a console desk action: 4012 for a staff account or the actor's own (desk-target.ts). */
async function requireDeskTarget(deps: Pick<Deps, 'db'>, actor: AuditActor, id: string): Promise<AccountRow> {
  const account = await requireAccount(deps, id);
  if (deskRefusal(account, actor.id) !== null) throw new AppError('FORBIDDEN');
  return account;
}

function dateParam(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_FAILED', { details: { fields: { [field]: 'invalid date-time' } } });
  return ms;
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
      schema: {
        tags,
        security,
        summary: 'Find an account by email',
        querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }),
        response: { 200: Type.Array(AccountSummarySchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const account = await findAccountByEmail(deps.db, normalizeEmail(request.query.email));
      return account ? [accountSummary(account, deps.clock.nowMs())] : [];
    },
  );

  app.get(
    '/api/v1/admin/accounts/:id',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'Account context: freeze, risk decisions with their signals, login history, devices',
        params: AccountIdParams,
        response: {
          200: Type.Object({
            account: AccountSummarySchema,
            riskDecisions: RiskDecisionListSchema,
            loginHistory: LoginHistorySchema.properties.items,
            devices: DeviceListSchema,
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const account = await requireAccount(deps, request.params.id);
      return {
        account: accountSummary(account, deps.clock.nowMs()),
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
        params: AccountIdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }),
        response: { 200: StatusOnly('frozen'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const account = await requireDeskTarget(deps, staffActor(request), request.params.id);
      const { reason } = request.body;
      await withAudit(deps, staffActor(request), 'account.freeze', async (trx, record) => {
        const froze = await freezeAccount({ db: trx, clock: deps.clock }, account.id, 'staff', reason);
        record.accountId = account.id;
        record.before = freezeState(account);
        record.after = froze ? { frozen: 'staff', reason } : freezeState(account);
        record.detail = { reason };
      });
      return { status: 'frozen' as const };
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
        params: AccountIdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }), identityVerified: Type.Boolean() }),
        response: { 200: StatusOnly('active'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const account = await requireDeskTarget(deps, staffActor(request), request.params.id);
      const { reason, identityVerified } = request.body;
      await withAudit(deps, staffActor(request), 'account.unfreeze', async (trx, record) => {
        // Checked and lifted again inside the transaction: a risk freeze may have landed meanwhile.
        const before = (await liftFreeze({ db: trx }, account.id, identityVerified)) ?? account;
        record.accountId = account.id;
        record.before = freezeState(before);
        record.after = { frozen: null, reason: null };
        record.detail = { reason, identityVerified, freezeType: before.frozen_type };
      });
      return { status: 'active' as const };
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/kyc',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Set the KYC country (admin; any case, stored upper-case)',
        params: AccountIdParams,
        body: Type.Object({ kycCountry: KycCountryField }),
        response: { 200: Type.Object({ kycCountry: Type.String() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const account = await requireDeskTarget(deps, staffActor(request), request.params.id);
      const kycCountry = request.body.kycCountry.toUpperCase();
      await withAudit(deps, staffActor(request), 'account.kyc', async (trx, record) => {
        await setKycCountry(trx, account.id, kycCountry);
        record.accountId = account.id;
        record.before = { kycCountry: account.kyc_country };
        record.after = { kycCountry };
        record.detail = { from: account.kyc_country, to: kycCountry };
      });
      return { kycCountry };
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/balances',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Credit a balance (admin). Above `staff.creditApprovalAbove` for the asset the credit waits for a second admin (202)',
        params: AccountIdParams,
        body: Type.Object({ asset: AssetField, amount: AmountField, reason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })) }),
        response: {
          200: StatusOnly('credited'),
          202: Type.Object({ status: Type.Literal('pending_approval'), creditId: Type.String() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const account = await requireDeskTarget(deps, staffActor(request), request.params.id);
      const minor = parseAmount(request.body.amount);
      if (minor === null || minor === 0n) throw new AppError('VALIDATION_FAILED', { details: { fields: { amount: 'a positive decimal string' } } });
      const actor = staffActor(request);
      const result = await requestCredit(
        deps,
        { ...actor, id: actor.id! },
        { accountId: account.id, asset: request.body.asset, amountMinor: minor, reason: request.body.reason ?? '' },
      );
      return result.status === 'credited' ? result : reply.code(202).send(result);
    },
  );

  app.get(
    '/api/v1/admin/balance-credits',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Credits waiting for a second admin (admin), oldest first',
        response: { 200: Type.Array(CreditSchema), ...errorResponses(401, 403) },
      },
    },
    async () => listPendingCredits(deps),
  );

  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/v1/admin/balance-credits/:id/${verb}`,
      {
        ...admin,
        schema: {
          tags,
          security,
          summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a pending credit (admin; not the one who asked for it)`,
          params: AccountIdParams,
          response: { 200: CreditSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        return decideCredit(deps, { ...actor, id: actor.id! }, request.params.id, decision);
      },
    );
  }

  app.get(
    '/api/v1/admin/region-policy',
    { ...admin, schema: { tags, security, summary: 'The region policy in force (admin)', response: { 200: RegionPolicySchema, ...errorResponses(401, 403) } } },
    async () => deps.region.policy(),
  );

  app.put(
    '/api/v1/admin/region-policy',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Replace the region policy (admin; validated, audited)',
        body: Type.Unknown(),
        response: { 200: RegionPolicySchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const before = await deps.region.policy();
      return withAudit(deps, staffActor(request), 'region_policy.replace', async (trx, record) => {
        const policy = await deps.region.replace(request.body, trx);
        record.before = before;
        record.after = policy;
        return policy;
      });
    },
  );

  app.delete(
    '/api/v1/admin/region-policy',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: "Reset the region policy to the configuration's (admin; audited); answers the policy now in force",
        response: { 200: RegionPolicySchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const before = await deps.region.policy();
      return withAudit(deps, staffActor(request), 'region_policy.reset', async (trx, record) => {
        const policy = await deps.region.reset(trx);
        record.before = before;
        record.after = policy;
        return policy;
      });
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'The audit log, newest first, filtered and paged (append-only)',
        querystring: AuditQuery,
        response: {
          200: Type.Object({ items: Type.Array(AuditItemSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit === undefined ? 100 : Number(q.limit);
      if (limit < 1 || limit > 500) throw new AppError('VALIDATION_FAILED', { details: { fields: { limit: 'from 1 to 500' } } });
      const actor = q.actor?.includes('@') ? normalizeEmail(q.actor) : q.actor;
      return listAuditRows(deps.db, {
        limit,
        ...(q.account ? { accountId: q.account } : {}),
        ...(q.target ? { target: q.target } : {}),
        ...(actor ? { actor } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.from ? { fromMs: dateParam(q.from, 'from')! } : {}),
        ...(q.to ? { toMs: dateParam(q.to, 'to')! } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  );
}
