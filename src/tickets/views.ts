/**
 * What a ticket looks like to its requester and to staff. The requester's view never lists identity
 * evidence files (only whether each was received); staff see every file, evidence included.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../platform/db/schema.js';
import { asksForEvidence } from './categories.js';
import { isEvidence } from './evidence.js';
import { listTicketEvents, listTicketFiles, listTicketMessages, type TicketRow } from './store.js';

const IsoDate = Type.String({ format: 'date-time' });
const NullableDate = Type.Union([IsoDate, Type.Null()]);

const FileSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('attachment'), Type.Literal('id_photo'), Type.Literal('selfie')]),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  deleted: Type.Boolean(),
});

const MessageSchema = Type.Object({
  id: Type.String(),
  from: Type.Union([Type.Literal('requester'), Type.Literal('support')]),
  body: Type.String(),
  createdAt: IsoDate,
  attachments: Type.Array(FileSchema),
});

const EvidenceSchema = Type.Object({
  requested: Type.Boolean({ description: 'account_frozen and reset_2fa tickets ask for an ID photo and a selfie' }),
  idPhoto: Type.Boolean(),
  selfie: Type.Boolean(),
});

const TicketCoreSchema = {
  id: Type.String(),
  status: Type.String(),
  category: Type.String(),
  errorCode: Type.Union([Type.Integer(), Type.Null()]),
  deviceModel: Type.Union([Type.String(), Type.Null()]),
  occurredAt: NullableDate,
  createdAt: IsoDate,
  updatedAt: IsoDate,
  dueAt: NullableDate,
  expectedResponseWorkingDays: Type.Integer(),
  overdue: Type.Boolean(),
  evidence: EvidenceSchema,
  messages: Type.Array(MessageSchema),
  history: Type.Array(Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.String(), at: IsoDate, by: Type.String() })),
};

export const RequesterTicketSchema = Type.Object(TicketCoreSchema);

export const StaffTicketSchema = Type.Object({
  ...TicketCoreSchema,
  email: Type.String(),
  accountId: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  filedIp: Type.String(),
  confirmedAt: NullableDate,
  closedAt: NullableDate,
  resolution: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const TicketSummarySchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  category: Type.String(),
  email: Type.String(),
  accountId: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  dueAt: NullableDate,
  overdue: Type.Boolean(),
  evidence: EvidenceSchema,
});

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function isOverdue(ticket: Pick<TicketRow, 'status' | 'due_at'>, nowMs: number): boolean {
  return ticket.status === 'open' && ticket.due_at !== null && nowMs > ticket.due_at;
}

export function evidenceOf(category: string, kinds: Set<string>) {
  return { requested: asksForEvidence(category), idPhoto: kinds.has('id_photo'), selfie: kinds.has('selfie') };
}

export function ticketSummary(ticket: TicketRow, kinds: Set<string>, nowMs: number) {
  return {
    id: ticket.id,
    status: ticket.status,
    category: ticket.category,
    email: ticket.email,
    accountId: ticket.account_id,
    createdAt: iso(ticket.created_at),
    updatedAt: iso(ticket.updated_at),
    dueAt: isoOrNull(ticket.due_at),
    overdue: isOverdue(ticket, nowMs),
    evidence: evidenceOf(ticket.category, kinds),
  };
}

/** The full ticket: messages with their files, status history. `audience` decides what files show. */
async function ticketCore(db: Db, ticket: TicketRow, audience: 'requester' | 'staff', nowMs: number, workingDays: number) {
  const [messages, files, events] = await Promise.all([listTicketMessages(db, ticket.id), listTicketFiles(db, ticket.id), listTicketEvents(db, ticket.id)]);
  const liveEvidence = new Set(files.filter((f) => isEvidence(f.kind) && f.deleted_at === null).map((f) => f.kind));
  const visible = audience === 'staff' ? files : files.filter((f) => !isEvidence(f.kind));
  const core = {
    id: ticket.id,
    status: ticket.status,
    category: ticket.category,
    errorCode: ticket.error_code,
    deviceModel: ticket.device_model,
    occurredAt: isoOrNull(ticket.occurred_at),
    createdAt: iso(ticket.created_at),
    updatedAt: iso(ticket.updated_at),
    dueAt: isoOrNull(ticket.due_at),
    expectedResponseWorkingDays: workingDays,
    overdue: isOverdue(ticket, nowMs),
    evidence: evidenceOf(ticket.category, liveEvidence),
    messages: messages.map((m) => ({
      id: m.id,
      from: m.author === 'staff' ? ('support' as const) : ('requester' as const),
      body: m.body,
      createdAt: iso(m.created_at),
      attachments: visible
        .filter((f) => f.message_id === m.id)
        .map((f) => ({
          id: f.id,
          kind: f.kind as 'attachment' | 'id_photo' | 'selfie',
          mediaType: f.media_type,
          sizeBytes: f.size_bytes,
          deleted: f.deleted_at !== null,
        })),
    })),
    // Staff names stay inside the desk: the requester sees "support".
    history: events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      at: iso(e.at),
      by: audience === 'staff' || e.actor === 'requester' || e.actor === 'system' ? e.actor : 'support',
    })),
  };
  return core;
}

export function requesterTicketView(db: Db, ticket: TicketRow, nowMs: number, workingDays: number) {
  return ticketCore(db, ticket, 'requester', nowMs, workingDays);
}

export async function staffTicketView(db: Db, ticket: TicketRow, nowMs: number, workingDays: number) {
  return {
    ...(await ticketCore(db, ticket, 'staff', nowMs, workingDays)),
    email: ticket.email,
    accountId: ticket.account_id,
    locale: ticket.locale,
    filedIp: ticket.filed_ip,
    confirmedAt: isoOrNull(ticket.confirmed_at),
    closedAt: isoOrNull(ticket.closed_at),
    resolution: ticket.resolution === null ? null : (JSON.parse(ticket.resolution) as Record<string, unknown>),
  };
}
