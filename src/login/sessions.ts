/**
 * Sessions: opaque bearer tokens, also carried in an HttpOnly cookie for the web app.
 *
 * Protects: account access after login. Invariants: tokens carry 256 random bits from the CSPRNG;
 * only their SHA-256 is stored, so a database leak yields no usable token; every login issues a new
 * token (no fixation); a session ends at the idle or absolute limit or when revoked server-side
 * (logout, freeze, password change, device revocation), and an ended session never comes back.
 */
import type { Deps } from '../deps.js';
import { hmacHex, sha256Hex } from '../platform/crypto.js';
import { randomToken } from '../platform/random.js';
import type { Db } from '../platform/db/schema.js';
import { endAccountSessions, endSession, findSessionByTokenHash, insertSession, touchSession } from './store.js';

export type SessionKind = 'user' | 'staff';

const TOKEN_PREFIX = 'gh_';
/** last_seen_at is refreshed at most this often; the idle limit is exact to within this. */
const TOUCH_INTERVAL_MS = 60_000;

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAtMs: number;
}

export interface ActiveSession {
  id: string;
  accountId: string;
  deviceId: string | null;
  kind: SessionKind;
  createdAtMs: number;
  absoluteExpiresAtMs: number;
  idleExpiresAtMs: number;
}

type SessionDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config'>;

export async function issueSession(
  deps: SessionDeps,
  input: { accountId: string; deviceId: string | null; kind: SessionKind; ip: string },
): Promise<IssuedSession> {
  const now = deps.clock.nowMs();
  const token = TOKEN_PREFIX + randomToken(deps.random, 32);
  const sessionId = deps.newId();
  const expiresAtMs = now + deps.config.sessions.absoluteTimeoutSeconds * 1000;
  await insertSession(deps.db, {
    id: sessionId,
    tokenHash: sha256Hex(token),
    accountId: input.accountId,
    deviceId: input.deviceId,
    kind: input.kind,
    ip: input.ip,
    nowMs: now,
    absoluteExpiresAtMs: expiresAtMs,
  });
  return { token, sessionId, expiresAtMs };
}

/** The live session for a presented token, or null; slides the idle window forward. */
export async function authenticateSession(deps: SessionDeps, token: string): Promise<ActiveSession | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 128) return null;
  const now = deps.clock.nowMs();
  const idleMs = deps.config.sessions.idleTimeoutSeconds * 1000;
  const row = await findSessionByTokenHash(deps.db, sha256Hex(token));
  if (!row || row.revoked_at !== null) return null;
  if (now >= row.absolute_expires_at || now - row.last_seen_at >= idleMs) return null;
  let lastSeen = row.last_seen_at;
  if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, row.id, now);
    lastSeen = now;
  }
  return {
    id: row.id,
    accountId: row.account_id,
    deviceId: row.device_id,
    kind: row.kind as SessionKind,
    createdAtMs: row.created_at,
    absoluteExpiresAtMs: row.absolute_expires_at,
    idleExpiresAtMs: Math.min(row.absolute_expires_at, lastSeen + idleMs),
  };
}

export function revokeSession(db: Db, sessionId: string, reason: string, nowMs: number): Promise<void> {
  return endSession(db, sessionId, reason, nowMs);
}

/** Ends every live session of an account, optionally sparing the caller's own; returns how many ended. */
export function revokeAccountSessions(db: Db, accountId: string, reason: string, nowMs: number, exceptSessionId?: string): Promise<number> {
  return endAccountSessions(db, accountId, reason, nowMs, exceptSessionId);
}

/** The CSRF token of a cookie session: derived, so nothing more is stored, and useless without the cookie. */
export function csrfTokenFor(deps: Pick<Deps, 'keys'>, sessionId: string): string {
  return hmacHex(deps.keys.csrf, sessionId).slice(0, 43);
}
