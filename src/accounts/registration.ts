/**
 * Registration with email verification.
 *
 * Protects: against account enumeration and account pre-hijacking. Invariants: the answer is the same
 * 202 for new, unverified and existing addresses, and each path costs one password hash and one
 * outbox mail; a verification code carries the password hash chosen by whoever requested it, so
 * verifying binds the password of the person who controls the mailbox, not of an earlier registrant.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { checkPasswordPolicy, normalizePassword } from '../platform/passwords/policy.js';
import { enforce } from '../limits/auth-limits.js';
import { runAdmitted, type Lane } from '../limits/admission.js';
import type { Locale } from '../platform/locale.js';
import { renderMail } from '../platform/mail/render.js';
import { isValidEmail, normalizeEmail } from './email.js';
import { consumeEmailCode, issueEmailCode } from './email-codes.js';
import { accountMails } from './mails.js';
import { localeOf } from './security-notice.js';
import { findAccountByEmail, insertAccount, markEmailVerified, replaceUnverifiedPassword } from './store.js';

type RegistrationDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'keys' | 'config' | 'hasher' | 'mailer' | 'limits' | 'hashGate'>;

export function requireValidEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (!isValidEmail(email)) throw new AppError('VALIDATION_FAILED', { details: { fields: { email: 'invalid email address' } } });
  return email;
}

export function requireAcceptablePassword(deps: Pick<Deps, 'config'>, raw: string, field = 'password'): string {
  const password = normalizePassword(raw);
  const weak = checkPasswordPolicy(password, deps.config.passwords);
  if (weak) throw new AppError('WEAK_PASSWORD', { reason: weak, details: { field } });
  return password;
}

/** Hashes through the admission gate; sheds with 1003 `overloaded` when it is full. */
export function hashAdmitted(deps: Pick<Deps, 'hasher' | 'hashGate' | 'config'>, password: string, lane: Lane = 'normal'): Promise<string> {
  return runAdmitted(deps, lane, (hasher) => hasher.hash(password));
}

/** `locale`: the language of the request that creates the account; its mails use it from then on. */
export async function registerAccount(deps: RegistrationDeps, input: { email: string; password: string; locale: Locale }): Promise<void> {
  const email = requireValidEmail(input.email);
  const password = requireAcceptablePassword(deps, input.password);
  // One mail per address per cooldown, whether or not the address has an account.
  enforce(await deps.limits.sendCooldown(`register:${email}`));
  const passwordHash = await hashAdmitted(deps, password);
  const now = deps.clock.nowMs();
  const ttlMinutes = Math.round(deps.config.verification.codeTtlSeconds / 60);

  let existing = await findAccountByEmail(deps.db, email);
  if (!existing) {
    const inserted = await insertAccount(deps.db, { id: deps.newId(), email, passwordHash, nowMs: now, locale: input.locale });
    if (!inserted) existing = await findAccountByEmail(deps.db, email);
  }
  if (existing?.email_verified_at != null) {
    // Stored like any registration (its code is never sent), so that a login with this password
    // answers 4019 exactly as it would for a new address (src/accounts/password-check.ts).
    await issueEmailCode(deps, { email, purpose: 'register', passwordHash });
    await deps.mailer.send(renderMail(email, accountMails.alreadyRegistered(localeOf(existing), deps.config.publicUrl)));
    return;
  }
  if (existing) await replaceUnverifiedPassword(deps.db, existing.id, passwordHash, now, input.locale);
  const { code } = await issueEmailCode(deps, { email, purpose: 'register', passwordHash });
  await deps.mailer.send(renderMail(email, accountMails.registrationCode(input.locale, code, ttlMinutes)));
}

export async function verifyRegistration(deps: RegistrationDeps, input: { email: string; code: string }, ip: string): Promise<void> {
  const email = normalizeEmail(input.email);
  const { passed, value: passwordHash } = await deps.limits.attempt('code', ip, `register:${email}`, async () => {
    const consumed = await consumeEmailCode(deps, { email, purpose: 'register', code: input.code });
    return { passed: Boolean(consumed?.passwordHash), value: consumed?.passwordHash ?? null };
  });
  if (!passed || !passwordHash) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const verified = await markEmailVerified(deps.db, email, passwordHash, deps.clock.nowMs());
  if (!verified) throw new AppError('INVALID_OR_EXPIRED_CODE');
}
