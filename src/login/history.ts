/** Login history: every attempt on a known account, newest first, paged by id (ULIDs sort by time). */
import type { Db } from '../platform/db/schema.js';

export interface LoginAttemptRecord {
  id: string;
  accountId: string;
  atMs: number;
  ip: string;
  country: string | null;
  deviceId: string | null;
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
      device_name: attempt.deviceName,
      result_code: attempt.result?.code ?? null,
      result_reason: attempt.result?.reason ?? null,
      flags: JSON.stringify(attempt.flags),
      risk_score: attempt.riskScore ?? null,
    })
    .execute();
}

export interface LoginHistoryItem {
  at: string;
  ip: string;
  country: string | null;
  device: { id: string | null; name: string };
  result: { code: number; reason: string | null } | null;
  flags: string[];
}

const CURSOR_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function isValidHistoryCursor(cursor: string): boolean {
  return CURSOR_PATTERN.test(cursor);
}

export async function listLoginHistory(
  db: Db,
  accountId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: LoginHistoryItem[]; nextCursor: string | null }> {
  let query = db.selectFrom('login_attempts').selectAll().where('account_id', '=', accountId);
  if (page.cursor) query = query.where('id', '<', page.cursor);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  return {
    items: pageRows.map((r) => ({
      at: new Date(r.at).toISOString(),
      ip: r.ip,
      country: r.country,
      device: { id: r.device_id, name: r.device_name },
      result: r.result_code === null ? null : { code: r.result_code, reason: r.result_reason },
      flags: JSON.parse(r.flags) as string[],
    })),
    nextCursor: rows.length > page.limit ? (pageRows[pageRows.length - 1]?.id ?? null) : null,
  };
}
