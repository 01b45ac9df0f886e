/** Mails of the sign-in itself, in English and Simplified Chinese. */
import type { Locale } from '../platform/locale.js';
import { eventFacts, type MailContent, type NoticeEvent } from '../platform/mail/render.js';

const pick = (locale: Locale, en: string, zh: string) => (locale === 'en' ? en : zh);

export const loginMails = {
  confirmDevice: (locale: Locale, event: NoticeEvent, link: string, token: string): MailContent => ({
    subject: pick(locale, 'Approve a sign-in from a new device', '批准新设备登录'),
    paragraphs: [
      pick(
        locale,
        'Someone signed in to your Gatehouse account with the correct password from a new device.',
        '有人使用正确的密码从一台新设备登录了您的 Gatehouse 账户。',
      ),
      pick(locale, 'If this was you, approve it within 15 minutes.', '如果是您本人，请在 15 分钟内批准。'),
    ],
    facts: eventFacts(locale, event),
    action: { label: pick(locale, 'Approve this sign-in', '批准此次登录'), url: link },
    footnotes: [
      pick(
        locale,
        `(API clients: POST /api/v1/auth/login/confirm-device with {"token": "${token}"}.)`,
        `（API 客户端：POST /api/v1/auth/login/confirm-device，请求体 {"token": "${token}"}。）`,
      ),
      pick(
        locale,
        'If this was not you, do not open the link: change your password at once. Nobody can sign in from that device without this approval.',
        '如果不是您本人，请不要打开链接，并立即修改密码。未经批准，任何人都无法从该设备登录。',
      ),
    ],
  }),

  newCountry: (locale: Locale, event: NoticeEvent): MailContent => ({
    subject: pick(locale, 'Sign-in from a new country', '来自新国家/地区的登录'),
    paragraphs: [
      pick(
        locale,
        `Your account was signed in to from ${event.country ?? 'a country'} for the first time.`,
        `您的账户首次在${event.country ?? '新的国家/地区'}登录。`,
      ),
      pick(locale, 'If this was you (travelling, a VPN), nothing needs to be done.', '如果是您本人（例如出行或使用 VPN），无需任何操作。'),
    ],
    facts: eventFacts(locale, event),
  }),
};
