/**
 * The support desk's mails, as plain data: each function returns an OutgoingMessage in the ticket's
 * language ('en' or 'zh-CN'). Mails never repeat what a requester typed (a stranger can file with
 * someone else's address) and never carry more than the one link they exist for.
 */
import type { OutgoingMessage } from '../platform/mail/outbox.js';

export type MailLocale = 'en' | 'zh-CN';

const CATEGORY_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  account_frozen: { en: 'account frozen', 'zh-CN': '账户冻结' },
  reset_2fa: { en: 'reset two-factor authentication', 'zh-CN': '重置双重验证' },
  region_change: { en: 'region change', 'zh-CN': '地区变更' },
  login_error: { en: 'login problem', 'zh-CN': '登录问题' },
  compromised: { en: 'account compromised', 'zh-CN': '账户被盗' },
  other: { en: 'other', 'zh-CN': '其他' },
};

function categoryName(category: string, locale: MailLocale): string {
  return CATEGORY_NAMES[category]?.[locale] ?? category;
}

function day(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function ticketConfirmationMail(
  locale: MailLocale,
  input: { to: string; ticketId: string; category: string; link: string; token: string; ttlHours: number },
): OutgoingMessage {
  const api = `(API: POST /api/v1/tickets/confirm {"token": "${input.token}"})`;
  if (locale === 'zh-CN') {
    return {
      to: input.to,
      channel: 'email',
      subject: '请确认您的工单',
      text: [
        `有人使用此邮箱提交了一个客服工单（编号 ${input.ticketId}，类别：${categoryName(input.category, locale)}）。`,
        `如果是您本人提交的，请在 ${input.ttlHours} 小时内打开以下链接确认，确认后工单才会进入处理队列：`,
        input.link,
        api,
        '如果不是您提交的，请忽略此邮件；未经确认的工单不会被处理，也不会改变您的账户。',
      ].join('\n\n'),
    };
  }
  return {
    to: input.to,
    channel: 'email',
    subject: 'Confirm your support ticket',
    text: [
      `A support ticket was filed with this email address (ticket ${input.ticketId}, category: ${categoryName(input.category, locale)}).`,
      `If it was you, confirm it within ${input.ttlHours} hours with this link; only then does it reach our support team:`,
      input.link,
      api,
      'If it was not you, ignore this mail: an unconfirmed ticket is never worked on and changes nothing in any account.',
    ].join('\n\n'),
  };
}

export function staffReplyMail(locale: MailLocale, input: { to: string; ticketId: string; body: string; pageUrl: string }): OutgoingMessage {
  if (locale === 'zh-CN') {
    return {
      to: input.to,
      channel: 'email',
      subject: `您的工单 ${input.ticketId} 有新回复`,
      text: ['客服回复了您的工单：', input.body, `如需回复，请打开工单页面（使用确认工单时获得的链接，或登录后在账户中查看）：${input.pageUrl}`].join('\n\n'),
    };
  }
  return {
    to: input.to,
    channel: 'email',
    subject: `New reply on your support ticket ${input.ticketId}`,
    text: [
      'Our support team replied to your ticket:',
      input.body,
      `To answer, open the ticket (with the link you got when you confirmed it, or signed in to your account): ${input.pageUrl}`,
    ].join('\n\n'),
  };
}

const RESOLUTIONS: Record<string, { en: string; 'zh-CN': string }> = {
  unfreeze: { en: 'Your account was unfrozen. You can sign in again.', 'zh-CN': '您的账户已解冻，现在可以重新登录。' },
  set_kyc_region: { en: 'The region of your account was updated.', 'zh-CN': '您账户的地区信息已更新。' },
  none: { en: 'Your ticket was resolved.', 'zh-CN': '您的工单已处理完毕。' },
};

export function ticketResolvedMail(locale: MailLocale, input: { to: string; ticketId: string; action: string; kycCountry?: string | null }): OutgoingMessage {
  const outcome = RESOLUTIONS[input.action] ?? RESOLUTIONS.none!;
  const kyc = input.kycCountry ? (locale === 'zh-CN' ? `新的地区：${input.kycCountry}。` : `New region: ${input.kycCountry}.`) : '';
  if (locale === 'zh-CN') {
    return {
      to: input.to,
      channel: 'email',
      subject: `您的工单 ${input.ticketId} 已处理`,
      text: [outcome['zh-CN'] + kyc, '如果问题仍未解决，可以直接在工单中回复，工单会重新打开。'].join('\n\n'),
    };
  }
  return {
    to: input.to,
    channel: 'email',
    subject: `Your support ticket ${input.ticketId} was resolved`,
    text: [`${outcome.en} ${kyc}`.trim(), 'If the problem is not solved, reply on the ticket and it opens again.'].join('\n\n'),
  };
}

export function expectedResponseText(locale: MailLocale, dueAtMs: number): string {
  return locale === 'zh-CN' ? `预计在 ${day(dueAtMs)} 前回复` : `expected reply by ${day(dueAtMs)}`;
}
