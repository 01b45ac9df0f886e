/**
 * Six-digit codes sent by mail (registration now; email 2FA and others later).
 *
 * Protects: proof of control of an address. Invariants: a code is stored only as an HMAC under the
 * server key; issuing a new code retires the earlier ones for the same address and purpose; every
 * try takes one of `maxAttempts` slots in one atomic UPDATE before the comparison, so parallel
 * guesses cannot exceed the limit; a correct code is consumed by one conditional UPDATE, so it works
 * once even under concurrency. Threat: online guessing of a 10^6 space, replay of a used code.
 */
import type { Deps } from '../deps.js';
import { hmacHex, safeEqual } from '../platform/crypto.js';
import { randomDigits } from '../platform/random.js';

export type CodePurpose = 'register' | '2fa_email' | '2fa_sms' | 'email_2fa_setup' | 'phone_verify';

export interface IssuedCode {
  code: string;
  expiresAtMs: number;
}

function codeHash(deps: Pick<Deps, 'keys'>, purpose: string, email: string, code: string): string {
  return hmacHex(deps.keys.codes, `${purpose}\n${email}\n${code}`);
}

export async function issueEmailCode(
  deps: Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'keys' | 'config'>,
  input: { email: string; purpose: CodePurpose; passwordHash?: string },
): Promise<IssuedCode> {
  const now = deps.clock.nowMs();
  const code = randomDigits(deps.random, 6);
  const expiresAtMs = now + deps.config.verification.codeTtlSeconds * 1000;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('email_codes')
      .set({ consumed_at: now })
      .where('email', '=', input.email)
      .where('purpose', '=', input.purpose)
      .where('consumed_at', 'is', null)
      .execute();
    await trx
      .insertInto('email_codes')
      .values({
        id: deps.newId(),
        email: input.email,
        purpose: input.purpose,
        code_hash: codeHash(deps, input.purpose, input.email, code),
        password_hash: input.passwordHash ?? null,
        expires_at: expiresAtMs,
        consumed_at: null,
        created_at: now,
      })
      .execute();
  });
  return { code, expiresAtMs };
}

/**
 * Uses up one try of the live code for this address and purpose and, when the code matches, consumes
 * it. Returns the consumed row's payload, or null for wrong, used, expired or exhausted codes.
 */
export async function consumeEmailCode(
  deps: Pick<Deps, 'db' | 'clock' | 'keys' | 'config'>,
  input: { email: string; purpose: CodePurpose; code: string },
): Promise<{ passwordHash: string | null } | null> {
  const now = deps.clock.nowMs();
  const attempt = await deps.db
    .updateTable('email_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('email', '=', input.email)
    .where('purpose', '=', input.purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', deps.config.verification.maxAttempts)
    .returning(['id', 'code_hash'])
    .executeTakeFirst();
  if (!attempt) return null;
  if (!safeEqual(attempt.code_hash, codeHash(deps, input.purpose, input.email, input.code))) return null;
  const consumed = await deps.db
    .updateTable('email_codes')
    .set({ consumed_at: now })
    .where('id', '=', attempt.id)
    .where('consumed_at', 'is', null)
    .returning(['password_hash'])
    .executeTakeFirst();
  return consumed ? { passwordHash: consumed.password_hash } : null;
}
