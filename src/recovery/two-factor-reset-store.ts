/** Scheduled 2FA resets: one row per approval; every state change is one conditional UPDATE on 'scheduled'. */
import { sql } from 'kysely';
import type { Db } from '../platform/db/schema.js';

export async function insertTwoFactorReset(
  db: Db,
  r: { id: string; accountId: string; ticketId: string | null; requestedBy: string; locale: string; cancelTokenHash: string; nowMs: number; dueAtMs: number },
): Promise<boolean> {
  const result = await db
    .insertInto('two_factor_resets')
    .values({
      id: r.id,
      account_id: r.accountId,
      ticket_id: r.ticketId,
      status: 'scheduled',
      requested_by: r.requestedBy,
      locale: r.locale,
      cancel_token_hash: r.cancelTokenHash,
      created_at: r.nowMs,
      due_at: r.dueAtMs,
      cancelled_at: null,
      done_at: null,
    })
    // The partial unique index allows one scheduled reset per account.
    // (a literal, not a parameter: SQLite matches the conflict target to the index by its text).
    .onConflict((oc) => oc.column('account_id').where('status', '=', sql.lit('scheduled')).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findScheduledReset(db: Db, accountId: string) {
  return db.selectFrom('two_factor_resets').selectAll().where('account_id', '=', accountId).where('status', '=', 'scheduled').executeTakeFirst();
}

export async function listAccountResets(db: Db, accountId: string) {
  return db.selectFrom('two_factor_resets').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(20).execute();
}

/** Cancels by link: exactly one of any number of parallel uses succeeds. */
export async function cancelResetByToken(db: Db, tokenHash: string, nowMs: number) {
  return db
    .updateTable('two_factor_resets')
    .set({ status: 'cancelled', cancelled_at: nowMs })
    .where('cancel_token_hash', '=', tokenHash)
    .where('status', '=', 'scheduled')
    .returning(['id', 'account_id', 'locale', 'ticket_id', 'due_at'])
    .executeTakeFirst();
}

export async function listDueResetIds(db: Db, nowMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('two_factor_resets')
    .select(['id'])
    .where('status', '=', 'scheduled')
    .where('due_at', '<=', nowMs)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims a due reset for execution; undefined when it was cancelled or another process took it. */
export async function claimDueReset(db: Db, id: string, nowMs: number) {
  return db
    .updateTable('two_factor_resets')
    .set({ status: 'done', done_at: nowMs })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('due_at', '<=', nowMs)
    .returning(['id', 'account_id', 'locale', 'ticket_id'])
    .executeTakeFirst();
}
