/**
 * What an API key is made of: the key string the client sends, the HMAC secret or the Ed25519
 * public key it signs with, its permissions and its IP whitelist.
 *
 * Protects: the secrets behind the signed API. Invariants: key strings and HMAC secrets are 64
 * characters of [A-Za-z0-9] from the CSPRNG (about 381 bits each, rejection-sampled so every
 * character is equally likely); the key string is stored only as its SHA-256; the HMAC secret is
 * sealed (AES-256-GCM) under the api-keys subkey and bound to the key id; an Ed25519 key is only
 * ever the client's public half, checked to be a real Ed25519 key.
 * Threat: a copy of the database (no usable key or secret in it), a weak or foreign public key.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Random } from '../platform/random.js';
import { openSecret, sealSecret } from '../platform/secret-box.js';
import { createAllowList, isValidCidr } from '../limits/client-ip.js';

export const API_KEY_LENGTH = 64;
export const API_KEY_PATTERN = /^[A-Za-z0-9]{64}$/;
export const KEY_PREFIX_LENGTH = 8;
export const PERMISSIONS = ['READ', 'TRADE'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const KEY_TYPES = ['HMAC_SHA256', 'ED25519'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Bytes at or above this would make some characters likelier than others. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

export function randomAlphanumeric(random: Random, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random.bytes(length)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function sealHmacSecret(key: Buffer, secret: string, keyId: string): string {
  return sealSecret(key, Buffer.from(secret, 'utf8'), `api-key:${keyId}`);
}

export function openHmacSecret(key: Buffer, sealed: string, keyId: string): Buffer {
  return openSecret(key, sealed, `api-key:${keyId}`);
}

/**
 * An Ed25519 public key from PEM (SPKI, "-----BEGIN PUBLIC KEY-----"), as Binance takes it;
 * null for anything else (a private key, RSA, garbage).
 */
export function parseEd25519PublicKey(text: string): KeyObject | null {
  if (!/^-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----\s*$/.test(text)) return null;
  try {
    const key = createPublicKey({ key: text, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The same key in one canonical form for storage. */
export function canonicalPublicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** The first entry that is not an IP address or CIDR, or null when all are. */
export function invalidWhitelistEntry(list: string[]): string | null {
  return list.find((entry) => !isValidCidr(entry)) ?? null;
}

/** null: any address may use the key. */
export function whitelistMatcher(list: string[]): ((ip: string) => boolean) | null {
  return list.length === 0 ? null : createAllowList(list);
}
