/**
 * Region hopping (4001 region_hopping): password-correct sign-ins from more countries within the
 * window than the region policy in force allows (VPN exits being rotated). Pure: the caller passes
 * the countries seen in the window and the policy that is live now (the admin's stored one, or the
 * file's).
 */
import type { RegionPolicy } from './policy.js';

/** The distinct countries of the window's sign-ins, with this sign-in's (and its flow's start) added. */
export function countriesWithin(recent: readonly string[], also: ReadonlyArray<string | null>): string[] {
  const countries = new Set(recent);
  for (const country of also) if (country) countries.add(country);
  return [...countries].sort();
}

export function isHopping(countries: readonly string[], hopping: RegionPolicy['hopping']): boolean {
  return countries.length > hopping.maxCountries;
}
