/**
 * Mails of the scheduled 2FA reset, in English and Simplified Chinese, as content that render.ts lays
 * out as text and HTML. The "scheduled" mail goes out the moment staff approve, so that an owner who
 * never asked learns of it with a whole hold period left to stop it with one click.
 */
import type { Locale } from '../platform/locale.js';
import type { MailContent } from '../platform/mail/render.js';

export type MailLocale = Locale;

const pick = (locale: Locale, en: string, zh: string) => (locale === 'en' ? en : zh);

function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function resetScheduledMail(locale: Locale, input: { dueAtMs: number; link: string; token: string }): MailContent {
  return {
    subject: pick(locale, 'Your two-factor authentication will be reset', '您的双重验证将被重置'),
    paragraphs: [
      pick(
        locale,
        `Following your support ticket, our staff approved a reset of your account's two-factor authentication. It takes effect at ${when(input.dueAtMs)}: the authenticator app, SMS and email codes and all backup codes are then removed, every session is signed out, and withdrawals pause for 24 hours.`,
        `根据您的工单，客服已批准重置您账户的双重验证。重置将在 ${when(input.dueAtMs)} 生效：届时身份验证器、短信和邮箱验证码以及备用码都将被移除，所有登录会话将退出，提现暂停 24 小时。`,
      ),
      pick(locale, 'If you did not ask for this, cancel it now (no sign-in needed).', '如果这不是您本人申请的，请立即取消（无需登录）。'),
    ],
    action: { label: pick(locale, 'Cancel the reset', '取消重置'), url: input.link },
    footnotes: [
      pick(
        locale,
        `(API: POST /api/v1/auth/2fa-reset/cancel with {"token": "${input.token}"}.)`,
        `（API：POST /api/v1/auth/2fa-reset/cancel，请求体 {"token": "${input.token}"}。）`,
      ),
    ],
  };
}

export function resetCancelledMail(locale: Locale): MailContent {
  return {
    subject: pick(locale, 'The reset of your two-factor authentication was cancelled', '双重验证重置已取消'),
    paragraphs: [
      pick(
        locale,
        'The scheduled reset of your two-factor authentication was cancelled; nothing in your account changed. If you did not cancel it, contact support.',
        '计划中的双重验证重置已被取消，您的账户没有任何变化。如果不是您本人取消的，请联系客服。',
      ),
    ],
  };
}

export function resetDoneMail(locale: Locale, atMs: number): MailContent {
  return {
    subject: pick(locale, 'Your two-factor authentication was reset', '您的双重验证已重置'),
    paragraphs: [
      pick(
        locale,
        `The two-factor authentication of your account was reset at ${when(atMs)}: every second factor and backup code was removed, every session was signed out, and withdrawals are paused for 24 hours.`,
        `您账户的双重验证已于 ${when(atMs)} 重置：所有第二验证方式和备用码已移除，所有会话已退出，提现暂停 24 小时。`,
      ),
      pick(locale, 'Sign in and turn the authenticator app on again right away.', '请登录后立即重新开启身份验证器。'),
    ],
  };
}
