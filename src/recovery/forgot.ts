/**
 * "Forgot password": a mail with a single-use link to choose a new password.
 *
 * Protects: against account enumeration and mailbox flooding. Invariants: the answer (202, same body)
 * and the work on the request path (the limits, keyed by the address whether or not it has an
 * account, and one account lookup) are the same for known and unknown addresses; the link and the
 * mail are made just after the response, so their cost is not in the latency; links carry 256 random
 * bits, are stored as SHA-256, live 30 minutes, work once, and a new one retires the earlier ones.
 */
import type { Deps, RequestContext } from '../deps.js';
import { requireValidEmail } from '../accounts/registration.js';
import { localeOf } from '../accounts/security-notice.js';
import { findAccountByEmail } from '../accounts/store.js';
import { accountMails } from '../accounts/mails.js';
import { enforce } from '../limits/auth-limits.js';
import { sha256Hex } from '../platform/crypto.js';
import { renderMail } from '../platform/mail/render.js';
import { randomToken } from '../platform/random.js';
import { insertResetToken, retireResetTokens } from './store.js';

type ForgotDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'config' | 'mailer' | 'limits' | 'background'>;

export async function requestPasswordReset(deps: ForgotDeps, input: { email: string }, ctx: Pick<RequestContext, 'ip'>): Promise<void> {
  const email = requireValidEmail(input.email);
  enforce(await deps.limits.resetMailBudget(ctx.ip, email));
  const account = await findAccountByEmail(deps.db, email);
  if (!account) return;
  if (account.email_verified_at === null) {
    // Nothing to reset before the address is confirmed; its owner learns how to finish instead.
    deps.background.run(() => deps.mailer.send(renderMail(account.email, accountMails.registrationUnfinished(localeOf(account), deps.config.publicUrl))));
    return;
  }
  deps.background.run(async () => {
    const now = deps.clock.nowMs();
    const token = randomToken(deps.random, 32);
    const ttlSeconds = deps.config.recovery.resetTokenTtlSeconds;
    await retireResetTokens(deps.db, account.id, now);
    await insertResetToken(deps.db, { tokenHash: sha256Hex(token), accountId: account.id, nowMs: now, expiresAtMs: now + ttlSeconds * 1000 });
    const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await deps.mailer.send(renderMail(account.email, accountMails.resetLink(localeOf(account), link, Math.round(ttlSeconds / 60))));
  });
}
