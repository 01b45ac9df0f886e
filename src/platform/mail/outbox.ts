/**
 * The outbox: every mail and SMS is first a row here, written in the same request that decided to
 * send it. Without SMTP it stays here for the dev mailbox; with SMTP a delivery loop sends it and
 * purges the body, so a crash between "decided" and "sent" loses nothing and codes do not linger.
 */
import type { Db } from '../db/schema.js';
import type { Clock } from '../clock.js';
import type { IdFactory } from '../ids.js';

export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  to: string;
  channel: Channel;
  subject: string;
  text: string;
  /** The HTML part of an email (same content as `text`). */
  html?: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>;
}

export interface OutboxItem {
  to: string;
  channel: Channel;
  subject: string;
  text: string;
  createdAt: string;
}

export function createOutboxMailer(db: Db, clock: Clock, newId: IdFactory): Mailer {
  return {
    async send(message) {
      const now = clock.nowMs();
      await db
        .insertInto('outbox')
        .values({
          id: newId(),
          recipient: message.to,
          channel: message.channel,
          subject: message.subject,
          body: message.text,
          html: message.html ?? null,
          created_at: now,
          sent_at: null,
          next_attempt_at: now,
          last_error: null,
        })
        .execute();
    },
  };
}

/** Newest first; for the dev mailbox only (GATEHOUSE_DEV=1). */
export async function listOutboxFor(db: Db, recipient: string, limit = 50): Promise<OutboxItem[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['recipient', 'channel', 'subject', 'body', 'created_at'])
    .where('recipient', '=', recipient)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    to: r.recipient,
    channel: r.channel as Channel,
    subject: r.subject,
    text: r.body,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Claims up to `limit` due messages for delivery by pushing their next attempt into the future in one
 * statement per row, so that two server processes never send the same message.
 */
export async function claimDueMessages(db: Db, channel: Channel, nowMs: number, leaseMs: number, limit: number) {
  const due = await db
    .selectFrom('outbox')
    .select(['id'])
    .where('channel', '=', channel)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', nowMs)
    .where('attempts', '<', 10)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const claimed = [];
  for (const { id } of due) {
    const row = await db
      .updateTable('outbox')
      .set((eb) => ({ next_attempt_at: nowMs + leaseMs, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '<=', nowMs)
      .returning(['id', 'recipient', 'channel', 'subject', 'body', 'html', 'attempts'])
      .executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

export async function markMessageSent(db: Db, id: string, nowMs: number): Promise<void> {
  await db.updateTable('outbox').set({ sent_at: nowMs, body: '', html: null, last_error: null }).where('id', '=', id).execute();
}

export async function markMessageFailed(db: Db, id: string, retryAtMs: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: retryAtMs, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}
