/**
 * The account lifecycle's mails, in English and Simplified Chinese. Plain data: each returns the
 * content, and render.ts lays it out as text and HTML. No secret beyond the one code or link a mail
 * exists to carry.
 */
import type { Locale } from '../platform/locale.js';
import { eventFacts, type MailContent, type NoticeEvent } from '../platform/mail/render.js';

const pick = (locale: Locale, en: string, zh: string) => (locale === 'en' ? en : zh);

export const accountMails = {
  registrationCode: (locale: Locale, code: string, ttlMinutes: number): MailContent => ({
    subject: pick(locale, 'Your Gatehouse verification code', 'Gatehouse 验证码'),
    paragraphs: [
      pick(locale, `Your verification code is ${code}.`, `您的验证码是 ${code}。`),
      pick(locale, `It expires in ${ttlMinutes} minutes and works once.`, `验证码 ${ttlMinutes} 分钟内有效，只能使用一次。`),
      pick(
        locale,
        'If you did not try to create an account, ignore this mail; nothing happens without the code.',
        '如果您没有注册账户，请忽略此邮件；没有验证码，任何操作都不会生效。',
      ),
    ],
  }),

  alreadyRegistered: (locale: Locale, publicUrl: string): MailContent => ({
    subject: pick(locale, 'Someone tried to register with your email', '有人尝试使用您的邮箱注册'),
    paragraphs: [
      pick(
        locale,
        'Someone tried to create a Gatehouse account with this email address, which already has an account.',
        '有人尝试使用此邮箱注册 Gatehouse 账户，但该邮箱已有账户。',
      ),
      pick(
        locale,
        'If it was you, sign in instead; if you forgot your password, reset it from the sign-in page.',
        '如果是您本人，请直接登录；如果忘记了密码，请在登录页面重置。',
      ),
      pick(locale, 'If it was not you, no action is needed: your account was not changed.', '如果不是您本人，无需任何操作，您的账户没有任何变化。'),
    ],
    action: { label: pick(locale, 'Sign in', '登录'), url: `${publicUrl}/login` },
  }),

  /** "Forgot password" for an address whose registration was never confirmed: how to finish it. */
  registrationUnfinished: (locale: Locale, publicUrl: string): MailContent => ({
    subject: pick(locale, 'Finish creating your Gatehouse account', '完成 Gatehouse 账户注册'),
    paragraphs: [
      pick(
        locale,
        'Someone asked to reset the password of this email address, but its registration was never confirmed, so it has no password to reset yet.',
        '有人请求重置此邮箱的密码，但该邮箱的注册尚未确认，因此还没有可以重置的密码。',
      ),
      pick(
        locale,
        'If it was you, register again with this address and enter the 6-digit code we send you. If it was not you, no action is needed.',
        '如果是您本人，请使用此邮箱重新注册，并输入我们发送的 6 位验证码。如果不是您本人，无需任何操作。',
      ),
    ],
    action: { label: pick(locale, 'Register', '注册'), url: `${publicUrl}/register` },
  }),
  /** A change while signed in ends the other sessions; a reset by link ends all of them. */
  passwordChanged: (locale: Locale, event: NoticeEvent, how: 'changed' | 'reset'): MailContent => ({
    subject:
      how === 'changed'
        ? pick(locale, 'Your Gatehouse password was changed', '您的 Gatehouse 密码已修改')
        : pick(locale, 'Your Gatehouse password was reset', '您的 Gatehouse 密码已重置'),
    paragraphs: [
      how === 'changed'
        ? pick(locale, 'Your password was changed.', '您的密码已被修改。')
        : pick(locale, 'Your password was reset with a link from a "forgot password" mail.', '您的密码已通过"忘记密码"邮件中的链接重置。'),
      how === 'changed'
        ? pick(
            locale,
            'All other sessions were signed out, and withdrawals are paused for 24 hours as a precaution.',
            '其他所有会话已退出登录，为安全起见，提现功能暂停 24 小时。',
          )
        : pick(
            locale,
            'Every session was signed out, and withdrawals are paused for 24 hours as a precaution.',
            '所有会话已退出登录，为安全起见，提现功能暂停 24 小时。',
          ),
    ],
    facts: eventFacts(locale, event),
  }),

  resetLink: (locale: Locale, url: string, ttlMinutes: number): MailContent => ({
    subject: pick(locale, 'Reset your Gatehouse password', '重置您的 Gatehouse 密码'),
    paragraphs: [
      pick(locale, 'Someone asked to reset the password of the Gatehouse account with this email address.', '有人请求重置此邮箱对应的 Gatehouse 账户密码。'),
      pick(locale, `The link works once, for ${ttlMinutes} minutes.`, `链接只能使用一次，${ttlMinutes} 分钟内有效。`),
      pick(locale, 'If it was not you, ignore this mail: your password stays as it is.', '如果不是您本人操作，请忽略此邮件，您的密码不会改变。'),
    ],
    action: { label: pick(locale, 'Choose a new password', '设置新密码'), url },
  }),

  disabled: (locale: Locale, event: NoticeEvent): MailContent => ({
    subject: pick(locale, 'Your Gatehouse account was disabled', '您的 Gatehouse 账户已被停用'),
    paragraphs: [
      pick(locale, 'Your account was disabled. All sessions were signed out; nobody can sign in.', '您的账户已停用，所有会话已退出登录，任何人都无法登录。'),
      pick(
        locale,
        'To use it again, open a support ticket (category "account_frozen") with proof of identity; this takes 1-3 working days.',
        '如需恢复使用，请提交工单（类别"account_frozen"）并提供身份证明，处理时间为 1-3 个工作日。',
      ),
    ],
    facts: eventFacts(locale, event),
  }),
};
