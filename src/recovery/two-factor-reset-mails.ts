/**
 * Mails of the scheduled 2FA reset, as plain data in 'en' or 'zh-CN'. The "scheduled" mail goes out
 * the moment staff approve, so that an owner who never asked learns of it with a whole hold period
 * left to stop it with one click.
 */
import type { OutgoingMessage } from '../platform/mail/outbox.js';

export type MailLocale = 'en' | 'zh-CN';

function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function resetScheduledMail(locale: MailLocale, input: { to: string; dueAtMs: number; link: string; token: string }): OutgoingMessage {
  const api = `(API: POST /api/v1/auth/2fa-reset/cancel {"token": "${input.token}"})`;
  if (locale === 'zh-CN') {
    return {
      to: input.to,
      channel: 'email',
      subject: '您的双重验证将被重置',
      text: [
        `根据您的工单，客服已批准重置您账户的双重验证。重置将在 ${when(input.dueAtMs)} 生效：届时身份验证器、短信和邮箱验证码以及备用码都将被移除，所有登录会话将退出，提现暂停 24 小时。`,
        '如果这不是您本人申请的，请立即打开以下链接取消（无需登录）：',
        input.link,
        api,
      ].join('\n\n'),
    };
  }
  return {
    to: input.to,
    channel: 'email',
    subject: 'Your two-factor authentication will be reset',
    text: [
      `Following your support ticket, our staff approved a reset of your account's two-factor authentication. It takes effect at ${when(input.dueAtMs)}: the authenticator app, SMS and email codes and all backup codes are then removed, every session is signed out, and withdrawals pause for 24 hours.`,
      'If you did not ask for this, cancel it now with this link (no sign-in needed):',
      input.link,
      api,
    ].join('\n\n'),
  };
}

export function resetCancelledMail(locale: MailLocale, input: { to: string }): OutgoingMessage {
  if (locale === 'zh-CN') {
    return {
      to: input.to,
      channel: 'email',
      subject: '双重验证重置已取消',
      text: '计划中的双重验证重置已被取消，您的账户没有任何变化。如果不是您本人取消的，请联系客服。',
    };
  }
  return {
    to: input.to,
    channel: 'email',
    subject: 'The reset of your two-factor authentication was cancelled',
    text: 'The scheduled reset of your two-factor authentication was cancelled; nothing in your account changed. If you did not cancel it, contact support.',
  };
}

export function resetDoneMail(locale: MailLocale, input: { to: string; at: Date }): OutgoingMessage {
  if (locale === 'zh-CN') {
    return {
      to: input.to,
      channel: 'email',
      subject: '您的双重验证已重置',
      text: [
        `您账户的双重验证已于 ${when(input.at.getTime())} 重置：所有第二验证方式和备用码已移除，所有会话已退出，提现暂停 24 小时。`,
        '请登录后立即重新开启身份验证器。',
      ].join('\n\n'),
    };
  }
  return {
    to: input.to,
    channel: 'email',
    subject: 'Your two-factor authentication was reset',
    text: [
      `The two-factor authentication of your account was reset at ${when(input.at.getTime())}: every second factor and backup code was removed, every session was signed out, and withdrawals are paused for 24 hours.`,
      'Sign in and turn the authenticator app on again right away.',
    ].join('\n\n'),
  };
}
