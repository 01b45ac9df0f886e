/**
 * The support desk's mails, in the ticket's language ('en' or 'zh-CN'), as content that render.ts
 * lays out as text and HTML. Mails never repeat what a requester typed (a stranger can file with
 * someone else's address) and never carry more than the one link they exist for.
 */
import type { Locale } from '../platform/locale.js';
import type { MailContent } from '../platform/mail/render.js';

export type MailLocale = Locale;

const pick = (locale: Locale, en: string, zh: string) => (locale === 'en' ? en : zh);

const CATEGORY_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  account_frozen: { en: 'account frozen', 'zh-CN': '账户冻结' },
  reset_2fa: { en: 'reset two-factor authentication', 'zh-CN': '重置双重验证' },
  region_change: { en: 'region change', 'zh-CN': '地区变更' },
  login_error: { en: 'login problem', 'zh-CN': '登录问题' },
  compromised: { en: 'account compromised', 'zh-CN': '账户被盗' },
  other: { en: 'other', 'zh-CN': '其他' },
};

function categoryName(category: string, locale: Locale): string {
  return CATEGORY_NAMES[category]?.[locale] ?? category;
}

function day(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function ticketConfirmationMail(
  locale: Locale,
  input: { ticketId: string; category: string; link: string; token: string; ttlHours: number },
): MailContent {
  return {
    subject: pick(locale, 'Confirm your support ticket', '请确认您的工单'),
    paragraphs: [
      pick(
        locale,
        `A support ticket was filed with this email address (ticket ${input.ticketId}, category: ${categoryName(input.category, locale)}).`,
        `有人使用此邮箱提交了一个客服工单（编号 ${input.ticketId}，类别：${categoryName(input.category, locale)}）。`,
      ),
      pick(
        locale,
        `If it was you, confirm it within ${input.ttlHours} hours; only then does it reach our support team.`,
        `如果是您本人提交的，请在 ${input.ttlHours} 小时内确认，确认后工单才会进入处理队列。`,
      ),
    ],
    action: { label: pick(locale, 'Confirm the ticket', '确认工单'), url: input.link },
    footnotes: [
      pick(
        locale,
        `(API: POST /api/v1/tickets/confirm with {"token": "${input.token}"}.)`,
        `（API：POST /api/v1/tickets/confirm，请求体 {"token": "${input.token}"}。）`,
      ),
      pick(
        locale,
        'If it was not you, ignore this mail: an unconfirmed ticket is never worked on and changes nothing in any account.',
        '如果不是您提交的，请忽略此邮件；未经确认的工单不会被处理，也不会改变您的账户。',
      ),
    ],
  };
}

export function staffReplyMail(locale: Locale, input: { ticketId: string; body: string; pageUrl: string }): MailContent {
  return {
    subject: pick(locale, `New reply on your support ticket ${input.ticketId}`, `您的工单 ${input.ticketId} 有新回复`),
    paragraphs: [pick(locale, 'Our support team replied to your ticket:', '客服回复了您的工单：'), input.body],
    action: { label: pick(locale, 'Open the ticket', '打开工单'), url: input.pageUrl },
    footnotes: [pick(locale, 'The link opens the ticket without signing in: do not forward this mail.', '该链接无需登录即可打开工单，请勿转发此邮件。')],
  };
}

const RESOLUTIONS: Record<string, { en: string; 'zh-CN': string }> = {
  unfreeze: { en: 'Your account was unfrozen. You can sign in again.', 'zh-CN': '您的账户已解冻，现在可以重新登录。' },
  set_kyc_region: { en: 'The region of your account was updated.', 'zh-CN': '您账户的地区信息已更新。' },
  none: { en: 'Your ticket was resolved.', 'zh-CN': '您的工单已处理完毕。' },
};

export function ticketResolvedMail(locale: Locale, input: { ticketId: string; action: string; kycCountry?: string | null; pageUrl: string }): MailContent {
  const outcome = RESOLUTIONS[input.action] ?? RESOLUTIONS.none!;
  const kyc = input.kycCountry ? pick(locale, ` New region: ${input.kycCountry}.`, `新的地区：${input.kycCountry}。`) : '';
  return {
    subject: pick(locale, `Your support ticket ${input.ticketId} was resolved`, `您的工单 ${input.ticketId} 已处理`),
    paragraphs: [
      outcome[locale] + kyc,
      pick(locale, 'If the problem is not solved, reply on the ticket and it opens again.', '如果问题仍未解决，可以直接在工单中回复，工单会重新打开。'),
    ],
    action: { label: pick(locale, 'Open the ticket', '打开工单'), url: input.pageUrl },
  };
}

export function expectedResponseText(locale: Locale, dueAtMs: number): string {
  return pick(locale, `expected reply by ${day(dueAtMs)}`, `预计在 ${day(dueAtMs)} 前回复`);
}
