/**
 * Resolving a ticket: the staff decision and the account change it carries, in one transaction with
 * the audit row.
 *
 * Protects: accounts against the desk being talked into changes. Invariants: a `risk` freeze is
 * lifted and a 2FA reset is scheduled only with `identityVerified: true`; a 2FA reset is never
 * immediate (src/recovery/two-factor-reset.ts); the KYC country is an admin's decision; no ticket
 * changes a staff account (operators do that with the CLI) or the acting staff member's own; a
 * ticket is resolved once (a conditional UPDATE on its status), so two staff clicking at once do not
 * both act.
 */
import { renderMail } from '../platform/mail/render.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { findAccountById, type AccountRow } from '../accounts/store.js';
import { deskRefusal } from '../staff/desk-target.js';
import { identityCheckNeeded, liftFreeze } from '../accounts/freeze.js';
import { methodsOf } from '../twofactor/methods/index.js';
import { findTwoFactor } from '../twofactor/store.js';
import { withAudit, type AuditActor } from '../staff/audit.js';
import { setKycCountry } from '../staff/store.js';
import { freezeState } from '../staff/account-summary.js';
import { scheduleTwoFactorReset, sendResetScheduledMail, type ScheduledReset } from '../recovery/two-factor-reset.js';
import { ACTIVE_STATUSES } from './categories.js';
import { ticketResolvedMail, type MailLocale } from './mails.js';
import { ticketPageUrl } from './access-link.js';
import { insertTicketEvent, moveTicket, type TicketRow } from './store.js';

export const RESOLVE_ACTIONS = ['unfreeze', 'reset_2fa', 'set_kyc_region', 'none'] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];

export interface ResolveInput {
  action: ResolveAction;
  identityVerified: boolean;
  note: string;
  kycCountry?: string | undefined;
}

export interface Resolution {
  id: string;
  status: 'resolved';
  action: ResolveAction;
  twoFactorReset: { id: string; scheduledFor: string } | null;
}

type ResolveDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'mailer' | 'keys'>;

function refuse(field: string, problem: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: { fields: { [field]: problem } } });
}

/** Who resolves: `isAdmin` may set KYC countries; `operator` (the CLI) may act on staff accounts. */
export interface ResolverRights {
  isAdmin: boolean;
  operator: boolean;
}

/** The checks that need no transaction: who may do what to which account. */
async function checkResolution(
  deps: ResolveDeps,
  ticket: TicketRow,
  input: ResolveInput,
  actor: AuditActor,
  rights: ResolverRights,
): Promise<AccountRow | null> {
  if (!(ACTIVE_STATUSES as string[]).includes(ticket.status)) {
    throw refuse('ticket', ticket.status === 'resolved' ? 'already resolved' : `a ${ticket.status} ticket cannot be resolved`);
  }
  if (input.action === 'none') return null;
  const account = ticket.account_id ? await findAccountById(deps.db, ticket.account_id) : undefined;
  if (!account) throw refuse('action', 'the ticket is not linked to an account; only "none" applies');
  const refusal = deskRefusal(account, actor.id);
  if (refusal === 'own_account') throw new AppError('FORBIDDEN');
  if (refusal === 'staff_account' && !rights.operator) throw refuse('action', 'staff accounts are changed by an operator with the gatehouse command');
  switch (input.action) {
    case 'unfreeze':
      if (account.frozen_type === 'risk' && !input.identityVerified) throw identityCheckNeeded();
      break;
    case 'reset_2fa':
      if (!input.identityVerified) throw refuse('identityVerified', 'a 2FA reset needs an identity check');
      if (methodsOf(await findTwoFactor(deps.db, account.id)).length === 0) throw refuse('action', 'the account has no second factor to reset');
      break;
    case 'set_kyc_region':
      if (!rights.isAdmin) throw new AppError('FORBIDDEN');
      if (!input.kycCountry || !/^[A-Za-z]{2}$/.test(input.kycCountry)) throw refuse('kycCountry', 'a two-letter ISO country code');
      break;
  }
  return account;
}

export async function resolveTicket(deps: ResolveDeps, ticket: TicketRow, input: ResolveInput, actor: AuditActor, rights: ResolverRights): Promise<Resolution> {
  const account = await checkResolution(deps, ticket, input, actor, rights);
  const now = deps.clock.nowMs();
  const kycCountry = input.action === 'set_kyc_region' ? input.kycCountry!.toUpperCase() : null;
  const locale = ticket.locale as MailLocale;
  let reset: ScheduledReset | null = null;
  await withAudit(deps, actor, 'ticket.resolve', async (trx, record) => {
    const resolution = JSON.stringify({ action: input.action, at: new Date(now).toISOString(), by: actor.email, ...(kycCountry ? { kycCountry } : {}) });
    const moved = await moveTicket(trx, { id: ticket.id, from: ACTIVE_STATUSES, to: 'resolved', nowMs: now, closedAtMs: now, resolution });
    if (!moved) throw refuse('ticket', 'already resolved');
    await insertTicketEvent(trx, { id: deps.newId(), ticketId: ticket.id, atMs: now, from: ticket.status, to: 'resolved', actor: actor.email });
    record.target = ticket.id;
    record.accountId = ticket.account_id;
    record.detail = { action: input.action, identityVerified: input.identityVerified, note: input.note, category: ticket.category };
    if (!account) return;
    if (input.action === 'unfreeze') {
      // Checked and lifted again inside the transaction: a risk freeze may have landed since the check above.
      const current = (await liftFreeze({ db: trx }, account.id, input.identityVerified === true)) ?? account;
      record.before = freezeState(current);
      record.after = { frozen: null, reason: null };
    } else if (input.action === 'set_kyc_region') {
      await setKycCountry(trx, account.id, kycCountry!);
      record.before = { kycCountry: account.kyc_country };
      record.after = { kycCountry };
    } else if (input.action === 'reset_2fa') {
      reset = await scheduleTwoFactorReset(deps, trx, { accountId: account.id, ticketId: ticket.id, requestedBy: actor.email, locale });
      record.before = { twoFactor: methodsOf(await findTwoFactor(trx, account.id)) };
      record.after = { twoFactorReset: { id: reset.id, status: 'scheduled', scheduledFor: new Date(reset.dueAtMs).toISOString() } };
    }
  });
  const scheduled = reset as ScheduledReset | null;
  if (scheduled && account) {
    await sendResetScheduledMail(deps, { email: account.email, locale, reset: scheduled });
  } else {
    await deps.mailer.send(
      renderMail(ticket.email, ticketResolvedMail(locale, { ticketId: ticket.id, action: input.action, kycCountry, pageUrl: ticketPageUrl(deps, ticket) })),
    );
  }
  return {
    id: ticket.id,
    status: 'resolved',
    action: input.action,
    twoFactorReset: scheduled ? { id: scheduled.id, scheduledFor: new Date(scheduled.dueAtMs).toISOString() } : null,
  };
}
