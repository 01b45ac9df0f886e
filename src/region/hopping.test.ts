import { describe, expect, it } from 'vitest';
import { countriesWithin, isHopping } from './hopping.js';

const now = Date.UTC(2026, 10, 26, 9);
const row = (country: string | null, minutesAgo: number, result_code: number | null = null) => ({ country, result_code, at: now - minutesAgo * 60_000 });

describe('region hopping', () => {
  it('counts the countries of password-correct sign-ins within the window, and the current one', () => {
    const footprint = [row('DE', 10), row('FR', 20, 4003), row('GB', 30, 4001), row('US', 30, 4000), row('JP', 90), row(null, 5)];
    expect(countriesWithin(footprint, now, 3600, ['CN'])).toEqual(['CN', 'DE', 'FR', 'GB']);
    expect(countriesWithin(footprint, now, 600, [null])).toEqual([]);
  });

  it('is hopping above the policy limit, whatever policy is live', () => {
    expect(isHopping(['DE'], { maxCountries: 1, windowSeconds: 3600, cooldownSeconds: 60 })).toBe(false);
    expect(isHopping(['DE', 'FR'], { maxCountries: 1, windowSeconds: 3600, cooldownSeconds: 60 })).toBe(true);
    expect(isHopping(['DE', 'FR'], { maxCountries: 3, windowSeconds: 3600, cooldownSeconds: 60 })).toBe(false);
  });
});
