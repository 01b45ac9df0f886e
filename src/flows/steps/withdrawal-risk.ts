/** 4002 risk: the risk engine freezes instead of paying out a withdrawal far above the account's habits. */
import { AppError } from '../../errors/app-error.js';
import { freezeAccount, frozenDetails } from '../../accounts/freeze.js';
import { networkOf } from '../../limits/client-ip.js';
import { assessRisk } from '../../risk/engine.js';
import { averageWithdrawal30d, withdrawnSince } from '../../wallet/store.js';
import type { WithdrawalState } from '../withdrawal-state.js';
import { proceed, refuse, type Step } from '../step.js';

export const withdrawalRiskStep: Step<WithdrawalState, never> = {
  name: 'risk',
  doc: [{ code: '4002 risk', check: 'the risk engine (amount vs. the 30-day average, the per-asset line, the 24-hour total) does not freeze the account' }],
  async run(deps, state) {
    const now = deps.clock.nowMs();
    const { account, ctx, asset, amountMinor } = state;
    const decision = await assessRisk(deps, account.id, {
      context: 'withdrawal',
      ipCountry: deps.geo.countryOf(ctx.ip),
      network: networkOf(ctx.ip),
      asset,
      amountMinor,
      averageMinor30d: await averageWithdrawal30d(deps.db, account.id, asset, now),
      withdrawnMinor24h: await withdrawnSince(deps.db, account.id, asset, now - 86_400_000),
    });
    if (decision.action !== 'freeze') return proceed;
    await freezeAccount(deps, account.id, 'risk', `risk decision ${decision.id}: ${decision.signals.map((s) => s.rule).join(', ')}`);
    return refuse(new AppError('ACCOUNT_FROZEN', { reason: 'risk', details: frozenDetails('risk') }));
  },
};
