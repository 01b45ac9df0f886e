/**
 * Email and SMS codes as backup second factors, turned on and off from the security center.
 *
 * Protects: against a stolen or fresh session planting a way to receive codes. Invariants: every
 * change needs the current second factor (or, when the account has none yet, the password) in the
 * request that starts it; the change then applies only with a code sent to the channel itself (the
 * account's address, or the new number), so it also proves the channel works; staff cannot use a
 * mailbox or a phone number as their second factor (they sign in with TOTP only); every change holds
 * withdrawals for 24 h and mails the owner.
 */
import type { RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { consumeEmailCode, issueEmailCode } from '../accounts/email-codes.js';
import { proveCurrentPassword } from '../accounts/reauth.js';
import { localeOf } from '../accounts/security-notice.js';
import { rolesOf, type AccountRow } from '../accounts/store.js';
import { enforce } from '../limits/auth-limits.js';
import { normalizePhone } from '../platform/sms/phone.js';
import { afterSecondFactorChange, type EnrollDeps } from './enrollment.js';
import { codeMessage, twoFactorMails } from './mails.js';
import { hasSecondFactor, proveSecondFactor } from './step-up.js';
import { findTwoFactor, setEmailMethod, setSmsMethod } from './store.js';

export interface ChannelChange {
  code?: string;
  password?: string;
  twoFactorCode?: string;
}

async function proveChangeAllowed(deps: EnrollDeps, account: AccountRow, input: ChannelChange, ctx: RequestContext): Promise<void> {
  if (rolesOf(account).length > 0) throw new AppError('FORBIDDEN', { reason: 'staff_totp_only' });
  if (hasSecondFactor(await findTwoFactor(deps.db, account.id))) await proveSecondFactor(deps, account, input.twoFactorCode, ctx);
  else await proveCurrentPassword(deps, account, input.password, ctx.ip);
}

async function sendSetupCode(
  deps: EnrollDeps,
  account: AccountRow,
  to: string,
  channel: 'email' | 'sms',
  subject: string,
  purpose: 'email_2fa_setup' | 'phone_verify',
) {
  enforce(await deps.limits.sendCooldown(`${channel}-setup:${account.id}`));
  enforce(await deps.limits.codeSendBudget(account.id));
  const { code } = await issueEmailCode(deps, { email: subject, purpose });
  await deps.mailer.send(codeMessage(to, channel, 'setup', localeOf(account), code, Math.round(deps.config.verification.codeTtlSeconds / 60)));
}

async function consumeSetupCode(deps: EnrollDeps, ip: string, subject: string, purpose: 'email_2fa_setup' | 'phone_verify', code: string): Promise<void> {
  const { passed } = await deps.limits.attempt('code', ip, subject, async () => ({
    passed: (await consumeEmailCode(deps, { email: subject, purpose, code })) !== null,
    value: null,
  }));
  if (!passed) throw new AppError('INVALID_OR_EXPIRED_CODE');
}

/** Email codes on/off: the first call (with the proof) mails a code to the account address, the second carries it. */
export async function setEmailCodes(deps: EnrollDeps, account: AccountRow, input: ChannelChange & { enabled: boolean }, ctx: RequestContext) {
  const subject = `email2fa:${account.id}:${input.enabled ? 'on' : 'off'}`;
  if (!input.code) {
    await proveChangeAllowed(deps, account, input, ctx);
    await sendSetupCode(deps, account, account.email, 'email', subject, 'email_2fa_setup');
    return { status: 'code_sent' as const };
  }
  await consumeSetupCode(deps, ctx.ip, subject, 'email_2fa_setup', input.code);
  await setEmailMethod(deps.db, account.id, input.enabled ? deps.clock.nowMs() : null);
  await afterSecondFactorChange(deps, account, ctx, (locale, event) => twoFactorMails.methodChanged(locale, 'email', input.enabled, event));
  return { status: input.enabled ? ('enabled' as const) : ('disabled' as const) };
}

/** SMS codes: `{phone}` (with the proof) sends a code to that number; `{phone, code}` verifies it and turns SMS on. */
export async function setSmsPhone(deps: EnrollDeps, account: AccountRow, input: ChannelChange & { phone: string }, ctx: RequestContext) {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('VALIDATION_FAILED', { details: { fields: { phone: 'must be an international number, e.g. +4915112345678' } } });
  const subject = `phone:${account.id}:${phone}`;
  if (!input.code) {
    await proveChangeAllowed(deps, account, input, ctx);
    await sendSetupCode(deps, account, phone, 'sms', subject, 'phone_verify');
    return { status: 'code_sent' as const };
  }
  await consumeSetupCode(deps, ctx.ip, subject, 'phone_verify', input.code);
  await setSmsMethod(deps.db, account.id, phone, deps.clock.nowMs());
  await afterSecondFactorChange(deps, account, ctx, (locale, event) => twoFactorMails.methodChanged(locale, 'sms', true, event));
  return { status: 'enabled' as const };
}
