/**
 * Request ids: ULID-shaped (time-sortable, 26 Crockford characters) but cheap. The random part is a
 * per-process random prefix plus a counter, so generating one costs no CSPRNG call. Request ids are
 * correlation handles, not secrets; anything secret uses crypto.randomBytes.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32]! + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

export function createRequestIdFactory(clock: Clock): () => string {
  const prefix = [...randomBytes(8)].map((b) => ALPHABET[b % 32]).join('');
  let counter = 0;
  let lastMs = -1;
  let timePart = '';
  return () => {
    const now = clock.nowMs();
    if (now !== lastMs) {
      lastMs = now;
      timePart = encodeTime(now);
    }
    counter = (counter + 1) % 32 ** 8;
    let tail = '';
    for (let n = counter, i = 0; i < 8; i++, n = Math.floor(n / 32)) tail = ALPHABET[n % 32]! + tail;
    return timePart + prefix + tail;
  };
}
