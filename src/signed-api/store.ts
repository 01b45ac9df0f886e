/** Signed-API queries: API keys and orders, each named by intent; balances live in src/wallet/store.ts. */
import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type { Database, Db, SpotOrdersTable } from '../platform/db/schema.js';
import { preparedQuery } from '../platform/db/prepared.js';

export interface NewApiKeyRow {
  id: string;
  accountId: string;
  label: string;
  type: string;
  keyHash: string;
  keyPrefix: string;
  secretEnc: string | null;
  publicKey: string | null;
  permissions: string[];
  ipWhitelist: string[];
  nowMs: number;
}

export async function insertApiKey(db: Db, row: NewApiKeyRow): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      id: row.id,
      account_id: row.accountId,
      label: row.label,
      type: row.type,
      key_hash: row.keyHash,
      key_prefix: row.keyPrefix,
      secret_enc: row.secretEnc,
      public_key: row.publicKey,
      permissions: JSON.stringify(row.permissions),
      ip_whitelist: JSON.stringify(row.ipWhitelist),
      created_at: row.nowMs,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function countActiveApiKeys(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listActiveApiKeys(db: Db, accountId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'label', 'type', 'key_prefix', 'permissions', 'ip_whitelist', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the account's live keys; undefined when there is no such key (or it was already revoked). */
export async function revokeApiKey(db: Db, accountId: string, keyId: string, nowMs: number) {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: nowMs })
    .where('id', '=', keyId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'label', 'type', 'key_prefix', 'permissions'])
    .executeTakeFirst();
}

/**
 * The one read of a signed request: the live key by the hash of the key string, with the state of
 * its account (frozen, KYC country) from the same indexed lookup, so a freeze or a deletion counts
 * from the very next request on every instance. Only what changes is read: a key's secret,
 * permissions and whitelist never change once it exists (findKeyMaterial reads them once per
 * process). Prepared: it runs on every signed request.
 */
const keyForRequest = preparedQuery<KeyForRequest, [keyHash: string]>((db) =>
  db
    .selectFrom('api_keys as k')
    .innerJoin('accounts as a', 'a.id', 'k.account_id')
    .select(['k.id', 'k.account_id', 'k.last_used_at', 'a.frozen_type', 'a.kyc_country'])
    .where('k.key_hash', '=', '')
    .where('k.revoked_at', 'is', null),
);

export async function findKeyForRequest(db: Db, keyHash: string): Promise<KeyForRequest | undefined> {
  return (await keyForRequest(db, keyHash))[0];
}

/**
 * The same read for GET /api/v3/account, with the account's balances joined in (one row per
 * asset, or one row without an asset): the whole request is one indexed read.
 */
const keyWithBalances = preparedQuery<KeyForRequest & BalanceColumns, [keyHash: string]>((db) =>
  db
    .selectFrom('api_keys as k')
    .innerJoin('accounts as a', 'a.id', 'k.account_id')
    .leftJoin('balances as b', 'b.account_id', 'k.account_id')
    .select(['k.id', 'k.account_id', 'k.last_used_at', 'a.frozen_type', 'a.kyc_country', 'b.asset', 'b.available_minor', 'b.locked_minor'])
    .where('k.key_hash', '=', '')
    .where('k.revoked_at', 'is', null)
    .orderBy('b.asset'),
);

interface BalanceColumns {
  asset: string | null;
  available_minor: number | null;
  locked_minor: number | null;
}

export interface BalanceRow {
  asset: string;
  available_minor: number;
  locked_minor: number;
}

export async function findKeyWithBalances(db: Db, keyHash: string): Promise<{ key: KeyForRequest; balances: BalanceRow[] } | undefined> {
  const rows = await keyWithBalances(db, keyHash);
  if (rows.length === 0) return undefined;
  const balances: BalanceRow[] = [];
  for (const r of rows) {
    if (r.asset !== null) balances.push({ asset: r.asset, available_minor: r.available_minor!, locked_minor: r.locked_minor! });
  }
  return { key: rows[0]!, balances };
}

export interface KeyForRequest {
  id: string;
  account_id: string;
  last_used_at: number | null;
  frozen_type: string | null;
  kyc_country: string | null;
}

/** What a key is, fixed at creation: its sealed secret or public key, permissions and whitelist. */
export interface KeyMaterialRow {
  secret_enc: string | null;
  public_key: string | null;
  permissions: string;
  ip_whitelist: string;
}

const keyMaterial = preparedQuery<KeyMaterialRow, [keyId: string]>((db) =>
  db.selectFrom('api_keys').select(['secret_enc', 'public_key', 'permissions', 'ip_whitelist']).where('id', '=', ''),
);

export async function findKeyMaterial(db: Db, keyId: string): Promise<KeyMaterialRow | undefined> {
  return (await keyMaterial(db, keyId))[0];
}

/** Records use, at most once per `resolutionMs` per key (a conditional UPDATE: concurrent touches write once). */
export async function touchApiKeyUsed(db: Db, keyId: string, nowMs: number, resolutionMs: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: nowMs })
    .where('id', '=', keyId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', nowMs - resolutionMs)]))
    .execute();
}

export type OrderRow = Selectable<SpotOrdersTable>;

/** Inserts an order; null when the account already used this client order id. */
export async function insertOrder(db: Db, row: Omit<Insertable<SpotOrdersTable>, 'id'>): Promise<number | null> {
  const inserted = await db
    .insertInto('spot_orders')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'client_order_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? Number(inserted.id) : null;
}

/**
 * How a client names an order: Binance's orderId, the client order id it chose, or both; with both,
 * the order must match both (Binance: the orderId is searched, then its client order id checked),
 * so a client that sends both as a safety check never reaches another order.
 */
export type OrderRef = { orderId: number; clientOrderId?: string } | { orderId?: undefined; clientOrderId: string };

/** The order `ref` names: every id it carries must match. */
function matchesRef(eb: ExpressionBuilder<Database, 'spot_orders'>, ref: OrderRef) {
  const conditions = [];
  if (ref.orderId !== undefined) conditions.push(eb('id', '=', ref.orderId));
  if (ref.clientOrderId !== undefined) conditions.push(eb('client_order_id', '=', ref.clientOrderId));
  return eb.and(conditions);
}

export async function findOrder(db: Db, accountId: string, symbol: string, ref: OrderRef): Promise<OrderRow | undefined> {
  return db
    .selectFrom('spot_orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('symbol', '=', symbol)
    .where((eb) => matchesRef(eb, ref))
    .executeTakeFirst();
}

/** Cancels the order if it is still open (one conditional UPDATE): of two cancels, one wins. */
export async function cancelOpenOrder(db: Db, accountId: string, symbol: string, ref: OrderRef, nowMs: number): Promise<OrderRow | undefined> {
  return db
    .updateTable('spot_orders')
    .set({ status: 'CANCELED', updated_at: nowMs })
    .where('account_id', '=', accountId)
    .where('symbol', '=', symbol)
    .where('status', '=', 'NEW')
    .where((eb) => matchesRef(eb, ref))
    .returningAll()
    .executeTakeFirst();
}

/** Open (NEW) orders, oldest first; of one symbol, or of all. */
export async function listOpenOrders(db: Db, accountId: string, symbol: string | null): Promise<OrderRow[]> {
  let query = db.selectFrom('spot_orders').selectAll().where('account_id', '=', accountId).where('status', '=', 'NEW');
  if (symbol !== null) query = query.where('symbol', '=', symbol);
  return query.orderBy('id').execute();
}
