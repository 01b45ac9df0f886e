/** Risk decisions: every decision with a signal is stored with the signals that made it (for staff). */
import type { Db } from '../platform/db/schema.js';

export async function insertRiskDecision(
  db: Db,
  row: { id: string; accountId: string; atMs: number; context: string; score: number; action: string; signals: unknown[] },
): Promise<void> {
  await db
    .insertInto('risk_decisions')
    .values({
      id: row.id,
      account_id: row.accountId,
      at: row.atMs,
      context: row.context,
      score: row.score,
      action: row.action,
      signals: JSON.stringify(row.signals),
    })
    .execute();
}

export async function listRiskDecisionRows(db: Db, accountId: string, limit: number) {
  return db.selectFrom('risk_decisions').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
}
