import type { RiskRule } from '../rule.js';

/** A country never seen on this account's successful logins (not raised on the very first login). */
export const newCountry: RiskRule = {
  name: 'new_country',
  evaluate: (facts, config) =>
    facts.context === 'login' && facts.ipCountry !== null && facts.knownCountries.length > 0 && !facts.knownCountries.includes(facts.ipCountry)
      ? {
          rule: 'new_country',
          score: config.risk.scores.newCountry,
          explanation: `first sign-in from ${facts.ipCountry} (seen before: ${facts.knownCountries.join(', ')})`,
        }
      : null,
};
