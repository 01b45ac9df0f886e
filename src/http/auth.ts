/**
 * Who is calling: a bearer token (API clients) or the HttpOnly session cookie (web app).
 *
 * Protects: session-bound endpoints and, for cookie sessions, against cross-site request forgery.
 * Invariants: a cookie-authenticated state-changing request must carry `x-csrf-token` equal (in
 * constant time) to the token derived from its session, so a cross-site request never changes state
 * even where SameSite=Strict is not honoured; bearer requests are not ambient and need no CSRF token.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { findAccountById, type AccountRow } from '../accounts/store.js';
import { authenticateSession, csrfTokenFor, revokeSession, type ActiveSession, type IssuedSession } from '../login/sessions.js';
import { frozenDetails } from '../accounts/freeze.js';
import { safeEqual } from '../platform/crypto.js';

export const SESSION_COOKIE = 'gh_session';
export const CSRF_COOKIE = 'gh_csrf';
export const DEVICE_COOKIE = 'gh_device';

export interface Caller {
  session: ActiveSession;
  account: AccountRow;
  via: 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

/** What authenticating a caller reads: the session and account tables, the clock, the CSRF key. */
type AuthDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'keys'>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function presentedToken(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ? { token: match[1], via: 'bearer' } : null;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** The caller, or null when no valid session was presented. */
export async function identifyCaller(deps: AuthDeps, request: FastifyRequest): Promise<Caller | null> {
  const presented = presentedToken(request);
  if (!presented) return null;
  const session = await authenticateSession(deps, presented.token);
  if (!session) return null;
  const account = await findAccountById(deps.db, session.accountId);
  if (!account) return null;
  return { session, account, via: presented.via };
}

/**
 * onRequest hook factory (before the body is read or validated): requires a live session (4011) of the given kind ('any' for endpoints every
 * signed-in person has, like logout) and, for cookie sessions, the CSRF token on writes.
 */
/** Marks the session guard, so that the OpenAPI document lists the 401 and 403 it can answer (session-responses.ts). */
export const SESSION_GUARD = Symbol('sessionGuard');

export function requireSession(deps: AuthDeps, kind: 'user' | 'staff' | 'any' = 'user') {
  return Object.assign(guardSession(deps, kind), { [SESSION_GUARD]: true });
}

function guardSession(deps: AuthDeps, kind: 'user' | 'staff' | 'any') {
  return async (request: FastifyRequest) => {
    const caller = await identifyCaller(deps, request);
    if (!caller) throw new AppError('UNAUTHENTICATED');
    // A login that finished between a freeze and the end of its sessions must not outlive the freeze.
    if (caller.account.frozen_type !== null) {
      await revokeSession(deps.db, caller.session.id, `frozen_${caller.account.frozen_type}`, deps.clock.nowMs());
      throw new AppError('ACCOUNT_FROZEN', { reason: caller.account.frozen_type, details: frozenDetails(caller.account.frozen_type) });
    }
    // A valid session of the other kind (a user session at a staff endpoint) lacks the permission.
    if (kind !== 'any' && caller.session.kind !== kind) throw new AppError('FORBIDDEN');
    if (caller.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(deps, caller.session.id))) {
        throw new AppError('FORBIDDEN', { reason: 'csrf_token_invalid' });
      }
    }
    request.caller = caller;
  };
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('UNAUTHENTICATED');
  return request.caller;
}

export function cookieSecure(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  return !['localhost', '127.0.0.1', '[::1]', '::1'].includes(request.hostname.replace(/:\d+$/, ''));
}

/** Web clients ask for cookie transport; API clients get the token in the body. */
export function wantsCookieSession(request: FastifyRequest): boolean {
  return request.headers['x-session-transport'] === 'cookie';
}

export function setSessionCookies(deps: Pick<Deps, 'clock' | 'keys'>, request: FastifyRequest, reply: FastifyReply, session: IssuedSession): void {
  const secure = cookieSecure(request);
  const maxAge = Math.floor((session.expiresAtMs - deps.clock.nowMs()) / 1000);
  reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge });
  // Readable by the page's script so it can echo it in x-csrf-token; worthless to another site.
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(deps, session.sessionId), { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = cookieSecure(request);
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict', secure });
}

/**
 * The per-install device id: the body's deviceId, else the device cookie. Cookie clients (the web
 * app) get one set here when missing; API clients without a deviceId get null, and are then known by
 * their User-Agent (deviceKeyFor), rather than by a cookie they would never send back.
 */
export function resolveDeviceKey(deps: Pick<Deps, 'random'>, request: FastifyRequest, reply: FastifyReply, bodyDeviceId: string | undefined): string | null {
  if (bodyDeviceId) return bodyDeviceId;
  const existing = request.cookies?.[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
  if (!wantsCookieSession(request)) return null;
  const fresh = deps.random.bytes(18).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, fresh, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(request),
    maxAge: 400 * 24 * 3600,
  });
  return fresh;
}
