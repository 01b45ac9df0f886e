/**
 * The audit log: who did what, when, from where, and the state before and after, for every staff
 * action and every security-relevant change made on an account's behalf (2FA resets, evidence
 * deletion).
 *
 * Protects: accountability for the powers that bypass a user's own credentials (unfreeze, 2FA reset,
 * KYC country). Invariants: `withAudit` runs the change and writes its audit row in ONE transaction,
 * so a change never commits without its row and a row never records a change that rolled back; the
 * table is append-only, enforced by database triggers (migration 0008) that refuse UPDATE and DELETE.
 * Threat: an insider (or a stolen staff session) acting and then hiding it.
 */
import type { Deps } from '../deps.js';
import type { Db } from '../platform/db/schema.js';
import { inTransaction } from '../platform/db/transaction.js';
import { insertAuditRow } from './audit-store.js';

/** Who acts: a staff member (id, email, IP), the command line, the server itself, or an account owner. */
export interface AuditActor {
  id: string | null;
  email: string;
  ip: string | null;
}

/** Operators at the server's shell (the gatehouse command). */
export const CLI_ACTOR: AuditActor = { id: null, email: 'cli', ip: null };
/** The server's own scheduled work (sweeps). */
export const SYSTEM_ACTOR: AuditActor = { id: null, email: 'system', ip: null };

/** What the audit row says about the change; the action fills it in as it learns it. */
export interface AuditRecord {
  /** The id the action is about (an account, a ticket, a reset); defaults to accountId. */
  target?: string | null;
  /** The account concerned, for `GET /api/v1/admin/audit?account=`. */
  accountId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping (reason, note, identityVerified). Never secrets. */
  detail?: Record<string, unknown>;
}

type AuditDeps = Pick<Deps, 'db' | 'clock' | 'newId'>;

/**
 * Runs `fn(trx, record)` in a transaction and appends the audit row in that same transaction.
 * `fn` must use `trx` for every write it wants audited (and for every read: on SQLite a query on the
 * outer handle would wait for this transaction). If `fn` throws, nothing is written.
 */
export async function withAudit<T>(deps: AuditDeps, actor: AuditActor, action: string, fn: (trx: Db, record: AuditRecord) => Promise<T>): Promise<T> {
  return inTransaction(deps.db, async (trx) => {
    const record: AuditRecord = {};
    const result = await fn(trx, record);
    await insertAuditRow(trx, {
      id: deps.newId(),
      atMs: deps.clock.nowMs(),
      actor,
      action,
      target: record.target ?? record.accountId ?? null,
      accountId: record.accountId ?? null,
      before: record.before,
      after: record.after,
      detail: record.detail ?? {},
    });
    return result;
  });
}
