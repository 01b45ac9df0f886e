/**
 * Mails and SMS about the second factor, in English and Simplified Chinese. Notices say what
 * happened, when, from which device, IP and country; codes go only to the channel they verify.
 */
import type { Locale } from '../platform/locale.js';
import type { OutgoingMessage } from '../platform/mail/outbox.js';
import { eventFacts, renderMail, type MailContent, type NoticeEvent } from '../platform/mail/render.js';

const pick = (locale: Locale, en: string, zh: string) => (locale === 'en' ? en : zh);
const HOLD = (locale: Locale) => pick(locale, 'Withdrawals are paused for 24 hours.', '提现功能暂停 24 小时。');

export type CodeChannel = 'email' | 'sms';
const channelName = (locale: Locale, channel: CodeChannel) => (channel === 'email' ? pick(locale, 'Email', '邮箱') : pick(locale, 'SMS', '短信'));

export const twoFactorMails = {
  totpEnabled: (locale: Locale, event: NoticeEvent): MailContent => ({
    subject: pick(locale, 'Authenticator app turned on', '身份验证器已开启'),
    paragraphs: [
      pick(locale, 'Two-factor authentication with an authenticator app was turned on.', '已开启身份验证器双重验证。'),
      `${pick(locale, 'Keep your 8 backup codes somewhere safe.', '请妥善保管 8 个备用码。')} ${HOLD(locale)}`,
    ],
    facts: eventFacts(locale, event),
  }),
  totpRebound: (locale: Locale, event: NoticeEvent): MailContent => ({
    subject: pick(locale, 'Authenticator app changed', '身份验证器已更换'),
    paragraphs: [
      pick(
        locale,
        'Your authenticator app was moved to a new device or secret. Codes from the old one no longer work, and your old backup codes were replaced.',
        '您的身份验证器已更换为新设备或新密钥，旧验证器的验证码已失效，旧备用码也已被替换。',
      ),
      HOLD(locale),
    ],
    facts: eventFacts(locale, event),
  }),
  totpDisabled: (locale: Locale, event: NoticeEvent): MailContent => ({
    subject: pick(locale, 'Authenticator app turned off', '身份验证器已关闭'),
    paragraphs: [
      pick(
        locale,
        'Two-factor authentication with an authenticator app was turned off. Your backup codes no longer work.',
        '身份验证器双重验证已关闭，备用码已失效。',
      ),
      HOLD(locale),
    ],
    facts: eventFacts(locale, event),
  }),
  backupCodesRegenerated: (locale: Locale, event: NoticeEvent): MailContent => ({
    subject: pick(locale, 'New backup codes', '备用码已重新生成'),
    paragraphs: [
      pick(locale, 'A new set of 8 backup codes was created. The previous codes no longer work.', '已生成一组新的 8 个备用码，之前的备用码已失效。'),
    ],
    facts: eventFacts(locale, event),
  }),
  /** `challenge`: a sign-in (or a password reset's second-factor step); `step_up`: a sensitive action confirmed. */
  backupCodeUsed: (locale: Locale, event: NoticeEvent, left: number, use: 'challenge' | 'step_up'): MailContent => ({
    subject: pick(locale, 'A backup code was used', '您的一个备用码已被使用'),
    paragraphs: [
      use === 'challenge'
        ? pick(
            locale,
            `A backup code was used for two-step verification at sign-in (or a password reset). ${left} of 8 codes are left.`,
            `有人在登录（或重置密码）时使用备用码通过了两步验证，8 个备用码还剩 ${left} 个。`,
          )
        : pick(
            locale,
            `A backup code was used to confirm a sensitive action (a withdrawal, an API key, a security change). ${left} of 8 codes are left.`,
            `有人使用备用码确认了一项敏感操作（提现、API 密钥或安全设置变更），8 个备用码还剩 ${left} 个。`,
          ),
      left === 0
        ? pick(locale, 'You have no backup codes left: create a new set in the security center.', '您已没有可用的备用码，请在安全中心重新生成。')
        : pick(locale, 'Create a new set in the security center when you run low.', '备用码不足时，请在安全中心重新生成。'),
    ],
    facts: eventFacts(locale, event),
  }),
  secondFactorFailed: (locale: Locale, event: NoticeEvent, heldBack: number): MailContent => ({
    subject: pick(locale, 'Sign-in stopped at the second factor', '登录在双重验证步骤被拦截'),
    paragraphs: [
      pick(locale, 'Someone entered your correct password but failed the two-factor check.', '有人输入了您的正确密码，但未通过双重验证。'),
      ...(heldBack > 0
        ? [pick(locale, `${heldBack} more failed attempts happened since our last notice about this.`, `自上次通知以来，又发生了 ${heldBack} 次失败的尝试。`)]
        : []),
      pick(
        locale,
        'Your account is safe as long as your second factor is. If this was not you, your password is known to someone else: change it now.',
        '只要您的双重验证安全，您的账户就是安全的。如果不是您本人操作，说明您的密码已泄露，请立即修改。',
      ),
    ],
    facts: eventFacts(locale, event),
  }),
  secondFactorLimit: (locale: Locale, event: NoticeEvent, pausedMinutes: number): MailContent => ({
    subject: pick(locale, 'Sign-ins paused after many failed two-factor attempts', '多次双重验证失败，登录已暂停'),
    paragraphs: [
      pick(
        locale,
        `Too many two-factor codes were wrong for your account, so every sign-in stops at the second factor for up to ${pausedMinutes} minutes.`,
        `您的账户双重验证码错误次数过多，在最长 ${pausedMinutes} 分钟内，所有登录都将在双重验证步骤被拒绝。`,
      ),
      pick(
        locale,
        'Whoever tried knows your password. If it was not you, change your password as soon as you can sign in, or disable the account now.',
        '尝试者知道您的密码。如果不是您本人，请在能够登录后立即修改密码，或者立即停用账户。',
      ),
    ],
    facts: eventFacts(locale, event),
  }),
  methodChanged: (locale: Locale, channel: CodeChannel, enabled: boolean, event: NoticeEvent): MailContent => ({
    subject: pick(
      locale,
      `${channelName(locale, channel)} codes turned ${enabled ? 'on' : 'off'}`,
      `${channelName(locale, channel)}验证码已${enabled ? '开启' : '关闭'}`,
    ),
    paragraphs: [
      pick(
        locale,
        `${channelName(locale, channel)} codes as a second factor were turned ${enabled ? 'on' : 'off'}.`,
        `${channelName(locale, channel)}验证码双重验证已${enabled ? '开启' : '关闭'}。`,
      ),
      HOLD(locale),
    ],
    facts: eventFacts(locale, event),
  }),
};

/** A code for a sign-in, a step-up or a setup, to the channel it proves. */
export function codeMessage(
  to: string,
  channel: CodeChannel,
  purpose: 'sign_in' | 'step_up' | 'setup',
  locale: Locale,
  code: string,
  ttlMinutes: number,
): OutgoingMessage {
  const what = {
    sign_in: pick(locale, 'sign-in code', '登录验证码'),
    step_up: pick(locale, 'confirmation code', '操作确认码'),
    setup: pick(locale, 'code to confirm this change', '确认此项更改的验证码'),
  }[purpose];
  if (channel === 'sms') {
    return {
      to,
      channel,
      subject: 'SMS',
      text: pick(
        locale,
        `Gatehouse ${what}: ${code}. Expires in ${ttlMinutes} min. Never share it.`,
        `Gatehouse ${what}：${code}，${ttlMinutes} 分钟内有效，请勿告诉他人。`,
      ),
    };
  }
  return renderMail(to, {
    subject: pick(locale, `Your Gatehouse ${what}`, `您的 Gatehouse ${what}`),
    paragraphs: [
      pick(locale, `Your ${what} is ${code}.`, `您的${what}是 ${code}。`),
      pick(
        locale,
        `It expires in ${ttlMinutes} minutes. Never share it; staff will never ask for it.`,
        `${ttlMinutes} 分钟内有效。请勿告诉任何人，工作人员绝不会向您索要。`,
      ),
    ],
  });
}
