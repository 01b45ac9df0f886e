/**
 * Time-ordered ids (ULID: 48-bit time + 80 random bits, Crockford base32). Ordered ids make
 * "newest first" paging a plain `id < cursor` scan. The random part comes from the CSPRNG through a
 * pooled buffer: one randomBytes call per 400 ids instead of one per character.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';

export type IdFactory = () => string;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const POOL_BYTES = 4000;

export function createIdFactory(clock: Clock): IdFactory {
  let pool = randomBytes(POOL_BYTES);
  let offset = 0;
  let lastMs = -1;
  let lastRandom: number[] = [];
  return () => {
    const now = clock.nowMs();
    let random: number[];
    if (now === lastMs) {
      // Same millisecond: increment the previous random part, so ids stay strictly ordered.
      random = lastRandom.slice();
      for (let i = random.length - 1; i >= 0; i--) {
        if (random[i]! < 31) {
          random[i]!++;
          break;
        }
        random[i] = 0;
      }
    } else {
      if (offset + 10 > pool.length) {
        pool = randomBytes(POOL_BYTES);
        offset = 0;
      }
      random = [];
      // 10 bytes = 80 bits = 16 base32 characters.
      let bits = 0;
      let value = 0;
      for (let i = 0; i < 10; i++) {
        value = (value << 8) | pool[offset + i]!;
        bits += 8;
        while (bits >= 5) {
          random.push((value >>> (bits - 5)) & 31);
          bits -= 5;
        }
        value &= (1 << bits) - 1;
      }
      offset += 10;
    }
    lastMs = now;
    lastRandom = random;
    let time = '';
    for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32]! + time;
    return time + random.map((r) => ALPHABET[r]).join('');
  };
}
