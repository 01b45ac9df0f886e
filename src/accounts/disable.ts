/**
 * Self-service "disable my account" (4002 `self`): with the password while signed in, or with the
 * one-click link that every security notice carries (src/accounts/security-notice.ts), which works
 * without signing in.
 *
 * Invariants: a link works once (one conditional UPDATE); disabling ends every session at once.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { sha256Hex } from '../platform/crypto.js';
import { renderMail } from '../platform/mail/render.js';
import { freezeAccount } from './freeze.js';
import { accountMails } from './mails.js';
import { proveCurrentPassword } from './reauth.js';
import { localeOf } from './security-notice.js';
import { consumeDisableToken, findAccountById, type AccountRow } from './store.js';

type DisableDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'geo' | 'hasher' | 'hashGate' | 'limits' | 'config'>;

async function disable(deps: DisableDeps, account: AccountRow, why: string, ctx: RequestContext): Promise<void> {
  const now = deps.clock.nowMs();
  await freezeAccount(deps, account.id, 'self', why);
  const event = { atMs: now, ip: ctx.ip, country: deps.geo.countryOf(ctx.ip) };
  await deps.mailer.send(renderMail(account.email, accountMails.disabled(localeOf(account), event)));
}

export async function disableOwnAccount(deps: DisableDeps, account: AccountRow, password: string, ctx: RequestContext): Promise<void> {
  await proveCurrentPassword(deps, account, password, ctx.ip);
  await disable(deps, account, 'disabled by the owner', ctx);
}

export async function disableByLink(deps: DisableDeps, token: string, ctx: RequestContext): Promise<void> {
  const accountId = await consumeDisableToken(deps.db, sha256Hex(token), deps.clock.nowMs());
  const account = accountId ? await findAccountById(deps.db, accountId) : undefined;
  if (!account) throw new AppError('INVALID_OR_EXPIRED_CODE');
  await disable(deps, account, 'disabled from the link in a security notice', ctx);
}
