/** Security notices about API keys, in English and Simplified Chinese. */
import type { Locale } from '../platform/locale.js';
import { eventFacts, type MailContent, type NoticeEvent } from '../platform/mail/render.js';

const pick = (locale: Locale, en: string, zh: string) => (locale === 'en' ? en : zh);

export interface KeyFacts {
  label: string;
  type: string;
  prefix: string;
  permissions: string[];
  ipWhitelist: string[];
}

const describe = (key: KeyFacts) => `"${key.label}" (${key.type}, ${key.prefix}…, ${key.permissions.join(', ')})`;

export const apiKeyMails = {
  created: (locale: Locale, event: NoticeEvent, key: KeyFacts): MailContent => ({
    subject: pick(locale, 'New API key created', '已创建新的 API 密钥'),
    paragraphs: [
      pick(locale, `An API key ${describe(key)} was created for your account.`, `您的账户创建了 API 密钥 ${describe(key)}。`),
      key.ipWhitelist.length > 0
        ? pick(locale, `It works only from: ${key.ipWhitelist.join(', ')}.`, `它只能从以下地址使用：${key.ipWhitelist.join(', ')}。`)
        : pick(locale, 'It works from any IP address.', '它可以从任何 IP 地址使用。'),
      pick(locale, 'If this was not you, delete the key and change your password now.', '如果不是您本人操作，请立即删除该密钥并修改密码。'),
    ],
    facts: eventFacts(locale, event),
  }),
  deleted: (locale: Locale, event: NoticeEvent, key: KeyFacts): MailContent => ({
    subject: pick(locale, 'API key deleted', 'API 密钥已删除'),
    paragraphs: [
      pick(
        locale,
        `The API key ${describe(key)} was deleted. Requests signed with it are refused from now on.`,
        `API 密钥 ${describe(key)} 已删除，此后使用它签名的请求都会被拒绝。`,
      ),
    ],
    facts: eventFacts(locale, event),
  }),
};
