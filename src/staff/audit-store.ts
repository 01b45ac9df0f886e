/** Audit rows: appended, listed with filters and a cursor; never updated or deleted (triggers refuse it). */
import { sql } from 'kysely';
import type { Db } from '../platform/db/schema.js';
import type { AuditActor } from './audit.js';

export async function insertAuditRow(
  db: Db,
  row: {
    id: string;
    atMs: number;
    actor: AuditActor;
    action: string;
    target: string | null;
    accountId: string | null;
    before: unknown;
    after: unknown;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: row.id,
      at: row.atMs,
      actor_id: row.actor.id,
      actor_email: row.actor.email,
      ip: row.actor.ip,
      action: row.action,
      target: row.target,
      account_id: row.accountId,
      before_state: row.before === undefined ? null : JSON.stringify(row.before),
      after_state: row.after === undefined ? null : JSON.stringify(row.after),
      detail: JSON.stringify(row.detail),
    })
    .execute();
}

export interface AuditFilter {
  accountId?: string;
  target?: string;
  actor?: string;
  /** An exact action, or a prefix ending in `.*` (`ticket.*`). */
  action?: string;
  fromMs?: number;
  toMs?: number;
  /** The last id of the previous page (newest first, so the next page is older). */
  cursor?: string;
  limit: number;
}

export interface AuditItem {
  id: string;
  at: string;
  actor: string;
  actorId: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  accountId: string | null;
  before: unknown;
  after: unknown;
  detail: Record<string, unknown>;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** Newest first; ids are ULIDs, so `id < cursor` pages back in time. */
export async function listAuditRows(db: Db, filter: AuditFilter): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.target) query = query.where('target', '=', filter.target);
  if (filter.actor) query = query.where((eb) => eb.or([eb('actor_email', '=', filter.actor!), eb('actor_id', '=', filter.actor!)]));
  if (filter.action?.endsWith('.*')) {
    // A prefix compare, not LIKE: `_` is common in action names and a wildcard in LIKE.
    const prefix = filter.action.slice(0, -1);
    query = query.where(sql<string>`substr(action, 1, ${prefix.length})`, '=', prefix);
  } else if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('at', '<=', filter.toMs);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_email,
      actorId: r.actor_id,
      ip: r.ip,
      action: r.action,
      target: r.target,
      accountId: r.account_id,
      before: parseJson(r.before_state),
      after: parseJson(r.after_state),
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
    nextCursor: rows.length > filter.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
