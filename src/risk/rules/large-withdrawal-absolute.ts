import type { RiskRule } from '../rule.js';
import { formatMinor, parseAmount } from '../../wallet/amounts.js';

/** One withdrawal above the configured per-asset line, whatever the account's history. */
export const largeWithdrawalAbsolute: RiskRule<'withdrawal'> = {
  name: 'large_withdrawal_absolute',
  appliesTo: 'withdrawal',
  evaluate: (facts, config) => {
    const line = config.risk.largeWithdrawalAbsolute[facts.asset];
    if (line === undefined || facts.amountMinor <= parseAmount(line)!) return null;
    return { score: config.risk.scores.largeWithdrawalAbsolute, explanation: `${formatMinor(facts.amountMinor)} ${facts.asset} is above ${line}` };
  },
};
