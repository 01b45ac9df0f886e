import { describe, expect, it } from 'vitest';
import { countriesWithin, isHopping } from './hopping.js';

describe('region hopping', () => {
  it('counts the distinct countries of the window and the current sign-in', () => {
    expect(countriesWithin(['DE', 'FR', 'GB'], ['CN', null])).toEqual(['CN', 'DE', 'FR', 'GB']);
    expect(countriesWithin(['DE'], ['DE', 'DE'])).toEqual(['DE']);
    expect(countriesWithin([], [null])).toEqual([]);
  });

  it('is hopping above the policy limit, whatever policy is live', () => {
    expect(isHopping(['DE'], { maxCountries: 1, windowSeconds: 3600, cooldownSeconds: 60 })).toBe(false);
    expect(isHopping(['DE', 'FR'], { maxCountries: 1, windowSeconds: 3600, cooldownSeconds: 60 })).toBe(true);
    expect(isHopping(['DE', 'FR'], { maxCountries: 3, windowSeconds: 3600, cooldownSeconds: 60 })).toBe(false);
  });
});
