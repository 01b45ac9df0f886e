/**
 * Messages on a ticket. A requester's message puts the ticket back in the queue (open, with a new due
 * time), also after it was resolved; a staff reply is audited, mailed to the requester in the
 * ticket's language, and leaves the ticket answered (or waiting on the user when staff ask for
 * something).
 */
import { renderMail } from '../platform/mail/render.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { withAudit, type AuditActor } from '../staff/audit.js';
import type { TicketStatus } from './categories.js';
import { checkImagesFor } from './filing.js';
import { staffReplyMail, type MailLocale } from './mails.js';
import { ticketPageUrl } from './access-link.js';
import type { IncomingImage } from './multipart.js';
import { commitWithImages, writeImages } from './stored-images.js';
import { insertTicketEvent, insertTicketFiles, insertTicketMessage, moveTicket, touchTicket, type TicketRow } from './store.js';
import { addWorkingDays } from './working-days.js';

type MessageDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'keys' | 'mailer'>;

function closedTicket(): AppError {
  return new AppError('VALIDATION_FAILED', { details: { fields: { ticket: 'this ticket is closed; file a new one' } } });
}

/** The requester adds a message (and images). Returns the message id and the ticket's status after it. */
export async function addRequesterMessage(
  deps: MessageDeps,
  ticket: TicketRow,
  input: { body: string; images: IncomingImage[] },
): Promise<{ id: string; status: TicketStatus }> {
  if (ticket.status === 'closed' || ticket.status === 'awaiting_confirmation') throw closedTicket();
  checkImagesFor(ticket.category, input.images);
  const now = deps.clock.nowMs();
  const messageId = deps.newId();
  const files = await writeImages(deps, ticket.id, messageId, input.images);
  const status = await commitWithImages(deps, files, () =>
    deps.db.transaction().execute(async (trx) => {
      await insertTicketMessage(trx, { id: messageId, ticketId: ticket.id, author: 'requester', authorEmail: ticket.email, body: input.body, atMs: now });
      await insertTicketFiles(trx, files);
      if (ticket.status === 'open') {
        await touchTicket(trx, ticket.id, now);
        return 'open' as const;
      }
      // Back in the queue with a fresh due time; a resolved ticket reopens (its evidence stays).
      const moved = await moveTicket(trx, {
        id: ticket.id,
        from: [ticket.status as TicketStatus],
        to: 'open',
        nowMs: now,
        dueAtMs: addWorkingDays(now, deps.config.support.responseWorkingDays),
        closedAtMs: null,
      });
      if (!moved) throw new AppError('VALIDATION_FAILED', { details: { fields: { ticket: 'the ticket changed meanwhile; reload it' } } });
      await insertTicketEvent(trx, { id: deps.newId(), ticketId: ticket.id, atMs: now, from: ticket.status, to: 'open', actor: 'requester' });
      return 'open' as const;
    }),
  );
  return { id: messageId, status };
}

/** A staff reply: audited with the message in one transaction, then mailed to the requester. */
export async function addStaffReply(
  deps: MessageDeps,
  ticket: TicketRow,
  actor: AuditActor,
  input: { body: string; waitForUser: boolean },
): Promise<{ id: string; status: string }> {
  if (ticket.status === 'closed' || ticket.status === 'awaiting_confirmation') throw closedTicket();
  const now = deps.clock.nowMs();
  const messageId = deps.newId();
  const next: TicketStatus = ticket.status === 'resolved' ? 'resolved' : input.waitForUser ? 'waiting_on_user' : 'answered';
  await withAudit(deps, actor, 'ticket.reply', async (trx, record) => {
    await insertTicketMessage(trx, { id: messageId, ticketId: ticket.id, author: 'staff', authorEmail: actor.email, body: input.body, atMs: now });
    if (next !== ticket.status) {
      const moved = await moveTicket(trx, { id: ticket.id, from: [ticket.status as TicketStatus], to: next, nowMs: now });
      if (!moved) throw new AppError('VALIDATION_FAILED', { details: { fields: { ticket: 'the ticket changed meanwhile; reload it' } } });
      await insertTicketEvent(trx, { id: deps.newId(), ticketId: ticket.id, atMs: now, from: ticket.status, to: next, actor: actor.email });
    } else {
      await touchTicket(trx, ticket.id, now);
    }
    record.target = ticket.id;
    record.accountId = ticket.account_id;
    record.before = { status: ticket.status };
    record.after = { status: next };
    record.detail = { messageId, chars: input.body.length };
  });
  const pageUrl = ticketPageUrl(deps, ticket);
  await deps.mailer.send(renderMail(ticket.email, staffReplyMail(ticket.locale as MailLocale, { ticketId: ticket.id, body: input.body, pageUrl })));
  return { id: messageId, status: next };
}
