/** Account rows: lookups and the few writes the account lifecycle needs, each named by intent. */
import { inTransaction } from '../platform/db/transaction.js';
import type { Db } from '../platform/db/schema.js';

export async function findAccountByEmail(db: Db, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAccountById(db: Db, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountById>>>;

/** Inserts an account; returns false when the email is already taken (a concurrent registration). */
export async function insertAccount(
  db: Db,
  row: { id: string; email: string; passwordHash: string; nowMs: number; roles?: string; verified?: boolean; locale?: string },
): Promise<boolean> {
  const result = await db
    .insertInto('accounts')
    .values({
      id: row.id,
      email: row.email,
      password_hash: row.passwordHash,
      email_verified_at: row.verified ? row.nowMs : null,
      roles: row.roles ?? '',
      kyc_country: null,
      frozen_type: null,
      frozen_at: null,
      security_hold_until: null,
      password_changed_at: row.nowMs,
      created_at: row.nowMs,
      confirm_new_devices_until: null,
      region_hop_until: null,
      frozen_reason: null,
      locale: row.locale ?? 'en',
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** A repeated registration of a still-unverified address takes the newest password. */
export async function replaceUnverifiedPassword(db: Db, accountId: string, passwordHash: string, nowMs: number, locale: string) {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, password_changed_at: nowMs, locale })
    .where('id', '=', accountId)
    .where('email_verified_at', 'is', null)
    .execute();
}

/** Marks the address verified with the password bound to the code; false if it already was. */
export async function markEmailVerified(db: Db, email: string, passwordHash: string, nowMs: number): Promise<boolean> {
  const row = await db
    .updateTable('accounts')
    .set({ email_verified_at: nowMs, password_hash: passwordHash, password_changed_at: nowMs })
    .where('email', '=', email)
    .where('email_verified_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}

/** The password this account used before its current one, for the `old_password` hint. */
export async function findPreviousPasswordHash(db: Db, accountId: string): Promise<{ hash: string; retiredAt: number } | null> {
  const row = await db
    .selectFrom('password_history')
    .select(['password_hash', 'retired_at'])
    .where('account_id', '=', accountId)
    .orderBy('retired_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { hash: row.password_hash, retiredAt: row.retired_at } : null;
}

export function rolesOf(account: { roles: string }): string[] {
  return account.roles.split(',').filter((r) => r.length > 0);
}

/** After the account-wide failure ceiling: new devices need email confirmation until `untilMs`. */
export async function requireDeviceConfirmationUntil(db: Db, accountId: string, untilMs: number): Promise<void> {
  await db.updateTable('accounts').set({ confirm_new_devices_until: untilMs }).where('id', '=', accountId).execute();
}

/** Upgrades a hash to the current parameters (same password), unless it changed meanwhile. */
export async function replacePasswordHash(db: Db, accountId: string, oldHash: string, newHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: newHash }).where('id', '=', accountId).where('password_hash', '=', oldHash).execute();
}

/** Pauses withdrawals (and other held functions) until at least `untilMs`; never shortens a hold. */
export async function extendSecurityHold(db: Db, accountId: string, untilMs: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ security_hold_until: untilMs })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('security_hold_until', 'is', null), eb('security_hold_until', '<', untilMs)]))
    .execute();
}

/** Sets the freeze unless the account already is frozen; true when this call froze it. */
export async function setFreeze(db: Db, accountId: string, type: string, reason: string, nowMs: number): Promise<boolean> {
  const frozen = await db
    .updateTable('accounts')
    .set({ frozen_type: type, frozen_at: nowMs, frozen_reason: reason.slice(0, 500) })
    .where('id', '=', accountId)
    .where('frozen_type', 'is', null)
    .executeTakeFirst();
  return Number(frozen.numUpdatedRows) === 1;
}

/** Clears the freeze if it still is of the given type; true when this call cleared it. */
export async function clearFreezeOfType(db: Db, accountId: string, type: string): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ frozen_type: null, frozen_at: null, frozen_reason: null })
    .where('id', '=', accountId)
    .where('frozen_type', '=', type)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Region-hopping cool-down: logins answer 4001 region_hopping until `untilMs`. */
export async function setRegionHopCooldown(db: Db, accountId: string, untilMs: number): Promise<void> {
  await db.updateTable('accounts').set({ region_hop_until: untilMs }).where('id', '=', accountId).execute();
}

export async function setKycCountry(db: Db, accountId: string, country: string): Promise<void> {
  await db.updateTable('accounts').set({ kyc_country: country }).where('id', '=', accountId).execute();
}

export async function setAccountLocale(db: Db, accountId: string, locale: string): Promise<void> {
  await db.updateTable('accounts').set({ locale }).where('id', '=', accountId).execute();
}

/**
 * Replaces the password (conditional on the hash the caller verified, so a concurrent change makes
 * this one fail instead of racing), moves the old hash to the history for the `old_password` hint and
 * holds withdrawals until `holdUntilMs`. One transaction; false when the hash changed meanwhile.
 */
export async function replacePasswordKeepingHistory(
  db: Db,
  input: { accountId: string; expectedHash: string; newHash: string; historyId: string; nowMs: number; holdUntilMs: number },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('accounts')
      .set((eb) => ({
        password_hash: input.newHash,
        password_changed_at: input.nowMs,
        // Never shortens a running hold.
        security_hold_until: eb
          .case()
          .when(eb.or([eb('security_hold_until', 'is', null), eb('security_hold_until', '<', input.holdUntilMs)]))
          .then(eb.val(input.holdUntilMs))
          .else(eb.ref('security_hold_until'))
          .end(),
      }))
      .where('id', '=', input.accountId)
      .where('password_hash', '=', input.expectedHash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('password_history')
      .values({ id: input.historyId, account_id: input.accountId, password_hash: input.expectedHash, retired_at: input.nowMs })
      .execute();
    return true;
  });
}

// ---- email codes -------------------------------------------------------------------------------

/** Retires the live codes of an address and purpose and stores a new one, in one transaction. */
export async function replaceEmailCode(
  db: Db,
  row: { id: string; email: string; purpose: string; codeHash: string; passwordHash: string | null; nowMs: number; expiresAtMs: number },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('email_codes')
      .set({ consumed_at: row.nowMs })
      .where('email', '=', row.email)
      .where('purpose', '=', row.purpose)
      .where('consumed_at', 'is', null)
      .execute();
    await trx
      .insertInto('email_codes')
      .values({
        id: row.id,
        email: row.email,
        purpose: row.purpose,
        code_hash: row.codeHash,
        password_hash: row.passwordHash,
        expires_at: row.expiresAtMs,
        consumed_at: null,
        created_at: row.nowMs,
      })
      .execute();
  });
}

/** Takes one try of the live code for an address and purpose; undefined when none is left. */
export async function takeEmailCodeTry(db: Db, email: string, purpose: string, nowMs: number, maxAttempts: number) {
  return db
    .updateTable('email_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('email', '=', email)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .where('attempts', '<', maxAttempts)
    .returning(['id', 'code_hash'])
    .executeTakeFirst();
}

/** The password hash of the live registration request for this address, if one is waiting for its code. */
export async function findPendingRegistrationHash(db: Db, email: string, nowMs: number): Promise<string | null> {
  const row = await db
    .selectFrom('email_codes')
    .select('password_hash')
    .where('email', '=', email)
    .where('purpose', '=', 'register')
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Consumes a code, once: the password hash it carries, or undefined when it was used meanwhile. */
export async function consumeEmailCodeRow(db: Db, id: string, nowMs: number) {
  return db
    .updateTable('email_codes')
    .set({ consumed_at: nowMs })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .returning(['password_hash'])
    .executeTakeFirst();
}

/** Whether a live code exists for the address and purpose (it may still be guessed). */
export async function hasLiveEmailCode(db: Db, email: string, purpose: string, nowMs: number): Promise<boolean> {
  const row = await db
    .selectFrom('email_codes')
    .select('id')
    .where('email', '=', email)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- one-click disable links and notice throttling ----------------------------------------------

export async function insertDisableToken(db: Db, row: { tokenHash: string; accountId: string; expiresAtMs: number }): Promise<void> {
  await db.insertInto('disable_tokens').values({ token_hash: row.tokenHash, account_id: row.accountId, expires_at: row.expiresAtMs, used_at: null }).execute();
}

/** Uses a disable link, once: the account it belongs to, or undefined. */
export async function consumeDisableToken(db: Db, tokenHash: string, nowMs: number): Promise<string | undefined> {
  const row = await db
    .updateTable('disable_tokens')
    .set({ used_at: nowMs })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .returning(['account_id'])
    .executeTakeFirst();
  return row?.account_id;
}

/**
 * Counts one notice of `kind` for the account, in one statement: when the last one went out at least
 * `windowMs` ago (or never), this one is due and `carried` is how many were held back since; else it
 * is held back and counted.
 */
export async function countNotice(db: Db, accountId: string, kind: string, nowMs: number, windowMs: number): Promise<{ due: boolean; heldBack: number }> {
  const dueBefore = nowMs - windowMs;
  const row = await db
    .insertInto('notice_throttle')
    .values({ account_id: accountId, kind, sent_at: nowMs, suppressed: 0, carried: 0 })
    .onConflict((oc) =>
      oc.columns(['account_id', 'kind']).doUpdateSet((eb) => ({
        carried: eb
          .case()
          .when('notice_throttle.sent_at', '<=', dueBefore)
          .then(eb.ref('notice_throttle.suppressed'))
          .else(eb.ref('notice_throttle.carried'))
          .end(),
        suppressed: eb
          .case()
          .when('notice_throttle.sent_at', '<=', dueBefore)
          .then(eb.val(0))
          .else(eb('notice_throttle.suppressed', '+', 1))
          .end(),
        sent_at: eb.case().when('notice_throttle.sent_at', '<=', dueBefore).then(eb.val(nowMs)).else(eb.ref('notice_throttle.sent_at')).end(),
      })),
    )
    .returning(['suppressed', 'carried'])
    .executeTakeFirstOrThrow();
  // A notice that goes out starts a new window with nothing held back yet.
  const due = Number(row.suppressed) === 0;
  return { due, heldBack: due ? Number(row.carried) : 0 };
}
