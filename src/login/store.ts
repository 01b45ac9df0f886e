/**
 * The login domain's queries: devices, login history, sessions and paused flows (challenges). Each
 * function is named by what it does; every single-use or counted change is one conditional statement.
 */
import type { Selectable } from 'kysely';
import { inTransaction } from '../platform/db/transaction.js';
import type { Db, LoginChallengesTable } from '../platform/db/schema.js';

// ---- devices ----------------------------------------------------------------------------------

export async function findDeviceByKey(db: Db, accountId: string, deviceKey: string) {
  return db
    .selectFrom('devices')
    .select(['id', 'name', 'trusted', 'user_agent', 'device_key'])
    .where('account_id', '=', accountId)
    .where('device_key', '=', deviceKey)
    .executeTakeFirst();
}

export type KnownDeviceRow = NonNullable<Awaited<ReturnType<typeof findDeviceByKey>>>;

export interface DeviceSignIn {
  newId: () => string;
  accountId: string;
  deviceKey: string;
  name: string;
  userAgent: string;
  ip: string;
  country: string | null;
  nowMs: number;
}

/** Records a successful sign-in from a device; creates the device the first time. */
export async function recordDeviceSignIn(db: Db, input: DeviceSignIn): Promise<{ deviceId: string; isNew: boolean }> {
  // The common case is a device signing in again: one UPDATE, no insert attempt.
  const updated = await db
    .updateTable('devices')
    .set({ last_seen_at: input.nowMs, last_ip: input.ip, last_country: input.country, name: input.name, user_agent: input.userAgent.slice(0, 512) })
    .where('account_id', '=', input.accountId)
    .where('device_key', '=', input.deviceKey)
    .returning(['id'])
    .executeTakeFirst();
  if (updated) return { deviceId: updated.id, isNew: false };
  const id = input.newId();
  const inserted = await db
    .insertInto('devices')
    .values({
      id,
      account_id: input.accountId,
      device_key: input.deviceKey,
      name: input.name,
      user_agent: input.userAgent.slice(0, 512),
      first_seen_at: input.nowMs,
      last_seen_at: input.nowMs,
      last_ip: input.ip,
      last_country: input.country,
    })
    .onConflict((oc) => oc.columns(['account_id', 'device_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { deviceId: id, isNew: true };
  // A concurrent first sign-in from the same device inserted it a moment ago.
  return recordDeviceSignIn(db, input);
}

export async function listDeviceRows(db: Db, accountId: string) {
  return db.selectFrom('devices').selectAll().where('account_id', '=', accountId).orderBy('last_seen_at', 'desc').execute();
}

/** Forgets a device and ends its sessions, in one transaction; false when it is not this account's. */
export async function forgetDeviceAndEndItsSessions(db: Db, accountId: string, deviceId: string, nowMs: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const removed = await trx.deleteFrom('devices').where('id', '=', deviceId).where('account_id', '=', accountId).executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) return false;
    await trx
      .updateTable('sessions')
      .set({ revoked_at: nowMs, revoked_reason: 'device_revoked' })
      .where('account_id', '=', accountId)
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .execute();
    return true;
  });
}

// ---- login history ----------------------------------------------------------------------------

export interface LoginAttemptRecord {
  id: string;
  accountId: string;
  atMs: number;
  ip: string;
  country: string | null;
  deviceId: string | null;
  deviceKey?: string | null;
  deviceName: string;
  result: { code: number; reason: string | null } | null;
  flags: string[];
  riskScore?: number | null;
}

export async function recordLoginAttempt(db: Db, attempt: LoginAttemptRecord): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      id: attempt.id,
      account_id: attempt.accountId,
      at: attempt.atMs,
      ip: attempt.ip,
      country: attempt.country,
      device_id: attempt.deviceId,
      device_key: attempt.deviceKey ?? null,
      device_name: attempt.deviceName,
      result_code: attempt.result?.code ?? null,
      result_reason: attempt.result?.reason ?? null,
      flags: JSON.stringify(attempt.flags),
      risk_score: attempt.riskScore ?? null,
    })
    .execute();
}

/** One page of an account's attempts, newest first (ULIDs sort by time). */
export async function listLoginAttemptsPage(db: Db, accountId: string, limit: number, beforeId?: string) {
  let query = db.selectFrom('login_attempts').selectAll().where('account_id', '=', accountId);
  if (beforeId) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Records a successful sign-in's network and country (one row each, the latest time). */
export async function recordFootprint(db: Db, row: { accountId: string; network: string; country: string | null; nowMs: number }): Promise<void> {
  await db
    .insertInto('login_footprint')
    .values({ account_id: row.accountId, network: row.network, country: row.country ?? '', last_success_at: row.nowMs })
    .onConflict((oc) => oc.columns(['account_id', 'network', 'country']).doUpdateSet({ last_success_at: row.nowMs }))
    .execute();
}

/** The networks and countries of an account's successful sign-ins since `sinceMs` (a few rows). */
export async function successFootprint(db: Db, accountId: string, sinceMs: number) {
  return db.selectFrom('login_footprint').select(['network', 'country']).where('account_id', '=', accountId).where('last_success_at', '>', sinceMs).execute();
}

/**
 * The countries of an account's password-correct sign-ins (completed, or stopped by region or the
 * second factor) since `sinceMs`: region hopping's window, a short range of the (account, time) index.
 */
export async function passwordCorrectCountriesSince(db: Db, accountId: string, sinceMs: number): Promise<string[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select('country')
    .distinct()
    .where('account_id', '=', accountId)
    .where('at', '>', sinceMs)
    .where('country', 'is not', null)
    .where((eb) => eb.or([eb('result_code', 'is', null), eb('result_code', 'in', [4001, 4003])]))
    .execute();
  return rows.map((r) => r.country!);
}

/**
 * Since when this account and device keep failing with `code`: the earliest such failure after the
 * device's last successful sign-in (null when there is none). Support hints read it: the same error
 * for over a day (a typo in between does not end it, a sign-in does) means self-help is not working.
 */
export async function sameFailureSince(db: Db, accountId: string, deviceKey: string, code: number): Promise<number | null> {
  const other = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('account_id', '=', accountId)
    .where('device_key', '=', deviceKey)
    .where('result_code', 'is', null)
    .executeTakeFirst();
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.min('at').as('at'))
    .where('account_id', '=', accountId)
    .where('device_key', '=', deviceKey)
    .where('result_code', '=', code)
    .where('at', '>', Number(other?.at ?? 0))
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}

// ---- sessions ---------------------------------------------------------------------------------

export interface NewSessionRow {
  id: string;
  tokenHash: string;
  accountId: string;
  deviceId: string | null;
  kind: string;
  ip: string;
  nowMs: number;
  absoluteExpiresAtMs: number;
}

export async function insertSession(db: Db, row: NewSessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      token_hash: row.tokenHash,
      account_id: row.accountId,
      device_id: row.deviceId,
      kind: row.kind,
      ip: row.ip,
      created_at: row.nowMs,
      last_seen_at: row.nowMs,
      absolute_expires_at: row.absoluteExpiresAtMs,
      revoked_at: null,
      revoked_reason: null,
    })
    .execute();
}

export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'account_id', 'device_id', 'kind', 'created_at', 'last_seen_at', 'absolute_expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Slides a live session's idle window forward. */
export async function touchSession(db: Db, sessionId: string, nowMs: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: nowMs }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function endSession(db: Db, sessionId: string, reason: string, nowMs: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: nowMs, revoked_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends every live session of an account, optionally sparing one; returns how many ended. */
export async function endAccountSessions(db: Db, accountId: string, reason: string, nowMs: number, exceptSessionId?: string): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: nowMs, revoked_reason: reason }).where('account_id', '=', accountId).where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- paused flows (challenges) ------------------------------------------------------------------

export type ChallengeRow = Selectable<LoginChallengesTable>;

export interface NewChallengeRow {
  id: string;
  kind: 'device_confirmation' | '2fa';
  flow: string;
  step: string;
  accountId: string;
  audience: string;
  deviceKey: string;
  deviceName: string;
  userAgent: string;
  ip: string;
  country: string | null;
  flags: string[];
  riskScore: number | null;
  payload: Record<string, unknown>;
  tokenHash?: string;
  methods?: string[];
  createdAtMs: number;
  expiresAtMs: number;
}

export async function insertChallenge(db: Db, row: NewChallengeRow): Promise<void> {
  await db
    .insertInto('login_challenges')
    .values({
      id: row.id,
      account_id: row.accountId,
      kind: row.kind,
      flow: row.flow,
      step: row.step,
      audience: row.audience,
      device_key: row.deviceKey,
      device_name: row.deviceName,
      user_agent: row.userAgent,
      ip: row.ip,
      country: row.country,
      flags: JSON.stringify(row.flags),
      risk_score: row.riskScore,
      payload: JSON.stringify(row.payload),
      token_hash: row.tokenHash ?? null,
      methods: JSON.stringify(row.methods ?? []),
      created_at: row.createdAtMs,
      expires_at: row.expiresAtMs,
      confirmed_at: null,
      completed_at: null,
    })
    .execute();
}

export async function findChallenge(db: Db, id: string, kind: 'device_confirmation' | '2fa') {
  return db.selectFrom('login_challenges').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
}

/** The mailed device-confirmation link was opened: marks its challenge confirmed, once. */
export async function confirmChallengeByToken(db: Db, tokenHash: string, nowMs: number): Promise<boolean> {
  const row = await db
    .updateTable('login_challenges')
    .set({ confirmed_at: nowMs })
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', 'device_confirmation')
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}

/** Hands a paused flow on, once: the one caller that completes it continues the flow. */
export async function completeChallenge(db: Db, id: string, nowMs: number, requireConfirmed = false): Promise<boolean> {
  let query = db.updateTable('login_challenges').set({ completed_at: nowMs }).where('id', '=', id).where('completed_at', 'is', null);
  if (requireConfirmed) query = query.where('confirmed_at', 'is not', null);
  const row = await query.returning(['id']).executeTakeFirst();
  return row !== undefined;
}

/** Takes one of a challenge's tries in one atomic step, so parallel tries cannot exceed `maxTries`. */
export async function takeChallengeTry(db: Db, id: string, maxTries: number): Promise<boolean> {
  const row = await db
    .updateTable('login_challenges')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .where('failed_attempts', '<', maxTries)
    .where('completed_at', 'is', null)
    .returning(['failed_attempts'])
    .executeTakeFirst();
  return row !== undefined;
}
