import type { RiskRule } from '../rule.js';

/**
 * A network never seen on this account's successful logins (once it has a history): a new ISP,
 * a hosting provider or a proxy. An address without a country (private networks) is not abnormal
 * by itself; new_country covers country changes.
 */
export const abnormalIp: RiskRule<'login'> = {
  name: 'abnormal_ip',
  appliesTo: 'login',
  evaluate: (facts, config) =>
    facts.knownNetworks.length > 0 && !facts.knownNetworks.includes(facts.network)
      ? { score: config.risk.scores.abnormalIp, explanation: `a network never seen on this account (${facts.network})` }
      : null,
};
