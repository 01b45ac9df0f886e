/**
 * Signature and timestamp checks of a SIGNED request (Binance's rules).
 *
 * Protects: every signed endpoint against forged requests (someone with the API key but not the
 * secret or private key) and against replays outside the request's time window.
 * Invariants: the signature covers the exact bytes sent (query string, then body, with the
 * `signature` parameter left out); HMAC signatures compare in constant time, case-insensitively;
 * a request is accepted only if `timestamp < serverTime + 1000` and
 * `serverTime - timestamp <= recvWindow` (recvWindow at most 60000 ms).
 * Threat: a captured request replayed later, a tampered parameter, a guessed signature.
 */
import { createHmac, verify, type KeyObject } from 'node:crypto';
import { safeEqual } from '../platform/crypto.js';

/** Binance's fixed tolerance for clocks ahead of the server. */
export const MAX_AHEAD_MS = 1000;
export const DEFAULT_RECV_WINDOW_MS = 5000;
export const MAX_RECV_WINDOW_MS = 60_000;

/** Lower-case hex HMAC-SHA256 of the payload, keyed with the secret's bytes (as Binance does). */
export function hmacSha256Hex(secret: Buffer | string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** A hex HMAC-SHA256 signature, upper or lower case, compared in constant time. */
export function verifyHmacSignature(secret: Buffer, payload: string, signature: string): boolean {
  return safeEqual(hmacSha256Hex(secret, payload), signature.toLowerCase());
}

/** A base64 Ed25519 signature (64 bytes) over the payload. */
export function verifyEd25519Signature(publicKey: KeyObject, payload: string, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
  return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
}

export type TimestampVerdict = 'ok' | 'ahead_of_server_time' | 'outside_recv_window';

/** Binance's rule, exactly: accept only if timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow. */
export function checkTimestamp(timestampMs: number, recvWindowMs: number, serverTimeMs: number): TimestampVerdict {
  if (!(timestampMs < serverTimeMs + MAX_AHEAD_MS)) return 'ahead_of_server_time';
  if (!(serverTimeMs - timestampMs <= recvWindowMs)) return 'outside_recv_window';
  return 'ok';
}
