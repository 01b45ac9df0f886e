/**
 * Device tokens: a server-signed proof that this device signed in to this account before, checkable
 * without the database. `accountId.deviceDigest.mac`, with the MAC under a server subkey.
 *
 * Why: under a flood the server sheds unknown-device logins before reading their body. A request that
 * carries a validly signed token skips that early shedding; the login service then grants the priority
 * lane only if the token names this very account and this device (a token earns nothing elsewhere).
 */
import { createHmac } from 'node:crypto';
import { safeEqual, sha256Hex } from '../platform/crypto.js';

export const DEVICE_TOKEN_HEADER = 'x-device-token';
export const DEVICE_TOKEN_COOKIE = 'gh_dt';

function mac(key: Buffer, accountId: string, digest: string): string {
  return createHmac('sha256', key).update(`${accountId}\n${digest}`).digest('base64url').slice(0, 27);
}

function deviceDigest(deviceKey: string): string {
  return sha256Hex(deviceKey).slice(0, 22);
}

export function issueDeviceToken(key: Buffer, accountId: string, deviceKey: string): string {
  const digest = deviceDigest(deviceKey);
  return `${accountId}.${digest}.${mac(key, accountId, digest)}`;
}

/** The signed parts of a token, or null when it is malformed or its signature is wrong. */
export function readDeviceToken(key: Buffer, token: string | undefined): { accountId: string; digest: string } | null {
  if (!token || token.length > 120) return null;
  const [accountId, digest, signature, extra] = token.split('.');
  if (!accountId || !digest || !signature || extra !== undefined) return null;
  return safeEqual(signature, mac(key, accountId, digest)) ? { accountId, digest } : null;
}

/** True when the token proves this device signed in to this account. */
export function deviceTokenMatches(key: Buffer, token: string | undefined, accountId: string, deviceKey: string): boolean {
  const read = readDeviceToken(key, token);
  return read !== null && read.accountId === accountId && read.digest === deviceDigest(deviceKey);
}
