/**
 * Authentication of a SIGNED request, in this order: API-key format (-2014) → the key, live, of an
 * account that is not frozen, called from a whitelisted IP, with the endpoint's permission (-2015,
 * one answer for all four so that nothing is told apart) → `timestamp` and `signature` present
 * (-1102) → signature (-1022) → time window (-1021).
 *
 * Protects: every signed endpoint. Invariants: one indexed read per request (the key with its
 * account's state, and for GET /api/v3/account its balances too), so a deleted key or a frozen
 * account is refused from the next request on, on every instance, and works again once unfrozen;
 * what a key is (sealed secret or public key, permissions, whitelist: fixed at creation) is read
 * once more on its first request in the process; the secret is decrypted (and a public key or
 * whitelist parsed) once per key and process, never per request; no password hash on this path;
 * last use is written at most once a minute per key, after the answer.
 * Threat: a stolen API key without its secret, a replayed request, a key used from elsewhere.
 */
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { sha256Hex } from '../platform/crypto.js';
import { mandatoryParam } from './errors.js';
import { API_KEY_PATTERN, openHmacSecret, whitelistMatcher, type Permission } from './key-material.js';
import { readRequestParams } from './params.js';
import { DEFAULT_RECV_WINDOW_MS, MAX_RECV_WINDOW_MS, checkTimestamp, verifyEd25519Signature, verifyHmacSignature } from './signature.js';
import { findKeyForRequest, findKeyMaterial, findKeyWithBalances, touchApiKeyUsed, type BalanceRow, type KeyForRequest } from './store.js';

/** Last use is recorded at this resolution. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface SignedRequest {
  apiKey: string | undefined;
  ip: string;
  rawQuery: string;
  rawBody: string;
  permission: Permission;
  /** Read the account's balances in the same query (GET /api/v3/account). */
  withBalances?: boolean;
}

export interface SignedCaller {
  keyId: string;
  accountId: string;
  kycCountry: string | null;
  permissions: ReadonlySet<Permission>;
  params: Map<string, string>;
  /** Present when the request asked for them (withBalances). */
  balances?: BalanceRow[];
}

/** What one key needs for its checks, derived once per process. */
interface KeyMaterial {
  hmacSecret: Buffer | null;
  publicKey: KeyObject | null;
  permissions: ReadonlySet<Permission>;
  allowed: ((ip: string) => boolean) | null;
}

const rejected = () => AppError.withoutStack('REJECTED_MBX_KEY');

export function createSignedAuth(deps: Pick<Deps, 'db' | 'clock' | 'keys' | 'background'>) {
  // Keys never change once created (only revoked, which the per-request read sees), so this needs no expiry.
  const materials = new LRUCache<string, KeyMaterial>({ max: 10_000 });
  const touched = new LRUCache<string, number>({ max: 100_000 });

  /** Read and derived on the key's first request in this process; undefined if it is gone meanwhile. */
  async function loadMaterial(keyId: string): Promise<KeyMaterial | undefined> {
    const row = await findKeyMaterial(deps.db, keyId);
    if (!row) return undefined;
    const material = {
      hmacSecret: row.secret_enc ? openHmacSecret(deps.keys.apiKeys, row.secret_enc, keyId) : null,
      publicKey: row.public_key ? createPublicKey({ key: row.public_key, format: 'pem' }) : null,
      permissions: new Set(JSON.parse(row.permissions) as Permission[]),
      allowed: whitelistMatcher(JSON.parse(row.ip_whitelist) as string[]),
    };
    materials.set(keyId, material);
    return material;
  }

  function noteUse(row: KeyForRequest, nowMs: number): void {
    const last = Math.max(row.last_used_at ?? 0, touched.get(row.id) ?? 0);
    if (nowMs - last < LAST_USED_RESOLUTION_MS) return;
    touched.set(row.id, nowMs);
    deps.background.run(() => touchApiKeyUsed(deps.db, row.id, nowMs, LAST_USED_RESOLUTION_MS));
  }

  return async function authenticate(request: SignedRequest): Promise<SignedCaller> {
    if (request.apiKey === undefined || !API_KEY_PATTERN.test(request.apiKey)) throw AppError.withoutStack('BAD_API_KEY_FMT');
    const keyHash = sha256Hex(request.apiKey);
    let row: KeyForRequest | undefined;
    let balances: BalanceRow[] | undefined;
    if (request.withBalances) {
      const found = await findKeyWithBalances(deps.db, keyHash);
      row = found?.key;
      balances = found?.balances;
    } else {
      row = await findKeyForRequest(deps.db, keyHash);
    }
    if (!row || row.frozen_type !== null) throw rejected();
    const material = materials.get(row.id) ?? (await loadMaterial(row.id));
    if (!material) throw rejected();
    if (material.allowed && !material.allowed(request.ip)) throw rejected();
    if (!material.permissions.has(request.permission)) throw rejected();

    const params = readRequestParams(request.rawQuery, request.rawBody);
    if (params.malformed !== null) throw mandatoryParam(params.malformed);
    const timestamp = params.values.get('timestamp');
    if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) throw mandatoryParam('timestamp');
    if (!params.signature) throw mandatoryParam('signature');
    const recvWindowText = params.values.get('recvWindow');
    let recvWindowMs = DEFAULT_RECV_WINDOW_MS;
    if (recvWindowText !== undefined) {
      // Binance takes up to three decimals (microseconds) and at most 60000.
      recvWindowMs = /^\d{1,5}(\.\d{1,3})?$/.test(recvWindowText) ? Number(recvWindowText) : Number.NaN;
      if (!(recvWindowMs > 0 && recvWindowMs <= MAX_RECV_WINDOW_MS)) throw mandatoryParam('recvWindow');
    }

    const valid = material.hmacSecret
      ? verifyHmacSignature(material.hmacSecret, params.payload, params.signature)
      : verifyEd25519Signature(material.publicKey!, params.payload, params.signature);
    if (!valid) throw AppError.withoutStack('INVALID_SIGNATURE');

    const now = deps.clock.nowMs();
    const verdict = checkTimestamp(Number(timestamp), recvWindowMs, now);
    if (verdict === 'ahead_of_server_time') throw AppError.withoutStack('INVALID_TIMESTAMP', { reason: 'ahead_of_server_time' });
    if (verdict === 'outside_recv_window') throw AppError.withoutStack('INVALID_TIMESTAMP', { reason: 'outside_recv_window' });

    noteUse(row, now);
    return {
      keyId: row.id,
      accountId: row.account_id,
      kycCountry: row.kyc_country,
      permissions: material.permissions,
      params: params.values,
      ...(balances ? { balances } : {}),
    };
  };
}

export type Authenticate = ReturnType<typeof createSignedAuth>;
