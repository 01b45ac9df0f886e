/** Balances and withdrawals, in integer minor units; every balance change is one conditional statement. */
import { inTransaction } from '../platform/db/transaction.js';
import type { Db } from '../platform/db/schema.js';
import { MAX_MINOR } from './amounts.js';
import { preparedQuery } from '../platform/db/prepared.js';

/**
 * The most a balance (available + locked) may hold, in minor units: below 2^53, so every amount the
 * database hands back is exact in a JS number (the PostgreSQL driver parses bigint columns to one).
 */
export const MAX_BALANCE_MINOR = 9_000_000_000_000_000n;

/** Adds to the balance, unless that would take it past MAX_BALANCE_MINOR (then false, nothing changed). */
export async function creditBalance(db: Db, accountId: string, asset: string, amountMinor: bigint): Promise<boolean> {
  const amount = toColumnAmount(amountMinor);
  const room = Number(MAX_BALANCE_MINOR - amountMinor);
  const row = await db
    .insertInto('balances')
    .values({ account_id: accountId, asset, available_minor: amount })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'asset'])
        .doUpdateSet((eb) => ({ available_minor: eb('balances.available_minor', '+', amount) }))
        .where((eb) => eb(eb('balances.available_minor', '+', eb.ref('balances.locked_minor')), '<=', room)),
    )
    .returning('asset')
    .executeTakeFirst();
  return row !== undefined;
}

/** Takes `amountMinor` off the balance only if it is there: never read-then-write, so no double spend. */
export async function debitBalance(db: Db, accountId: string, asset: string, amountMinor: bigint): Promise<boolean> {
  const amount = Number(amountMinor);
  const row = await db
    .updateTable('balances')
    .set((eb) => ({ available_minor: eb('available_minor', '-', amount) }))
    .where('account_id', '=', accountId)
    .where('asset', '=', asset)
    .where('available_minor', '>=', amount)
    .returning(['available_minor'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function listBalances(db: Db, accountId: string) {
  return db.selectFrom('balances').select(['asset', 'available_minor', 'locked_minor']).where('account_id', '=', accountId).orderBy('asset').execute();
}

/** listBalances, prepared once: the signed API's account endpoint reads it on every call. */
export const readBalances = preparedQuery<{ asset: string; available_minor: number; locked_minor: number }, [accountId: string]>((db) =>
  db.selectFrom('balances').select(['asset', 'available_minor', 'locked_minor']).where('account_id', '=', '').orderBy('asset'),
);

/** Average withdrawal of this asset over the last 30 days, or null when there was none. */
export async function averageWithdrawal30d(db: Db, accountId: string, asset: string, nowMs: number): Promise<bigint | null> {
  const row = await db
    .selectFrom('withdrawals')
    .select((eb) => [eb.fn.sum<number>('amount_minor').as('total'), eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId)
    .where('asset', '=', asset)
    .where('created_at', '>', nowMs - 30 * 86_400_000)
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  return n === 0 ? null : BigInt(Math.floor(Number(row?.total ?? 0) / n));
}

/** What the account withdrew of this asset since `sinceMs`, in minor units. */
export async function withdrawnSince(db: Db, accountId: string, asset: string, sinceMs: number): Promise<bigint> {
  const row = await db
    .selectFrom('withdrawals')
    .select((eb) => eb.fn.sum<number | string>('amount_minor').as('total'))
    .where('account_id', '=', accountId)
    .where('asset', '=', asset)
    .where('created_at', '>', sinceMs)
    .executeTakeFirst();
  return BigInt(row?.total ?? 0);
}

/**
 * Takes the amount off the balance and records the withdrawal, in one transaction with a conditional
 * debit: false (nothing changed) when the balance does not cover it.
 */
export async function debitForWithdrawal(
  db: Db,
  row: { id: string; accountId: string; asset: string; amountMinor: bigint; address: string; nowMs: number },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (!(await debitBalance(trx, row.accountId, row.asset, row.amountMinor))) return false;
    await trx
      .insertInto('withdrawals')
      .values({
        id: row.id,
        account_id: row.accountId,
        asset: row.asset,
        amount_minor: Number(row.amountMinor),
        address: row.address,
        status: 'pending',
        created_at: row.nowMs,
      })
      .execute();
    return true;
  });
}

/**
 * Moves `amountMinor` between the available and locked parts of a balance, only if the source holds
 * it: one conditional UPDATE, so concurrent orders can never lock the same funds twice, and
 * withdrawals (which spend only `available`) never touch what an order holds.
 */
async function moveFunds(db: Db, accountId: string, asset: string, amountMinor: bigint, from: 'available_minor' | 'locked_minor'): Promise<boolean> {
  const amount = toColumnAmount(amountMinor);
  const to = from === 'available_minor' ? 'locked_minor' : 'available_minor';
  const row = await db
    .updateTable('balances')
    .set((eb) => ({ [from]: eb(from, '-', amount), [to]: eb(to, '+', amount) }))
    .where('account_id', '=', accountId)
    .where('asset', '=', asset)
    .where(from, '>=', amount)
    .returning(['asset'])
    .executeTakeFirst();
  return row !== undefined;
}

/** Locks available funds for an order; false when they are not available. */
export function lockFunds(db: Db, accountId: string, asset: string, amountMinor: bigint): Promise<boolean> {
  return moveFunds(db, accountId, asset, amountMinor, 'available_minor');
}

/** Gives locked funds back to available (an order ended); false if that much was not locked. */
export function unlockFunds(db: Db, accountId: string, asset: string, amountMinor: bigint): Promise<boolean> {
  return moveFunds(db, accountId, asset, amountMinor, 'locked_minor');
}

/** Whether `amountMinor` is available right now (a check that moves nothing). */
export async function hasAvailable(db: Db, accountId: string, asset: string, amountMinor: bigint): Promise<boolean> {
  const row = await db
    .selectFrom('balances')
    .select('asset')
    .where('account_id', '=', accountId)
    .where('asset', '=', asset)
    .where('available_minor', '>=', toColumnAmount(amountMinor))
    .executeTakeFirst();
  return row !== undefined;
}

/** Columns hold at most MAX_MINOR per amount, which a JS number carries exactly. */
function toColumnAmount(amountMinor: bigint): number {
  if (amountMinor < 0n || amountMinor > MAX_MINOR) throw new RangeError('amount out of range');
  return Number(amountMinor);
}
