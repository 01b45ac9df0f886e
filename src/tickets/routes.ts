/**
 * The requester's side of the support desk: file (signed in or not), confirm by the mailed link,
 * read, reply, download own attachments, list own tickets. Registered in their own plugin scope with
 * the multipart parser, so no other route accepts multipart bodies.
 */
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { callerOf, requireSession } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { credentialEndpoint } from '../limits/http-hook.js';
import { negotiateLocale } from '../errors/lookup.js';
import { readTicketFileBytes, isEvidence } from './evidence.js';
import { TICKET_TEXT_FIELDS, confirmTicket, fileTicket, parseTicketFields, requireMessageText } from './filing.js';
import { addRequesterMessage } from './conversation.js';
import { extensionOf, type ImageType } from './image-sniff.js';
import { SupportLimits } from './limits.js';
import { UploadGate, readUpload, refuseOversizedUpload, type ReadLimits, type UploadInput } from './multipart.js';
import { findTicketFile, listAccountTickets, type TicketRow } from './store.js';
import { requesterTicket, userCaller } from './ticket-auth.js';
import { RequesterTicketSchema, requesterTicketView } from './views.js';

export const TicketIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }) });
export const TicketFileParams = Type.Object({
  id: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }),
  fileId: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }),
});
export const BinarySchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The image, as stored' });

const ticketSecurity: Array<Record<string, string[]>> = [{ ticket: [] }, { bearer: [] }];
const tags = ['tickets'];

/** Sends a stored image so that no browser renders it in our origin: sniffed type, nosniff, a download. */
export function sendTicketFile(reply: FastifyReply, ticketId: string, file: { id: string; media_type: string }, bytes: Buffer): FastifyReply {
  return reply
    .header('content-type', file.media_type)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="ticket-${ticketId}-${file.id}.${extensionOf(file.media_type as ImageType)}"`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/** Runs `read` holding one upload slot (1003 overloaded when all are taken). */
async function withUploadSlot<T>(deps: Deps, gate: UploadGate, read: () => Promise<T>): Promise<T> {
  if (!gate.tryEnter()) throw new AppError('TOO_MANY_REQUESTS', { reason: 'overloaded', retryAfterSeconds: deps.config.admission.overloadRetryAfterSeconds });
  try {
    return await read();
  } finally {
    gate.leave();
  }
}

export function ticketRoutes(deps: Deps) {
  return async (scope: App) => {
    const { support } = deps.config;
    await scope.register(multipart, {
      limits: { fileSize: support.maxFileBytes, files: support.maxAttachments + 3, parts: 30, fields: 10, fieldSize: 20_000, headerPairs: 100 },
    });
    const limits = new SupportLimits(deps);
    const gate = new UploadGate(support.maxConcurrentUploads);
    const readLimits = (textFields: readonly string[]): ReadLimits => ({
      maxAttachments: support.maxAttachments,
      maxFileBytes: support.maxFileBytes,
      textFields,
    });
    const upload = <T>(request: FastifyRequest, reply: FastifyReply, textFields: readonly string[], handle: (input: UploadInput) => Promise<T>) =>
      withUploadSlot(deps, gate, async () => handle(await readUpload(request, reply, readLimits(textFields))));

    scope.post(
      '/api/v1/tickets',
      {
        onRequest: [refuseOversizedUpload(support), async (request) => limits.admitFiling(request.ip)],
        schema: {
          tags,
          summary: 'File a support ticket (multipart/form-data; no sign-in needed)',
          description:
            'Fields: email (not when signed in), category, errorCode?, deviceModel?, occurredAt?, description. Files: attachments (images, up to 3 of 5 MB), and for account_frozen and reset_2fa idPhoto and selfie. Without a session the ticket waits for the link mailed to the address.',
          consumes: ['multipart/form-data', 'application/json'],
          security: [{}, { bearer: [] }],
          response: {
            201: Type.Object({
              id: Type.String(),
              status: Type.Union([Type.Literal('awaiting_confirmation'), Type.Literal('open')]),
              dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
            }),
            ...errorResponses(400, 413, 429),
          },
        },
      },
      async (request, reply) => {
        const caller = await userCaller(deps, request);
        const filed = await upload(request, reply, TICKET_TEXT_FIELDS, async ({ fields, images }) =>
          fileTicket(deps, limits, {
            fields: parseTicketFields(fields, caller !== null),
            images,
            account: caller?.account ?? null,
            locale: negotiateLocale(request.headers['accept-language']),
            ip: request.ip,
          }),
        );
        return reply.code(201).send({ id: filed.id, status: filed.status, dueAt: filed.dueAtMs === null ? null : new Date(filed.dueAtMs).toISOString() });
      },
    );

    scope.post(
      '/api/v1/tickets/confirm',
      {
        onRequest: credentialEndpoint(deps),
        schema: {
          tags,
          summary: 'Confirm a ticket with the token from the mailed link; answers the access token (works once)',
          body: Type.Object({ token: Type.String({ minLength: 16, maxLength: 128 }) }),
          response: {
            200: Type.Object({ id: Type.String(), status: Type.Literal('open'), accessToken: Type.String(), dueAt: Type.String({ format: 'date-time' }) }),
            ...errorResponses(400, 429),
          },
        },
      },
      async (request, reply) => {
        const confirmed = await confirmTicket(deps, request.body.token);
        reply.header('cache-control', 'no-store');
        return { id: confirmed.id, status: confirmed.status, accessToken: confirmed.accessToken, dueAt: new Date(confirmed.dueAtMs).toISOString() };
      },
    );

    scope.get(
      '/api/v1/tickets/:id',
      {
        schema: {
          tags,
          summary: 'A ticket, for its requester (Authorization: Ticket <accessToken>, or the owner’s session)',
          security: ticketSecurity,
          params: TicketIdParams,
          response: { 200: RequesterTicketSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const ticket = await requesterTicket(deps, request, request.params.id);
        return requesterTicketView(deps.db, ticket, deps.clock.nowMs(), support.responseWorkingDays);
      },
    );

    scope.post(
      '/api/v1/tickets/:id/messages',
      {
        onRequest: refuseOversizedUpload(support),
        schema: {
          tags,
          summary: 'Add a message (field body) and images to a ticket, as its requester; reopens a resolved ticket',
          consumes: ['multipart/form-data', 'application/json'],
          security: ticketSecurity,
          params: TicketIdParams,
          response: {
            201: Type.Object({ id: Type.String(), status: Type.String() }),
            ...errorResponses(400, 401, 404, 413, 429),
          },
        },
      },
      async (request, reply) => {
        const ticket: TicketRow = await requesterTicket(deps, request, request.params.id);
        await limits.admitMessage(ticket.id);
        const added = await upload(request, reply, ['body'], async ({ fields, images }) =>
          addRequesterMessage(deps, ticket, { body: requireMessageText(fields.body, 'body'), images }),
        );
        return reply.code(201).send(added);
      },
    );

    scope.get(
      '/api/v1/tickets/:id/attachments/:fileId',
      {
        schema: {
          tags,
          summary: 'Download one of your own attachments (identity evidence is never served here)',
          security: ticketSecurity,
          params: TicketFileParams,
          response: { 200: BinarySchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const ticket = await requesterTicket(deps, request, request.params.id);
        const file = await findTicketFile(deps.db, ticket.id, request.params.fileId);
        if (!file || isEvidence(file.kind) || file.deleted_at !== null) throw new AppError('NOT_FOUND');
        return sendTicketFile(reply, ticket.id, file, await readTicketFileBytes(deps, file));
      },
    );

    scope.get(
      '/api/v1/account/tickets',
      {
        onRequest: requireSession(deps),
        schema: {
          tags,
          summary: 'The signed-in user’s tickets, newest first',
          security: [{ bearer: [] }],
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.String(),
                status: Type.String(),
                category: Type.String(),
                createdAt: Type.String({ format: 'date-time' }),
                updatedAt: Type.String({ format: 'date-time' }),
                dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              }),
            ),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const rows = await listAccountTickets(deps.db, callerOf(request).account.id);
        return rows.map((t) => ({
          id: t.id,
          status: t.status,
          category: t.category,
          createdAt: new Date(t.created_at).toISOString(),
          updatedAt: new Date(t.updated_at).toISOString(),
          dueAt: t.due_at === null ? null : new Date(t.due_at).toISOString(),
        }));
      },
    );
  };
}
