import type { RiskRule } from '../rule.js';

/** More countries within the window than the region policy allows: VPN exits being rotated. */
export const regionHopping: RiskRule = {
  name: 'region_hopping',
  evaluate: (facts, config) =>
    facts.recentCountries.length > config.regionPolicy.hopping.maxCountries
      ? {
          rule: 'region_hopping',
          score: config.risk.scores.regionHopping,
          explanation: `${facts.recentCountries.length} countries within ${config.regionPolicy.hopping.windowSeconds / 60} minutes: ${facts.recentCountries.join(', ')}`,
        }
      : null,
};
