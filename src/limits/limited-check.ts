import { AppError } from '../errors/app-error.js';
import { isTicket, type AuthLimits } from './auth-limits.js';

/**
 * One code check under the 1003 code limits: a slot is reserved first (refused → 1003, and the check
 * never runs), then `check` answers the AppError to throw, or null when the code was right; the
 * outcome is recorded either way.
 */
export async function limitedCodeCheck(limits: AuthLimits, ip: string, subject: string, check: () => Promise<AppError | null>): Promise<void> {
  const ticket = await limits.reserveCode(ip, subject);
  if (!isTicket(ticket)) {
    if (ticket.ok) throw new Error('unreachable');
    throw new AppError('TOO_MANY_REQUESTS', { reason: ticket.reason, retryAfterSeconds: ticket.retryAfterSeconds });
  }
  const failure = await check();
  if (failure) {
    await limits.failed(ticket);
    throw failure;
  }
  await limits.succeeded(ticket);
}
