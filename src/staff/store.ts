/** The few writes staff make directly on accounts (the rest go through the owning domain). */
import type { Db } from '../platform/db/schema.js';

export async function setKycCountry(db: Db, accountId: string, country: string): Promise<void> {
  await db.updateTable('accounts').set({ kyc_country: country }).where('id', '=', accountId).execute();
}

/** Staff accounts (any role), for `gatehouse staff list`. */
export async function listStaffAccounts(db: Db) {
  return db
    .selectFrom('accounts')
    .leftJoin('two_factor', 'two_factor.account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.email', 'accounts.roles', 'accounts.frozen_type', 'accounts.created_at', 'two_factor.totp_enabled_at'])
    .where('accounts.roles', '!=', '')
    .orderBy('accounts.email')
    .execute();
}

// ---- balance credits waiting for a second admin --------------------------------------------------

export async function insertPendingCredit(
  db: Db,
  row: { id: string; accountId: string; asset: string; amountMinor: bigint; reason: string; requestedById: string; requestedByEmail: string; nowMs: number },
): Promise<void> {
  await db
    .insertInto('balance_credits')
    .values({
      id: row.id,
      account_id: row.accountId,
      asset: row.asset,
      amount_minor: Number(row.amountMinor),
      reason: row.reason,
      requested_by_id: row.requestedById,
      requested_by_email: row.requestedByEmail,
      status: 'pending',
      created_at: row.nowMs,
      decided_by_email: null,
      decided_at: null,
    })
    .execute();
}

/**
 * Decides a pending credit, once (one conditional UPDATE), and never by the admin who asked for it:
 * the credit row, or undefined when it is not pending or the decider is its requester.
 */
export async function decidePendingCredit(db: Db, id: string, decision: 'approved' | 'rejected', decider: { id: string; email: string }, nowMs: number) {
  return db
    .updateTable('balance_credits')
    .set({ status: decision, decided_by_email: decider.email, decided_at: nowMs })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('requested_by_id', '!=', decider.id)
    .returningAll()
    .executeTakeFirst();
}

export async function findCredit(db: Db, id: string) {
  return db.selectFrom('balance_credits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCredits(db: Db, status: string, limit: number) {
  return db.selectFrom('balance_credits').selectAll().where('status', '=', status).orderBy('created_at', 'asc').limit(limit).execute();
}
