/**
 * Staff balance credits, with a second pair of eyes: a credit above the configured per-asset line
 * (`staff.creditApprovalAbove`) is only recorded as pending; another admin approves it, and only
 * then does the balance change.
 *
 * Protects: against one insider (or one stolen admin session) minting funds. Invariants: amounts are
 * integer minor units (bigint) end to end; a pending credit is decided once, by one conditional
 * UPDATE that also refuses its own requester; the credit and its audit row commit together;
 * no balance passes MAX_BALANCE_MINOR (below 2^53).
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { formatMinor, parseAmount } from '../wallet/amounts.js';
import { creditBalance } from '../wallet/store.js';
import { type AuditActor, withAudit } from './audit.js';
import { decidePendingCredit, findCredit, insertPendingCredit, listCredits } from './store.js';

type CreditDeps = Pick<Deps, 'db' | 'clock' | 'newId' | 'config'>;

export interface CreditView {
  id: string;
  accountId: string;
  asset: string;
  amount: string;
  reason: string;
  requestedBy: string;
  status: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

function lineFor(config: CreditDeps['config'], asset: string): bigint | null {
  const text = config.staff.creditApprovalAbove[asset] ?? config.staff.creditApprovalAbove['*'];
  return text === undefined ? null : parseAmount(text);
}

async function applyCredit(trx: CreditDeps['db'], accountId: string, asset: string, amountMinor: bigint): Promise<void> {
  if (!(await creditBalance(trx, accountId, asset, amountMinor))) {
    throw new AppError('VALIDATION_FAILED', { details: { fields: { amount: 'the balance would exceed the largest amount an account may hold' } } });
  }
}

/** Credits at once at or below the line; above it, records a pending credit for another admin. */
export async function requestCredit(
  deps: CreditDeps,
  actor: AuditActor & { id: string },
  input: { accountId: string; asset: string; amountMinor: bigint; reason: string },
): Promise<{ status: 'credited' } | { status: 'pending_approval'; creditId: string }> {
  const line = lineFor(deps.config, input.asset);
  const amount = formatMinor(input.amountMinor);
  if (line === null || input.amountMinor <= line) {
    await withAudit(deps, actor, 'balance.credit', async (trx, record) => {
      await applyCredit(trx, input.accountId, input.asset, input.amountMinor);
      record.accountId = input.accountId;
      record.detail = { asset: input.asset, amount, reason: input.reason };
    });
    return { status: 'credited' };
  }
  const creditId = deps.newId();
  await withAudit(deps, actor, 'balance.credit_requested', async (trx, record) => {
    await insertPendingCredit(trx, { id: creditId, ...input, requestedById: actor.id, requestedByEmail: actor.email, nowMs: deps.clock.nowMs() });
    record.accountId = input.accountId;
    record.target = creditId;
    record.detail = { asset: input.asset, amount, reason: input.reason, approvalAbove: formatMinor(line) };
  });
  return { status: 'pending_approval', creditId };
}

/** A second admin approves (the balance changes now) or rejects a pending credit. */
export async function decideCredit(
  deps: CreditDeps,
  actor: AuditActor & { id: string },
  creditId: string,
  decision: 'approved' | 'rejected',
): Promise<CreditView> {
  const existing = await findCredit(deps.db, creditId);
  if (!existing) throw new AppError('NOT_FOUND');
  if (existing.requested_by_id === actor.id) throw new AppError('FORBIDDEN', { reason: 'second_admin_required' });
  // The second pair of eyes cannot be the one paid.
  if (existing.account_id === actor.id) throw new AppError('FORBIDDEN');
  const decided = await withAudit(deps, actor, decision === 'approved' ? 'balance.credit_approved' : 'balance.credit_rejected', async (trx, record) => {
    const row = await decidePendingCredit(trx, creditId, decision, actor, deps.clock.nowMs());
    if (!row) throw new AppError('INVALID_OR_EXPIRED_CODE');
    if (decision === 'approved') await applyCredit(trx, row.account_id, row.asset, BigInt(row.amount_minor));
    record.accountId = row.account_id;
    record.target = row.id;
    record.detail = { asset: row.asset, amount: formatMinor(BigInt(row.amount_minor)), requestedBy: row.requested_by_email };
    return row;
  });
  return viewOf(decided);
}

export async function listPendingCredits(deps: Pick<Deps, 'db'>, limit = 100): Promise<CreditView[]> {
  return (await listCredits(deps.db, 'pending', limit)).map(viewOf);
}

function viewOf(row: Awaited<ReturnType<typeof findCredit>> & object): CreditView {
  return {
    id: row.id,
    accountId: row.account_id,
    asset: row.asset,
    amount: formatMinor(BigInt(row.amount_minor)),
    reason: row.reason,
    requestedBy: row.requested_by_email,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    decidedBy: row.decided_by_email,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
  };
}
