import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.js';
import { RISK_RULES, evaluateRules } from './engine.js';
import type { LoginFacts, WithdrawalFacts } from './rule.js';
import { abnormalIp } from './rules/abnormal-ip.js';
import { dailyWithdrawal } from './rules/daily-withdrawal.js';
import { fingerprintChange } from './rules/fingerprint-change.js';
import { largeWithdrawal } from './rules/large-withdrawal.js';
import { largeWithdrawalAbsolute } from './rules/large-withdrawal-absolute.js';
import { newCountry } from './rules/new-country.js';
import { newDevice } from './rules/new-device.js';

const config = DEFAULT_CONFIG;
const login = (overrides: Partial<LoginFacts> = {}): LoginFacts => ({
  context: 'login',
  ipCountry: 'DE',
  network: '192.0.0.0/16',
  newDevice: false,
  fingerprintChanged: false,
  knownCountries: ['DE'],
  knownNetworks: ['192.0.0.0/16'],
  ...overrides,
});
const BTC = 100_000_000n;
const withdrawal = (overrides: Partial<WithdrawalFacts> = {}): WithdrawalFacts => ({
  context: 'withdrawal',
  ipCountry: 'DE',
  network: '192.0.0.0/16',
  asset: 'BTC',
  amountMinor: BTC,
  averageMinor30d: BTC,
  withdrawnMinor24h: 0n,
  ...overrides,
});

describe('risk rules', () => {
  it('new_device: only a device new to the account', () => {
    expect(newDevice.evaluate(login({ newDevice: true }), config)?.score).toBe(20);
    expect(newDevice.evaluate(login(), config)).toBeNull();
  });

  it('new_country: a country never seen on a successful login, not on the very first login', () => {
    expect(newCountry.evaluate(login({ ipCountry: 'FR' }), config)).toMatchObject({ score: 25, explanation: expect.stringContaining('FR') });
    expect(newCountry.evaluate(login(), config)).toBeNull();
    expect(newCountry.evaluate(login({ ipCountry: 'FR', knownCountries: [] }), config)).toBeNull();
    expect(newCountry.evaluate(login({ ipCountry: null }), config)).toBeNull();
  });

  it('fingerprint_change: a known device id reporting another browser or OS', () => {
    expect(fingerprintChange.evaluate(login({ fingerprintChanged: true }), config)?.score).toBe(40);
    expect(fingerprintChange.evaluate(login(), config)).toBeNull();
  });

  it('abnormal_ip: a network never seen once there is a history', () => {
    expect(abnormalIp.evaluate(login({ network: '10.9.0.0/16' }), config)?.score).toBe(10);
    expect(abnormalIp.evaluate(login({ network: '10.9.0.0/16', knownNetworks: [] }), config)).toBeNull();
    expect(abnormalIp.evaluate(login(), config)).toBeNull();
  });

  it('large_withdrawal: at least the configured multiple of the 30-day average', () => {
    expect(largeWithdrawal.evaluate(withdrawal({ amountMinor: 10n * BTC }), config)?.score).toBe(100);
    expect(largeWithdrawal.evaluate(withdrawal({ amountMinor: 9n * BTC }), config)).toBeNull();
    expect(largeWithdrawal.evaluate(withdrawal({ averageMinor30d: null, amountMinor: 100n * BTC }), config)).toBeNull();
  });

  it('large_withdrawal_absolute: one withdrawal above the per-asset line', () => {
    expect(largeWithdrawalAbsolute.evaluate(withdrawal({ amountMinor: 6n * BTC }), config)?.score).toBe(50);
    expect(largeWithdrawalAbsolute.evaluate(withdrawal({ amountMinor: 5n * BTC }), config)).toBeNull();
    expect(largeWithdrawalAbsolute.evaluate(withdrawal({ asset: 'DOGE', amountMinor: 10n ** 12n }), config)).toBeNull();
  });

  it('daily_withdrawal: small withdrawals adding up past the line within 24 hours', () => {
    expect(dailyWithdrawal.evaluate(withdrawal({ amountMinor: 2n * BTC, withdrawnMinor24h: 4n * BTC }), config)).toMatchObject({
      score: 50,
      explanation: expect.stringContaining('6 BTC'),
    });
    expect(dailyWithdrawal.evaluate(withdrawal({ amountMinor: 2n * BTC, withdrawnMinor24h: 3n * BTC }), config)).toBeNull();
    // a single withdrawal above the line is the absolute rule's, not counted twice
    expect(dailyWithdrawal.evaluate(withdrawal({ amountMinor: 6n * BTC, withdrawnMinor24h: 4n * BTC }), config)).toBeNull();
  });

  it('the engine applies each rule to its own context only and stamps the rule name', () => {
    expect(RISK_RULES.map((r) => `${r.appliesTo}:${r.name}`)).toEqual([
      'login:new_device',
      'login:new_country',
      'login:fingerprint_change',
      'login:abnormal_ip',
      'withdrawal:large_withdrawal',
      'withdrawal:large_withdrawal_absolute',
      'withdrawal:daily_withdrawal',
    ]);
    expect(evaluateRules(login({ newDevice: true, ipCountry: 'FR' }), config).map((s) => s.rule)).toEqual(['new_device', 'new_country']);
    expect(evaluateRules(withdrawal({ amountMinor: 20n * BTC }), config).map((s) => s.rule)).toEqual(['large_withdrawal', 'large_withdrawal_absolute']);
  });
});
