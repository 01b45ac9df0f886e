/**
 * Who may see a ticket: its requester, with `Authorization: Ticket <accessToken>` (from the
 * confirmation) or the session of the account the ticket belongs to; staff use the admin routes.
 *
 * Protects: tickets (and the accounts they describe) from everyone else. Invariants: the access
 * token is compared as a SHA-256 in constant time; a wrong token, another account's session or an
 * unknown id all answer the same 4013, so ticket ids cannot be probed; a cookie session needs the
 * CSRF header on writes, as everywhere; a staff session is not a requester.
 */
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { identifyCaller, type Caller } from '../http/auth.js';
import { csrfTokenFor } from '../login/sessions.js';
import { safeEqual } from '../platform/crypto.js';
import { hashAccessToken } from './filing.js';
import { findTicket, type TicketRow } from './store.js';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A user session presented with this request (bearer, or cookie with a valid CSRF header on writes), or null. */
export async function userCaller(deps: Deps, request: FastifyRequest): Promise<Caller | null> {
  const caller = await identifyCaller(deps, request);
  if (caller?.session.kind !== 'user') return null;
  if (caller.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(deps, caller.session.id))) return null;
  }
  return caller;
}

/** The ticket, if this request may act as its requester; otherwise 4011 (no credential) or 4013. */
export async function requesterTicket(deps: Deps, request: FastifyRequest, ticketId: string): Promise<TicketRow> {
  const header = request.headers.authorization;
  const ticketToken = header ? /^Ticket\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (ticketToken !== undefined) {
    const presented = hashAccessToken(ticketToken);
    const ticket = await findTicket(deps.db, ticketId);
    if (!presented || !ticket?.access_token_hash || !safeEqual(presented, ticket.access_token_hash)) throw new AppError('NOT_FOUND');
    return ticket;
  }
  const caller = await userCaller(deps, request);
  if (!caller) throw new AppError('UNAUTHENTICATED');
  const ticket = await findTicket(deps.db, ticketId);
  if (!ticket || ticket.account_id !== caller.account.id) throw new AppError('NOT_FOUND');
  return ticket;
}
