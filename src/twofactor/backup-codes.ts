/**
 * Backup codes: 8 per set, each 80 CSPRNG bits written as XXXX-XXXX-XXXX-XXXX in Crockford base32
 * (no I, L, O, U; read case-insensitively, I/L as 1 and O as 0, hyphens optional).
 *
 * Invariants: stored only as an HMAC under the server's code key; a code is used by one conditional
 * UPDATE (used_at IS NULL, src/twofactor/store.ts), so 50 parallel uses of one code give exactly one
 * success; a new set deletes the old one in the same transaction.
 */
import type { Deps } from '../deps.js';
import { hmacHex } from '../platform/crypto.js';
import type { BackupCodeRow } from './store.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BACKUP_CODES_PER_SET = 8;

function encodeCrockford(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function formatBackupCode(normalized: string): string {
  return normalized.match(/.{4}/g)!.join('-');
}

/** The canonical 16-character form of user input, or null when it cannot be a backup code. */
export function normalizeBackupCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(cleaned) ? cleaned : null;
}

export function hashBackupCode(deps: Pick<Deps, 'keys'>, normalized: string): string {
  return hmacHex(deps.keys.codes, `backup\n${normalized}`);
}

/** A fresh set: the codes to show once, and the rows to store (hashes only). */
export function newBackupCodeSet(deps: Pick<Deps, 'random' | 'newId' | 'clock' | 'keys'>): { codes: string[]; rows: BackupCodeRow[] } {
  const now = deps.clock.nowMs();
  const codes = Array.from({ length: BACKUP_CODES_PER_SET }, () => encodeCrockford(deps.random.bytes(10)));
  return { codes: codes.map(formatBackupCode), rows: codes.map((code) => ({ id: deps.newId(), codeHash: hashBackupCode(deps, code), createdAtMs: now })) };
}
