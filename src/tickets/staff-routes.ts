/**
 * The staff side of the desk (roles support and admin): the queue, a ticket with its account context,
 * replies, resolutions, and files (identity evidence opened only here, each view audited).
 */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { requireSession } from '../http/auth.js';
import { DeviceListSchema, LoginHistorySchema, errorResponses } from '../http/schemas.js';
import { findAccountById } from '../accounts/store.js';
import { listDevices } from '../login/devices.js';
import { listLoginHistory } from '../login/history.js';
import { listRiskDecisions } from '../risk/engine.js';
import { twoFactorSummary } from '../twofactor/summary.js';
import { listAccountResets } from '../recovery/two-factor-reset-store.js';
import { withAudit } from '../staff/audit.js';
import { AccountSummarySchema, accountSummary } from '../staff/account-summary.js';
import { RiskDecisionListSchema } from '../staff/accounts-routes.js';
import { hasRole, requireRole, staffActor } from '../staff/routes.js';
import { ACTIVE_STATUSES, TICKET_STATUSES, canonicalCategory } from './categories.js';
import { addStaffReply } from './conversation.js';
import { isEvidence, readTicketFileBytes } from './evidence.js';
import { requireMessageText } from './filing.js';
import { RESOLVE_ACTIONS, resolveTicket } from './resolve.js';
import { BinarySchema, TicketFileParams, TicketIdParams, sendTicketFile } from './routes.js';
import { evidenceKindsByTicket, findTicket, findTicketFile, listTicketQueue, type TicketRow } from './store.js';
import { StaffTicketSchema, TicketSummarySchema, ticketSummary, staffTicketView } from './views.js';

const Ulid = Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' });
const IsoDate = Type.String({ format: 'date-time' });

const ResetSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Type.String(),
  createdAt: IsoDate,
  scheduledFor: IsoDate,
  cancelledAt: Type.Union([IsoDate, Type.Null()]),
  doneAt: Type.Union([IsoDate, Type.Null()]),
});

const TicketContextSchema = Type.Object({
  ticket: StaffTicketSchema,
  account: Type.Union([AccountSummarySchema, Type.Null()]),
  twoFactor: Type.Union([Type.Object({ totp: Type.Boolean(), email: Type.Boolean(), sms: Type.Boolean(), backupCodesRemaining: Type.Integer() }), Type.Null()]),
  twoFactorResets: Type.Array(ResetSchema),
  riskDecisions: RiskDecisionListSchema,
  loginHistory: LoginHistorySchema.properties.items,
  devices: DeviceListSchema,
});

async function requireTicket(deps: Pick<Deps, 'db'>, id: string): Promise<TicketRow> {
  const ticket = await findTicket(deps.db, id);
  if (!ticket) throw new AppError('NOT_FOUND');
  return ticket;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function registerTicketStaffRoutes(app: App, deps: Deps): void {
  const support = { onRequest: [requireSession(deps, 'staff'), requireRole('support')] };
  const tags = ['staff'];
  const security = [{ bearer: [] }];
  const { support: settings } = deps.config;

  app.get(
    '/api/v1/admin/tickets',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'The ticket queue, oldest first, with due times (default: open, answered and waiting_on_user)',
        querystring: Type.Object({
          status: Type.Optional(Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s)))),
          category: Type.Optional(Type.String({ maxLength: 40 })),
          limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
          cursor: Type.Optional(Ulid),
        }),
        response: {
          200: Type.Object({ items: Type.Array(TicketSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { status, cursor } = request.query;
      const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
      if (limit < 1 || limit > 200) throw new AppError('VALIDATION_FAILED', { details: { fields: { limit: 'from 1 to 200' } } });
      const category = request.query.category === undefined ? undefined : canonicalCategory(request.query.category);
      if (category === null) throw new AppError('VALIDATION_FAILED', { details: { fields: { category: 'unknown category' } } });
      const rows = await listTicketQueue(deps.db, {
        statuses: status ? [status] : ACTIVE_STATUSES,
        limit,
        ...(category ? { category } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const page = rows.slice(0, limit);
      const evidence = await evidenceKindsByTicket(
        deps.db,
        page.map((t) => t.id),
      );
      const now = deps.clock.nowMs();
      return {
        items: page.map((t) => ticketSummary(t, evidence.get(t.id) ?? new Set(), now)),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/api/v1/admin/tickets/:id',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'A ticket with its account context: freeze and reason, risk decisions and signals, login history, devices, 2FA state',
        params: TicketIdParams,
        response: { 200: TicketContextSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ticket = await requireTicket(deps, request.params.id);
      const now = deps.clock.nowMs();
      const account = ticket.account_id ? await findAccountById(deps.db, ticket.account_id) : undefined;
      const view = await staffTicketView(deps.db, ticket, now, settings.responseWorkingDays);
      if (!account) return { ticket: view, account: null, twoFactor: null, twoFactorResets: [], riskDecisions: [], loginHistory: [], devices: [] };
      const resets = await listAccountResets(deps.db, account.id);
      return {
        ticket: view,
        account: accountSummary(account, now),
        twoFactor: await twoFactorSummary(deps.db, account.id),
        twoFactorResets: resets.map((r) => ({
          id: r.id,
          status: r.status,
          ticketId: r.ticket_id,
          requestedBy: r.requested_by,
          createdAt: new Date(r.created_at).toISOString(),
          scheduledFor: new Date(r.due_at).toISOString(),
          cancelledAt: isoOrNull(r.cancelled_at),
          doneAt: isoOrNull(r.done_at),
        })),
        riskDecisions: await listRiskDecisions(deps.db, account.id),
        loginHistory: (await listLoginHistory(deps.db, account.id, { limit: 50 })).items,
        devices: await listDevices(deps.db, account.id, null),
      };
    },
  );

  app.post(
    '/api/v1/admin/tickets/:id/messages',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'Reply on a ticket; the requester is mailed in the ticket’s language',
        params: TicketIdParams,
        body: Type.Object({
          body: Type.String({ minLength: 1, maxLength: 5000 }),
          waitForUser: Type.Optional(Type.Boolean({ description: 'true: the reply asks the requester for something (status waiting_on_user)' })),
        }),
        response: { 201: Type.Object({ id: Type.String(), status: Type.String() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ticket = await requireTicket(deps, request.params.id);
      const added = await addStaffReply(deps, ticket, staffActor(request), {
        body: requireMessageText(request.body.body, 'body'),
        waitForUser: request.body.waitForUser ?? false,
      });
      return reply.code(201).send(added);
    },
  );

  app.post(
    '/api/v1/admin/tickets/:id/resolve',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'Resolve a ticket: unfreeze, schedule a 2FA reset (after a hold), set the KYC country (admin), or none',
        params: TicketIdParams,
        body: Type.Object({
          action: Type.Union(RESOLVE_ACTIONS.map((a) => Type.Literal(a))),
          identityVerified: Type.Boolean(),
          note: Type.String({ minLength: 1, maxLength: 2000, description: 'For staff and the audit log; not mailed' }),
          kycCountry: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
        }),
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.Literal('resolved'),
            action: Type.String(),
            twoFactorReset: Type.Union([Type.Object({ id: Type.String(), scheduledFor: IsoDate }), Type.Null()]),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const ticket = await requireTicket(deps, request.params.id);
      return resolveTicket(deps, ticket, request.body, staffActor(request), { isAdmin: hasRole(request, 'admin'), operator: false });
    },
  );

  app.get(
    '/api/v1/admin/tickets/:id/attachments/:fileId',
    {
      ...support,
      schema: {
        tags,
        security,
        summary: 'Download a ticket file; identity evidence is decrypted here only, and each view is audited',
        params: TicketFileParams,
        response: { 200: BinarySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ticket = await requireTicket(deps, request.params.id);
      const file = await findTicketFile(deps.db, ticket.id, request.params.fileId);
      if (!file || file.deleted_at !== null) throw new AppError('NOT_FOUND');
      if (isEvidence(file.kind)) {
        await withAudit(deps, staffActor(request), 'ticket.evidence.view', async (_trx, record) => {
          record.target = ticket.id;
          record.accountId = ticket.account_id;
          record.detail = { fileId: file.id, kind: file.kind };
        });
      }
      return sendTicketFile(reply, ticket.id, file, await readTicketFileBytes(deps, file));
    },
  );
}
