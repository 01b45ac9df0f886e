import type { RiskRule } from '../rule.js';
import { formatMinor } from '../../wallet/amounts.js';

/** A withdrawal far above what this account usually withdraws of the asset. */
export const largeWithdrawal: RiskRule<'withdrawal'> = {
  name: 'large_withdrawal',
  appliesTo: 'withdrawal',
  evaluate: (facts, config) => {
    const average = facts.averageMinor30d;
    const multiple = BigInt(Math.round(config.risk.largeWithdrawalMultiple * 100));
    if (average === null || average <= 0n || facts.amountMinor * 100n < average * multiple) return null;
    return {
      score: config.risk.scores.largeWithdrawal,
      explanation: `${formatMinor(facts.amountMinor)} ${facts.asset} is at least ${config.risk.largeWithdrawalMultiple}× the 30-day average of ${formatMinor(average)}`,
    };
  },
};
