/** "Forgot password" links: stored as SHA-256 of a 256-bit token, 30 minutes, single use. */
import type { Db } from '../platform/db/schema.js';

export async function insertResetToken(db: Db, row: { tokenHash: string; accountId: string; nowMs: number; expiresAtMs: number }): Promise<void> {
  await db
    .insertInto('password_reset_tokens')
    .values({ token_hash: row.tokenHash, account_id: row.accountId, created_at: row.nowMs, expires_at: row.expiresAtMs, used_at: null })
    .execute();
}

/** The account of a live (unused, unexpired) link, without using it. */
export async function findLiveResetToken(db: Db, tokenHash: string, nowMs: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('password_reset_tokens')
    .select('account_id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .executeTakeFirst();
  return row?.account_id;
}

/** Uses a link, once, in one conditional statement: true for the one caller that used it. */
export async function consumeResetToken(db: Db, tokenHash: string, nowMs: number): Promise<boolean> {
  const row = await db
    .updateTable('password_reset_tokens')
    .set({ used_at: nowMs })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowMs)
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A new link retires the account's earlier ones: only the latest mail works. */
export async function retireResetTokens(db: Db, accountId: string, nowMs: number): Promise<void> {
  await db.updateTable('password_reset_tokens').set({ used_at: nowMs }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}
