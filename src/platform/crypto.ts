import nodeCrypto, { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The one-shot crypto.hash (Node 20.12+) skips the Hash object: a quarter of the cost per call,
// which counts on the signed API, where every request hashes its API key.
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** SHA-256 hex of a high-entropy secret (session tokens, links): enough, as they cannot be guessed. */
export function sha256Hex(value: string): string {
  return oneShotHash ? oneShotHash('sha256', value, 'hex') : createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Keyed hash for low-entropy secrets (6-digit codes): without the server key a stolen table is useless. */
export function hmacHex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** Constant-time string equality; unequal lengths compare as unequal without an early exit on content. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
