import type { RiskRule } from '../rule.js';

/** A country never seen on this account's successful logins (not raised on the very first login). */
export const newCountry: RiskRule<'login'> = {
  name: 'new_country',
  appliesTo: 'login',
  evaluate: (facts, config) =>
    facts.ipCountry !== null && facts.knownCountries.length > 0 && !facts.knownCountries.includes(facts.ipCountry)
      ? { score: config.risk.scores.newCountry, explanation: `first sign-in from ${facts.ipCountry} (seen before: ${facts.knownCountries.join(', ')})` }
      : null,
};
