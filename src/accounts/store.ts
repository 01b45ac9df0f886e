/** Account rows: lookups and the few writes the account lifecycle needs, each named by intent. */
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
  row: { id: string; email: string; passwordHash: string; nowMs: number; roles?: string; verified?: boolean },
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
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** A repeated registration of a still-unverified address takes the newest password. */
export async function replaceUnverifiedPassword(db: Db, accountId: string, passwordHash: string, nowMs: number) {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, password_changed_at: nowMs })
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
