/** Login history: every attempt on a known account, newest first, paged by id (ULIDs sort by time). */
import type { Db } from '../platform/db/schema.js';
import { listLoginAttemptsPage } from './store.js';

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
  const rows = await listLoginAttemptsPage(db, accountId, page.limit + 1, page.cursor);
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
