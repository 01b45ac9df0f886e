import type { RiskRule } from '../rule.js';

export const newDevice: RiskRule = {
  name: 'new_device',
  evaluate: (facts, config) =>
    facts.context === 'login' && facts.newDevice
      ? { rule: 'new_device', score: config.risk.scores.newDevice, explanation: 'first sign-in from this device' }
      : null,
};
