/**
 * Self-service "disable my account" (4002 `self`): with the password while signed in, or with the
 * one-click link that every security notice carries, which works without signing in, so that an
 * owner who sees a notice they did not cause can stop everything from the mail itself.
 *
 * Invariants: link tokens are 256-bit, stored as SHA-256, valid 7 days, single use (one conditional
 * UPDATE); disabling ends every session at once.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { sha256Hex } from '../platform/crypto.js';
import { randomToken } from '../platform/random.js';
import type { OutgoingMessage } from '../platform/mail/outbox.js';
import { freezeAccount } from './freeze.js';
import { proveCurrentPassword } from './reauth.js';
import { findAccountById, type AccountRow } from './store.js';

const LINK_TTL_MS = 7 * 86_400_000;

function disabledMail(to: string, at: Date, ip: string): OutgoingMessage {
  return {
    to,
    channel: 'email',
    subject: 'Your Gatehouse account was disabled',
    text: [
      `Your account was disabled at ${at.toISOString()} (IP ${ip}). All sessions were signed out; nobody can sign in.`,
      'To use it again, open a support ticket (category "account_frozen") with proof of identity; this takes 1-3 working days.',
    ].join('\n\n'),
  };
}

export async function disableOwnAccount(deps: Deps, account: AccountRow, password: string, ctx: RequestContext): Promise<void> {
  await proveCurrentPassword(deps, account, password, ctx.ip);
  await freezeAccount(deps, account.id, 'self', 'disabled by the owner');
  await deps.mailer.send(disabledMail(account.email, new Date(deps.clock.nowMs()), ctx.ip));
}

export async function disableByLink(deps: Deps, token: string, ctx: RequestContext): Promise<void> {
  const now = deps.clock.nowMs();
  const row = await deps.db
    .updateTable('disable_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', sha256Hex(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['account_id'])
    .executeTakeFirst();
  if (!row) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const account = await findAccountById(deps.db, row.account_id);
  if (!account) throw new AppError('INVALID_OR_EXPIRED_CODE');
  await freezeAccount(deps, account.id, 'self', 'disabled from the link in a security notice');
  await deps.mailer.send(disabledMail(account.email, new Date(now), ctx.ip));
}

/** Sends a security notice with its one-click disable link appended. */
export async function sendSecurityNotice(
  deps: Pick<Deps, 'db' | 'clock' | 'random' | 'config' | 'mailer'>,
  accountId: string,
  message: OutgoingMessage,
): Promise<void> {
  const token = randomToken(deps.random, 32);
  await deps.db
    .insertInto('disable_tokens')
    .values({ token_hash: sha256Hex(token), account_id: accountId, expires_at: deps.clock.nowMs() + LINK_TTL_MS, used_at: null })
    .execute();
  const link = `${deps.config.publicUrl}/disable-account?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    ...message,
    text: `${message.text}\n\nNot you? Disable your account now with one click (no sign-in needed): ${link}\n(API: POST /api/v1/account/disable-link with {"token": "${token}"}.)`,
  });
}
