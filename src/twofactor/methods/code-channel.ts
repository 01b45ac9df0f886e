/**
 * The shared half of the email and SMS methods: a 6-digit code bound to one login challenge or to
 * the account's step-up, 10 minutes, one use, at most 5 tries (src/accounts/email-codes.ts).
 */
import { consumeEmailCode, issueEmailCode, type CodePurpose } from '../../accounts/email-codes.js';
import { isLocale } from '../../platform/locale.js';
import { codeMessage, type CodeChannel } from '../mails.js';
import type { TwoFactorRow } from '../store.js';
import type { CodeScope, MethodAccount, MethodDeps, SecondFactorMethod, Verdict } from './method.js';

function binding(channel: CodeChannel, account: MethodAccount, scope: CodeScope): { email: string; purpose: CodePurpose } {
  if (scope.kind === 'challenge') return { email: `challenge:${scope.id}`, purpose: channel === 'email' ? '2fa_email' : '2fa_sms' };
  return { email: `stepup:${account.id}`, purpose: channel === 'email' ? 'step_up_email' : 'step_up_sms' };
}

export function codeChannelMethod(
  channel: CodeChannel,
  options: { isOn(row: TwoFactorRow | undefined): boolean; address(account: MethodAccount, row: TwoFactorRow | undefined): string | null },
): SecondFactorMethod {
  return {
    id: channel,
    forStaff: false,
    isOn: options.isOn,
    async verify(deps, { account, code, scope }): Promise<Verdict> {
      const consumed = await consumeEmailCode(deps, { ...binding(channel, account, scope), code: code.trim() });
      return consumed ? { ok: true } : { ok: false, reason: 'invalid_code' };
    },
    async sendCode(deps: MethodDeps, account, row, scope) {
      const to = options.address(account, row);
      if (!to) throw new Error(`${channel} codes are not on for this account`);
      const { code } = await issueEmailCode(deps, binding(channel, account, scope));
      const locale = isLocale(account.locale) ? account.locale : 'en';
      const ttlMinutes = Math.round(deps.config.verification.codeTtlSeconds / 60);
      await deps.mailer.send(codeMessage(to, channel, scope.kind === 'challenge' ? 'sign_in' : 'step_up', locale, code, ttlMinutes));
    },
  };
}
