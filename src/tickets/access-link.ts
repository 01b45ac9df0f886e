/**
 * A ticket's access token (`Authorization: Ticket <token>`) and the link that carries it.
 *
 * The token is derived, not stored: HMAC(ticket-access key, ticket id and confirmation time). The
 * database keeps only its SHA-256, as before, so a copy of the database opens no ticket; the server
 * can still put the token into every mail about the ticket (`/support/tickets/{id}?token=`), which is
 * how a requester who is not signed in (a frozen account, a lost phone, no account at all) gets back
 * to the ticket from another device. Tickets opened before tokens were derived keep their random
 * token; their mails link the page without it.
 */
import { createHmac } from 'node:crypto';
import type { Deps } from '../deps.js';
import { safeEqual, sha256Hex } from '../platform/crypto.js';

export const ACCESS_TOKEN_PREFIX = 'ght_';

export function ticketAccessToken(key: Buffer, ticketId: string, confirmedAtMs: number): string {
  return ACCESS_TOKEN_PREFIX + createHmac('sha256', key).update(`${ticketId}:${confirmedAtMs}`).digest('base64url');
}

/** The ticket page for its requester, with the access token when it is a derived one. */
export function ticketPageUrl(
  deps: Pick<Deps, 'config' | 'keys'>,
  ticket: { id: string; confirmed_at: number | null; access_token_hash: string | null },
): string {
  const page = `${deps.config.publicUrl}/support/tickets/${encodeURIComponent(ticket.id)}`;
  if (ticket.confirmed_at === null || ticket.access_token_hash === null) return page;
  const token = ticketAccessToken(deps.keys.ticketAccess, ticket.id, ticket.confirmed_at);
  return safeEqual(sha256Hex(token), ticket.access_token_hash) ? `${page}?token=${encodeURIComponent(token)}` : page;
}
