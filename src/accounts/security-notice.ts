/**
 * Security notices: a mail about a change or an event on the account, with a one-click "disable my
 * account" link that works without signing in, so that an owner who sees something they did not do
 * can stop everything from the mail itself.
 *
 * Invariants: link tokens are 256-bit, stored as SHA-256, valid 7 days, single use; a notice of a
 * kind that can repeat quickly (failed second factors) goes out at most once per account and window,
 * and the next one tells how many were held back, so an attacker cannot flood the owner's mailbox
 * (or the database with link rows) and a user who mistypes three times gets one mail, not three.
 */
import type { Deps } from '../deps.js';
import { sha256Hex } from '../platform/crypto.js';
import type { Locale } from '../platform/locale.js';
import { isLocale } from '../platform/locale.js';
import { randomToken } from '../platform/random.js';
import { renderMail, type MailContent } from '../platform/mail/render.js';
import { countNotice, insertDisableToken } from './store.js';

const LINK_TTL_MS = 7 * 86_400_000;

/** Notices that repeat with every failed attempt: collapsed per account and window. */
export type CollapsedNotice = 'second_factor_failed';

export interface NoticeRecipient {
  id: string;
  email: string;
  locale: string;
}

export function localeOf(account: { locale: string }): Locale {
  return isLocale(account.locale) ? account.locale : 'en';
}

type NoticeDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'config' | 'mailer'>;

/**
 * Sends a notice built by `content` in the account's language, with the disable link appended.
 * With `collapse`, sends only when due and passes how many were held back since the last one.
 */
export async function sendSecurityNotice(
  deps: NoticeDeps,
  account: NoticeRecipient,
  content: (locale: Locale, heldBack: number) => MailContent,
  options: { collapse?: CollapsedNotice } = {},
): Promise<boolean> {
  let heldBack = 0;
  if (options.collapse) {
    const windowMs = deps.config.notices.collapseSeconds * 1000;
    const counted = await countNotice(deps.db, account.id, options.collapse, deps.clock.nowMs(), windowMs);
    if (!counted.due) return false;
    heldBack = counted.heldBack;
  }
  const token = randomToken(deps.random, 32);
  await insertDisableToken(deps.db, { tokenHash: sha256Hex(token), accountId: account.id, expiresAtMs: deps.clock.nowMs() + LINK_TTL_MS });
  const locale = localeOf(account);
  const mail = content(locale, heldBack);
  const link = `${deps.config.publicUrl}/disable-account?token=${encodeURIComponent(token)}`;
  await deps.mailer.send(
    renderMail(account.email, {
      ...mail,
      action: mail.action ?? {
        label: locale === 'en' ? 'Not you? Disable your account now' : '不是您本人？立即停用账户',
        url: link,
      },
      footnotes: [
        ...(mail.footnotes ?? []),
        ...(mail.action
          ? [
              locale === 'en'
                ? `Not you? Disable your account now with one click (no sign-in needed): ${link}`
                : `不是您本人？一键停用账户（无需登录）：${link}`,
            ]
          : []),
        locale === 'en'
          ? `(API: POST /api/v1/account/disable-link with {"token": "${token}"}.)`
          : `（API：POST /api/v1/account/disable-link，请求体 {"token": "${token}"}。）`,
        locale === 'en' ? 'If this was not you, change your password now and contact support.' : '如果不是您本人操作，请立即修改密码并联系客服。',
      ],
    }),
  );
  return true;
}
