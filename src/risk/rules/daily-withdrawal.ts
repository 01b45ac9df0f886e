import type { RiskRule } from '../rule.js';
import { formatMinor, parseAmount } from '../../wallet/amounts.js';

/**
 * Withdrawals of the asset within 24 hours that add up past the per-asset line, each of them below
 * it: one large withdrawal split into small ones scores like the large one.
 */
export const dailyWithdrawal: RiskRule<'withdrawal'> = {
  name: 'daily_withdrawal',
  appliesTo: 'withdrawal',
  evaluate: (facts, config) => {
    const text = config.risk.largeWithdrawalAbsolute[facts.asset];
    if (text === undefined) return null;
    const line = parseAmount(text)!;
    const total = facts.withdrawnMinor24h + facts.amountMinor;
    if (facts.amountMinor > line || total <= line) return null;
    return {
      score: config.risk.scores.dailyWithdrawal,
      explanation: `${formatMinor(total)} ${facts.asset} within 24 hours (this one ${formatMinor(facts.amountMinor)}) is above ${text}`,
    };
  },
};
