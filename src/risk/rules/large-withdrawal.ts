import type { RiskRule } from '../rule.js';
import { formatMinor, parseAmount } from '../../wallet/amounts.js';

/** A withdrawal far above what this account usually withdraws, or above an absolute per-asset line. */
export const largeWithdrawal: RiskRule = {
  name: 'large_withdrawal',
  evaluate: (facts, config) => {
    const w = facts.withdrawal;
    if (facts.context !== 'withdrawal' || !w) return null;
    const multiple = BigInt(Math.round(config.risk.largeWithdrawalMultiple * 100));
    if (w.averageMinor30d !== null && w.averageMinor30d > 0n && w.amountMinor * 100n >= w.averageMinor30d * multiple) {
      return {
        rule: 'large_withdrawal',
        score: config.risk.scores.largeWithdrawal,
        explanation: `${formatMinor(w.amountMinor)} ${w.asset} is at least ${config.risk.largeWithdrawalMultiple}× the 30-day average of ${formatMinor(w.averageMinor30d)}`,
      };
    }
    const absolute = config.risk.largeWithdrawalAbsolute[w.asset];
    if (absolute !== undefined && w.amountMinor > parseAmount(absolute)!) {
      return {
        rule: 'large_withdrawal_absolute',
        score: config.risk.scores.largeWithdrawalAbsolute,
        explanation: `${formatMinor(w.amountMinor)} ${w.asset} is above ${absolute}`,
      };
    }
    return null;
  },
};
