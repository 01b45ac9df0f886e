import type { RiskRule } from '../rule.js';

/** A known device id that suddenly reports another browser or OS: a copied device id, or a cloned app. */
export const fingerprintChange: RiskRule<'login'> = {
  name: 'fingerprint_change',
  appliesTo: 'login',
  evaluate: (facts, config) =>
    facts.fingerprintChanged
      ? { score: config.risk.scores.fingerprintChange, explanation: 'a known device id now reports a different browser or operating system' }
      : null,
};
