/**
 * Six-digit codes sent by mail or SMS: registration, second-factor challenges, setup and step-up.
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
import { consumeEmailCodeRow, replaceEmailCode, takeEmailCodeTry } from './store.js';

export type CodePurpose = 'register' | '2fa_email' | '2fa_sms' | 'email_2fa_setup' | 'phone_verify' | 'step_up_email' | 'step_up_sms';

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
  await replaceEmailCode(deps.db, {
    id: deps.newId(),
    email: input.email,
    purpose: input.purpose,
    codeHash: codeHash(deps, input.purpose, input.email, code),
    passwordHash: input.passwordHash ?? null,
    nowMs: now,
    expiresAtMs,
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
  const attempt = await takeEmailCodeTry(deps.db, input.email, input.purpose, now, deps.config.verification.maxAttempts);
  if (!attempt) return null;
  if (!safeEqual(attempt.code_hash, codeHash(deps, input.purpose, input.email, input.code))) return null;
  const consumed = await consumeEmailCodeRow(deps.db, attempt.id, now);
  return consumed ? { passwordHash: consumed.password_hash } : null;
}
