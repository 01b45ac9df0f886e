/**
 * Withdrawals: the most sensitive function, so every check applies, in this order: region function
 * restriction (4001) → security hold after a security change (4015) → re-authentication with the
 * second factor, or the password when the account has none (4016/4003/4000) → risk engine, which
 * freezes instead of paying out a withdrawal far above the account's history (4002) → balance (4017).
 * The debit and the withdrawal row are one transaction with a conditional debit: concurrent
 * withdrawals can never spend the same funds twice.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { AccountRow } from '../accounts/store.js';
import { proveCurrentPassword } from '../accounts/reauth.js';
import { freezeAccount } from '../accounts/freeze.js';
import { requireFunctionAllowed } from '../region/service.js';
import { assessRisk } from '../risk/engine.js';
import { networkOf } from '../limits/client-ip.js';
import { proveSecondFactor } from '../twofactor/enrollment.js';
import { findTwoFactor } from '../twofactor/store.js';
import { parseAmount } from './amounts.js';
import { averageWithdrawal30d, debitBalance } from './store.js';

export interface WithdrawalRequest {
  asset: string;
  amount: string;
  address: string;
  password?: string;
  twoFactorCode?: string;
}

export async function requestWithdrawal(
  deps: Deps,
  account: AccountRow,
  input: WithdrawalRequest,
  ctx: RequestContext,
): Promise<{ id: string; status: string }> {
  const amountMinor = parseAmount(input.amount);
  if (amountMinor === null || amountMinor === 0n) {
    throw new AppError('VALIDATION_FAILED', { details: { fields: { amount: 'a positive decimal string with at most 8 decimals' } } });
  }
  await requireFunctionAllowed(deps, account, ctx.ip, 'withdraw');
  const now = deps.clock.nowMs();
  if (account.security_hold_until !== null && account.security_hold_until > now) {
    throw new AppError('SECURITY_HOLD', {
      details: { until: new Date(account.security_hold_until).toISOString(), cause: 'security_change', function: 'withdraw' },
    });
  }
  const twoFactor = await findTwoFactor(deps.db, account.id);
  if (twoFactor?.totp_enabled_at != null) await proveSecondFactor(deps, account, input.twoFactorCode, ctx.ip);
  else await proveCurrentPassword(deps, account, input.password, ctx.ip);

  const decision = await assessRisk(deps, account.id, {
    context: 'withdrawal',
    ipCountry: deps.geo.countryOf(ctx.ip),
    network: networkOf(ctx.ip),
    newDevice: false,
    fingerprintChanged: false,
    knownCountries: [],
    knownNetworks: [],
    recentCountries: [],
    withdrawal: { asset: input.asset, amountMinor, averageMinor30d: await averageWithdrawal30d(deps.db, account.id, input.asset, now) },
  });
  if (decision.action === 'freeze') {
    await freezeAccount(deps, account.id, 'risk', `risk decision ${decision.id}: ${decision.signals.map((s) => s.rule).join(', ')}`);
    throw new AppError('ACCOUNT_FROZEN', { reason: 'risk', details: { freezeType: 'risk', ticketHint: '/support/new?category=account_frozen' } });
  }

  const id = deps.newId();
  const debited = await deps.db.transaction().execute(async (trx) => {
    if (!(await debitBalance(trx, account.id, input.asset, amountMinor))) return false;
    await trx
      .insertInto('withdrawals')
      .values({ id, account_id: account.id, asset: input.asset, amount_minor: Number(amountMinor), address: input.address, status: 'pending', created_at: now })
      .execute();
    return true;
  });
  if (!debited) throw new AppError('INSUFFICIENT_BALANCE', { details: { asset: input.asset } });
  return { id, status: 'pending' };
}
