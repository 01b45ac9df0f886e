/**
 * Backup codes: 8 per set, each 80 CSPRNG bits written as XXXX-XXXX-XXXX-XXXX in Crockford base32
 * (no I, L, O, U; read case-insensitively, I/L as 1 and O as 0, hyphens optional).
 *
 * Invariants: stored only as an HMAC under the server's code key; a code is used by one conditional
 * UPDATE (used_at IS NULL), so 50 parallel uses of one code give exactly one success; a new set
 * deletes the old one in the same transaction.
 */
import type { Deps } from '../deps.js';
import type { Db } from '../platform/db/schema.js';
import { hmacHex } from '../platform/crypto.js';

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

function hashBackupCode(deps: Pick<Deps, 'keys'>, normalized: string): string {
  return hmacHex(deps.keys.codes, `backup\n${normalized}`);
}

/** Replaces the account's backup codes with a fresh set; returns the codes to show once. */
export async function issueBackupCodes(
  deps: Pick<Deps, 'db' | 'random' | 'newId' | 'clock' | 'keys'>,
  accountId: string,
  trx: Db = deps.db,
): Promise<string[]> {
  const now = deps.clock.nowMs();
  const codes = Array.from({ length: BACKUP_CODES_PER_SET }, () => encodeCrockford(deps.random.bytes(10)));
  await trx.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
  await trx
    .insertInto('backup_codes')
    .values(codes.map((code) => ({ id: deps.newId(), account_id: accountId, code_hash: hashBackupCode(deps, code), created_at: now, used_at: null })))
    .execute();
  return codes.map(formatBackupCode);
}

/** Uses one backup code; true when it was unused and now is used. */
export async function consumeBackupCode(deps: Pick<Deps, 'db' | 'clock' | 'keys'>, accountId: string, input: string): Promise<boolean> {
  const normalized = normalizeBackupCode(input);
  if (!normalized) return false;
  const row = await deps.db
    .updateTable('backup_codes')
    .set({ used_at: deps.clock.nowMs() })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hashBackupCode(deps, normalized))
    .where('used_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function countBackupCodesLeft(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('backup_codes')
    .select((eb) => eb.fn.countAll<number>().as('left'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.left ?? 0);
}

export async function countBackupCodesIssued(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('backup_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
