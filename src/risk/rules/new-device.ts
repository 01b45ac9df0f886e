import type { RiskRule } from '../rule.js';

/** The first sign-in from this device. */
export const newDevice: RiskRule<'login'> = {
  name: 'new_device',
  appliesTo: 'login',
  evaluate: (facts, config) => (facts.newDevice ? { score: config.risk.scores.newDevice, explanation: 'first sign-in from this device' } : null),
};
