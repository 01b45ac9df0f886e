/**
 * Ticket rows, messages, files and status history. Every state change is one conditional UPDATE on
 * the status it expects, so a link used twice, two staff resolving at once or a sweep racing a reply
 * each change the ticket at most once.
 */
import type { Db, TicketsTable } from '../platform/db/schema.js';
import type { TicketStatus } from './categories.js';

export type TicketRow = TicketsTable;

export interface NewTicket {
  id: string;
  accountId: string | null;
  email: string;
  category: string;
  errorCode: number | null;
  deviceModel: string | null;
  occurredAtMs: number | null;
  locale: string;
  status: TicketStatus;
  filedIp: string;
  confirmTokenHash: string | null;
  confirmExpiresAtMs: number | null;
  nowMs: number;
  dueAtMs: number | null;
}

export async function insertTicket(db: Db, t: NewTicket): Promise<void> {
  await db
    .insertInto('tickets')
    .values({
      id: t.id,
      account_id: t.accountId,
      email: t.email,
      category: t.category,
      error_code: t.errorCode,
      device_model: t.deviceModel,
      occurred_at: t.occurredAtMs,
      locale: t.locale,
      status: t.status,
      filed_ip: t.filedIp,
      confirm_token_hash: t.confirmTokenHash,
      confirm_expires_at: t.confirmExpiresAtMs,
      access_token_hash: null,
      created_at: t.nowMs,
      confirmed_at: t.status === 'open' ? t.nowMs : null,
      due_at: t.dueAtMs,
      updated_at: t.nowMs,
      closed_at: null,
      resolution: null,
    })
    .execute();
}

export async function findTicket(db: Db, id: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTicketByConfirmToken(db: Db, tokenHash: string) {
  return db.selectFrom('tickets').select(['id', 'email']).where('confirm_token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Uses a confirmation link: one conditional UPDATE, so of any number of parallel uses exactly one
 * opens the ticket (and gets its access token). Returns the ticket, or undefined when the link is
 * unknown, used or expired.
 */
export async function consumeConfirmToken(
  db: Db,
  input: { id: string; tokenHash: string; accessTokenHash: string; accountId: string | null; nowMs: number; dueAtMs: number },
) {
  return db
    .updateTable('tickets')
    .set({
      status: 'open',
      confirmed_at: input.nowMs,
      updated_at: input.nowMs,
      due_at: input.dueAtMs,
      access_token_hash: input.accessTokenHash,
      account_id: input.accountId,
    })
    .where('id', '=', input.id)
    .where('confirm_token_hash', '=', input.tokenHash)
    .where('status', '=', 'awaiting_confirmation')
    .where('confirm_expires_at', '>', input.nowMs)
    .returning(['id', 'due_at', 'locale'])
    .executeTakeFirst();
}

/** Moves a ticket from one of `from` to `to`; false when it was in none of them (someone else moved it). */
export async function moveTicket(
  db: Db,
  input: {
    id: string;
    from: readonly TicketStatus[];
    to: TicketStatus;
    nowMs: number;
    dueAtMs?: number | null;
    closedAtMs?: number | null;
    resolution?: string | null;
  },
): Promise<boolean> {
  const row = await db
    .updateTable('tickets')
    .set({
      status: input.to,
      updated_at: input.nowMs,
      ...(input.dueAtMs !== undefined ? { due_at: input.dueAtMs } : {}),
      ...(input.closedAtMs !== undefined ? { closed_at: input.closedAtMs } : {}),
      ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
    })
    .where('id', '=', input.id)
    .where('status', 'in', [...input.from])
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function touchTicket(db: Db, id: string, nowMs: number): Promise<void> {
  await db.updateTable('tickets').set({ updated_at: nowMs }).where('id', '=', id).execute();
}

export async function insertTicketEvent(db: Db, e: { id: string; ticketId: string; atMs: number; from: string | null; to: string; actor: string }) {
  await db.insertInto('ticket_events').values({ id: e.id, ticket_id: e.ticketId, at: e.atMs, from_status: e.from, to_status: e.to, actor: e.actor }).execute();
}

export async function insertTicketMessage(
  db: Db,
  m: { id: string; ticketId: string; author: 'requester' | 'staff'; authorEmail: string; body: string; atMs: number },
) {
  await db
    .insertInto('ticket_messages')
    .values({ id: m.id, ticket_id: m.ticketId, author: m.author, author_email: m.authorEmail, body: m.body, created_at: m.atMs })
    .execute();
}

export interface NewTicketFile {
  id: string;
  ticketId: string;
  messageId: string;
  kind: 'attachment' | 'id_photo' | 'selfie';
  mediaType: string;
  sizeBytes: number;
  storageName: string;
  sealed: boolean;
  atMs: number;
}

export async function insertTicketFiles(db: Db, files: NewTicketFile[]): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto('ticket_files')
    .values(
      files.map((f) => ({
        id: f.id,
        ticket_id: f.ticketId,
        message_id: f.messageId,
        kind: f.kind,
        media_type: f.mediaType,
        size_bytes: f.sizeBytes,
        storage_name: f.storageName,
        sealed: f.sealed ? 1 : 0,
        created_at: f.atMs,
        deleted_at: null,
      })),
    )
    .execute();
}

export async function listTicketMessages(db: Db, ticketId: string) {
  return db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function listTicketFiles(db: Db, ticketId: string) {
  return db.selectFrom('ticket_files').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function findTicketFile(db: Db, ticketId: string, fileId: string) {
  return db.selectFrom('ticket_files').selectAll().where('ticket_id', '=', ticketId).where('id', '=', fileId).executeTakeFirst();
}

export async function listTicketEvents(db: Db, ticketId: string) {
  return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function listAccountTickets(db: Db, accountId: string, limit = 100) {
  return db.selectFrom('tickets').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
}

/** The staff queue: oldest first, paged by id (ULIDs sort by filing time). */
export async function listTicketQueue(db: Db, filter: { statuses: readonly string[]; category?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('tickets')
    .selectAll()
    .where('status', 'in', [...filter.statuses]);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.cursor) query = query.where('id', '>', filter.cursor);
  return query
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

/** Which evidence each ticket holds (live files only), for queue rows. */
export async function evidenceKindsByTicket(db: Db, ticketIds: string[]): Promise<Map<string, Set<string>>> {
  const byTicket = new Map<string, Set<string>>();
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .selectFrom('ticket_files')
    .select(['ticket_id', 'kind'])
    .where('ticket_id', 'in', ticketIds)
    .where('kind', 'in', ['id_photo', 'selfie'])
    .where('deleted_at', 'is', null)
    .execute();
  for (const row of rows) {
    const kinds = byTicket.get(row.ticket_id) ?? new Set<string>();
    kinds.add(row.kind);
    byTicket.set(row.ticket_id, kinds);
  }
  return byTicket;
}

/** Closes tickets whose confirmation link ran out unused; returns their ids. */
export async function closeUnconfirmedTickets(db: Db, nowMs: number): Promise<string[]> {
  const rows = await db
    .updateTable('tickets')
    .set({ status: 'closed', closed_at: nowMs, updated_at: nowMs, confirm_token_hash: null })
    .where('status', '=', 'awaiting_confirmation')
    .where('confirm_expires_at', '<=', nowMs)
    .returning(['id'])
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Files the retention rules say must go: identity evidence of tickets resolved or closed before
 * `evidenceCutoffMs`, and every file of a ticket that was never confirmed (nobody will ever read it).
 */
export async function listFilesDueForDeletion(db: Db, evidenceCutoffMs: number, limit: number) {
  return db
    .selectFrom('ticket_files')
    .innerJoin('tickets', 'tickets.id', 'ticket_files.ticket_id')
    .select(['ticket_files.id', 'ticket_files.ticket_id', 'ticket_files.kind', 'ticket_files.storage_name', 'tickets.account_id', 'tickets.closed_at'])
    .where('ticket_files.deleted_at', 'is', null)
    .where('tickets.closed_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('ticket_files.kind', 'in', ['id_photo', 'selfie']), eb('tickets.closed_at', '<=', evidenceCutoffMs)]),
        eb('tickets.confirmed_at', 'is', null),
      ]),
    )
    .orderBy('ticket_files.id')
    .limit(limit)
    .execute();
}

/** Marks a file deleted; false when another process already did. */
export async function markTicketFileDeleted(db: Db, fileId: string, nowMs: number): Promise<boolean> {
  const row = await db
    .updateTable('ticket_files')
    .set({ deleted_at: nowMs })
    .where('id', '=', fileId)
    .where('deleted_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}
