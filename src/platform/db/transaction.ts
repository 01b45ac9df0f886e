import type { Db } from './schema.js';

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (a staff action and its
 * audit row, say): store functions stay atomic on their own and compose into larger transactions.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
