/**
 * What the operator commands of `gatehouse` do once the runtime is open. Each change is made with
 * its audit row in one transaction (actor `cli`). Operators at the server's shell are trusted with
 * what staff may not do over HTTP (acting on staff accounts), and with nothing more: no command reads
 * or sets a password or a second-factor secret (staff create prints the new account's initial ones).
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from './deps.js';
import { AppError } from './errors/app-error.js';
import { findAccountByEmail, insertAccount } from './accounts/store.js';
import { liftFreeze } from './accounts/freeze.js';
import { enrolStaffTotp } from './twofactor/staff-enrolment.js';
import { createMaintenanceService } from './maintenance/service.js';
import { findTicket } from './tickets/store.js';
import { resolveTicket } from './tickets/resolve.js';
import { CLI_ACTOR, withAudit } from './staff/audit.js';
import { freezeState } from './staff/account-summary.js';
import { listStaffAccounts, setKycCountry } from './staff/store.js';

type Out = (line: string) => void;

export async function createStaff(deps: Deps, out: Out, email: string, role: 'support' | 'admin'): Promise<number> {
  if (await findAccountByEmail(deps.db, email)) {
    out(`an account with ${email} already exists`);
    return 1;
  }
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await deps.hasher.hash(password);
  const now = deps.clock.nowMs();
  const id = deps.newId();
  // Staff always have TOTP: it is on from the first minute, and the secret is shown only here.
  const enrolment = await withAudit(deps, CLI_ACTOR, 'staff.create', async (trx, record) => {
    await insertAccount(trx, { id, email, passwordHash, nowMs: now, roles: role, verified: true });
    record.accountId = id;
    record.after = { email, roles: [role], totp: true };
    record.detail = { email, role };
    return enrolStaffTotp({ ...deps, db: trx }, id, email);
  });
  out(`staff account ${email} (${role}) created`);
  out(`initial password: ${password}`);
  out(`TOTP URI (add it to an authenticator app): ${enrolment.otpauthUri}`);
  out(`backup codes (each works once): ${enrolment.backupCodes.join(' ')}`);
  out('sign in at POST /api/v1/admin/login, then change the password (POST /api/v1/account/password).');
  return 0;
}

export async function listStaff(deps: Deps, out: Out): Promise<number> {
  const rows = await listStaffAccounts(deps.db);
  if (rows.length === 0) out('no staff accounts');
  for (const row of rows) {
    const flags = [row.totp_enabled_at !== null ? 'totp on' : 'TOTP OFF', row.frozen_type ? `frozen (${row.frozen_type})` : null].filter(Boolean);
    out(`${row.email}\t${row.roles}\t${flags.join(', ')}\tcreated ${new Date(row.created_at).toISOString()}\t${row.id}`);
  }
  return 0;
}

export async function setAccountKyc(deps: Deps, out: Out, email: string, country: string): Promise<number> {
  const account = await findAccountByEmail(deps.db, email);
  if (!account) {
    out(`no account with ${email}`);
    return 1;
  }
  await withAudit(deps, CLI_ACTOR, 'account.kyc', async (trx, record) => {
    await setKycCountry(trx, account.id, country);
    record.accountId = account.id;
    record.before = { kycCountry: account.kyc_country };
    record.after = { kycCountry: country };
    record.detail = { from: account.kyc_country, to: country };
  });
  out(`${email}: KYC country set to ${country}`);
  return 0;
}

export async function unfreezeByEmail(deps: Deps, out: Out, email: string, reason: string): Promise<number> {
  const account = await findAccountByEmail(deps.db, email);
  if (!account) {
    out(`no account with ${email}`);
    return 1;
  }
  if (!account.frozen_type) {
    out(`${email} is not frozen`);
    return 0;
  }
  await withAudit(deps, CLI_ACTOR, 'account.unfreeze', async (trx, record) => {
    // An operator at the shell lifts any freeze, a risk freeze included.
    const before = (await liftFreeze({ db: trx }, account.id, true)) ?? account;
    record.accountId = account.id;
    record.before = freezeState(before);
    record.after = { frozen: null, reason: null };
    record.detail = { reason, freezeType: before.frozen_type, via: 'cli' };
  });
  out(`${email}: unfrozen (was frozen: ${account.frozen_type})`);
  return 0;
}

/** Schedules a 2FA reset through the ticket, with the same hold, mail and cancel link as staff approval. */
export async function resetTwoFactorByEmail(deps: Deps, out: Out, email: string, ticketId: string): Promise<number> {
  const account = await findAccountByEmail(deps.db, email);
  const ticket = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(ticketId) ? await findTicket(deps.db, ticketId) : undefined;
  if (!account || !ticket) {
    out(account ? `no ticket ${ticketId}` : `no account with ${email}`);
    return 1;
  }
  if (ticket.account_id !== account.id) {
    out(`ticket ${ticketId} does not belong to ${email}${ticket.status === 'awaiting_confirmation' ? ' (it is not confirmed yet)' : ''}`);
    return 1;
  }
  try {
    const result = await resolveTicket(deps, ticket, { action: 'reset_2fa', identityVerified: true, note: 'gatehouse account reset-2fa' }, CLI_ACTOR, {
      isAdmin: true,
      operator: true,
    });
    out(`${email}: 2FA reset scheduled for ${result.twoFactorReset?.scheduledFor}; the owner was mailed a cancel link`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = (err.details?.fields ?? {}) as Record<string, string>;
    out(`refused: ${Object.values(fields).join('; ') || err.key}`);
    return 1;
  }
}

export async function setMaintenance(deps: Deps, out: Out, on: boolean, untilMs: number | null, message: string | null): Promise<number> {
  const service = createMaintenanceService(deps);
  const before = await service.current();
  const next = on ? { enabled: true, message, untilMs } : { enabled: false, message: null, untilMs: null };
  await withAudit(deps, CLI_ACTOR, `maintenance.${on ? 'on' : 'off'}`, async (trx, record) => {
    await service.set(next, trx);
    record.before = before;
    record.after = next;
    record.detail = { message, until: untilMs === null ? null : new Date(untilMs).toISOString() };
  });
  out(on ? `maintenance on${untilMs ? ` until ${new Date(untilMs).toISOString()}` : ''}` : 'maintenance off');
  return 0;
}

export async function resetRegionPolicy(deps: Deps, out: Out): Promise<number> {
  const before = await deps.region.policy();
  await withAudit(deps, CLI_ACTOR, 'region_policy.reset', async (trx, record) => {
    record.before = before;
    record.after = await deps.region.reset(trx);
  });
  out('region policy reset to the configuration’s');
  return 0;
}
