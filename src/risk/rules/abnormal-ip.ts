import type { RiskRule } from '../rule.js';

/**
 * A network never seen on this account's successful logins (once it has a history): a new ISP,
 * a hosting provider or a proxy. An address without a country (private networks) is not abnormal
 * by itself; new_country covers country changes.
 */
export const abnormalIp: RiskRule = {
  name: 'abnormal_ip',
  evaluate: (facts, config) =>
    facts.context === 'login' && facts.knownNetworks.length > 0 && !facts.knownNetworks.includes(facts.network)
      ? { rule: 'abnormal_ip', score: config.risk.scores.abnormalIp, explanation: `a network never seen on this account (${facts.network})` }
      : null,
};
