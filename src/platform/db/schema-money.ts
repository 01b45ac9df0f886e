/** Tables of the wallet and the signed API: balances, withdrawals, API keys, orders, staff credits. */
import type { Generated } from 'kysely';

/** Balances in integer minor units (1e-8 of an asset): no floats anywhere. */
export interface BalancesTable {
  account_id: string;
  asset: string;
  available_minor: number;
  locked_minor: Generated<number>;
}

export interface WithdrawalsTable {
  id: string;
  account_id: string;
  asset: string;
  amount_minor: number;
  address: string;
  status: string;
  created_at: number;
}

/** Signed-API keys (HMAC_SHA256 or ED25519); revoked keys stay for the audit trail. */
export interface ApiKeysTable {
  id: string;
  account_id: string;
  label: string;
  type: string;
  /** SHA-256 hex of the API key: the lookup, so the table never holds a usable key string. */
  key_hash: string;
  /** First characters of the API key, to tell keys apart in lists. */
  key_prefix: string;
  /** HMAC secret, AES-256-GCM under the api-keys subkey, bound to the key id. */
  secret_enc: string | null;
  /** Ed25519 public key, SPKI PEM. */
  public_key: string | null;
  /** JSON array: "READ", "TRADE". */
  permissions: string;
  /** JSON array of IPs/CIDRs; [] = any address. */
  ip_whitelist: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Signed-API orders; amounts in integer minor units (10^-8). Matching is out of scope. */
export interface SpotOrdersTable {
  /** Binance orderId: assigned by the database. */
  id: Generated<number>;
  account_id: string;
  api_key_id: string;
  symbol: string;
  side: string;
  type: string;
  time_in_force: string | null;
  price_minor: number;
  orig_qty_minor: number;
  orig_quote_qty_minor: number;
  /** NEW (resting), CANCELED, EXPIRED. */
  status: string;
  client_order_id: string;
  /** What the order locked while NEW (quote for BUY, base for SELL); 0 for orders that never rested. */
  locked_asset: string;
  locked_minor: number;
  created_at: number;
  updated_at: number;
}

/** Staff credits waiting for (or decided by) a second admin: 'pending' | 'approved' | 'rejected'. */
export interface BalanceCreditsTable {
  id: string;
  account_id: string;
  asset: string;
  amount_minor: number;
  reason: string;
  requested_by_id: string;
  requested_by_email: string;
  status: string;
  created_at: number;
  decided_by_email: string | null;
  decided_at: number | null;
}
