import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION_POLICY, countryMatches, evaluateRegion } from './policy.js';

describe('region policy', () => {
  it('matches codes, lists, wildcards and negations; unknown matches only * and negations', () => {
    expect(countryMatches('US', 'US')).toBe(true);
    expect(countryMatches('US', 'DE')).toBe(false);
    expect(countryMatches(['US', 'CA'], 'CA')).toBe(true);
    expect(countryMatches('!US', 'DE')).toBe(true);
    expect(countryMatches('!US', 'US')).toBe(false);
    expect(countryMatches('*', null)).toBe(true);
    expect(countryMatches('!US', null)).toBe(true);
    expect(countryMatches('US', null)).toBe(false);
    expect(countryMatches(['US'], null)).toBe(false);
  });

  it('reproduces the documented defaults, first match wins', () => {
    expect(evaluateRegion(DEFAULT_REGION_POLICY, 'US', 'DE').action).toBe('deny');
    expect(evaluateRegion(DEFAULT_REGION_POLICY, 'US', null).action).toBe('deny');
    expect(evaluateRegion(DEFAULT_REGION_POLICY, 'US', 'US').action).toBe('allow');
    expect(evaluateRegion(DEFAULT_REGION_POLICY, 'CN', 'CN')).toEqual({ action: 'restrict', functions: ['withdraw', 'api_keys', 'trade'], ruleIndex: 1 });
    expect(evaluateRegion(DEFAULT_REGION_POLICY, 'CN', 'DE').action).toBe('allow');
    expect(evaluateRegion(DEFAULT_REGION_POLICY, null, null).action).toBe('allow');
    expect(evaluateRegion({ ...DEFAULT_REGION_POLICY, rules: [] }, 'US', 'DE')).toEqual({ action: 'allow', functions: [], ruleIndex: null });
  });
});
