import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** SHA-256 hex of a high-entropy secret (session tokens, links): enough, as they cannot be guessed. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
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
