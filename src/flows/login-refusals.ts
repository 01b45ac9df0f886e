/**
 * Where a login's refusals are recorded, for every login pipeline: the metric always; the login
 * history when the account is known (now, or just after the response for a wrong password, so that
 * an unknown email, which writes nothing, costs the same); and, once the password is proven, the
 * support hint: the same error for this account and device for over 24 hours suggests a ticket.
 */
import { AppError } from '../errors/app-error.js';
import { entryByKey } from '../errors/lookup.js';
import { recordLoginAttempt, sameFailureSince } from '../login/store.js';
import type { TicketCategory } from '../tickets/categories.js';
import type { LoginState } from './login-state.js';
import type { FlowDeps, RefusalRecord } from './step.js';

export const SUPPORT_HINT_AFTER_MS = 24 * 3600 * 1000;

export async function recordLoginRefusal(deps: FlowDeps, state: LoginState, error: AppError, record: RefusalRecord): Promise<AppError> {
  const code = entryByKey(error.key).code;
  deps.metrics.loginOutcomes.inc({ code: String(code), reason: error.reason ?? '' });
  const account = state.account;
  if (!account || record === 'never') return error;
  const now = deps.clock.nowMs();
  // Only to a caller who proved the password: before that, a hint would tell that the account exists.
  const since = state.passwordProven ? await sameFailureSince(deps.db, account.id, state.deviceKey, code) : null;
  const write = () =>
    recordLoginAttempt(deps.db, {
      id: deps.newId(),
      accountId: account.id,
      atMs: now,
      ip: state.ctx.ip,
      country: deps.geo.countryOf(state.ctx.ip),
      deviceId: state.knownDevice?.id ?? null,
      deviceKey: state.deviceKey,
      deviceName: state.knownDevice?.name ?? state.deviceName,
      result: { code, reason: error.reason ?? null },
      flags: state.flags,
      riskScore: state.riskScore,
    });
  if (record === 'after_response') deps.background.run(write);
  else await write();
  if (since === null || now - since < SUPPORT_HINT_AFTER_MS) return error;
  return new AppError(error.key, {
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    details: {
      ...(error.details ?? {}),
      supportSuggested: true,
      ticketHint: error.details?.ticketHint ?? `/support/new?category=${supportCategory(code)}&code=${code}`,
    },
  });
}

/** The ticket category a repeating code leads to: the desk routes region and 2FA cases to their own queues. */
function supportCategory(code: number): TicketCategory {
  if (code === 4001) return 'region_change';
  if (code === 4003) return 'reset_2fa';
  return 'login_error';
}
