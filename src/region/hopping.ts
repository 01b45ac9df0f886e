/**
 * Region hopping (4001 region_hopping): password-correct sign-ins from more countries within the
 * window than the region policy in force allows (VPN exits being rotated). Pure: the caller passes
 * the policy that is live now (the admin's stored one, or the file's).
 */
import type { RegionPolicy } from './policy.js';

/** Outcomes that mean the password was right: success (null), or stopped later by region or 2FA. */
const PASSWORD_CORRECT_CODES: readonly (number | null)[] = [null, 4001, 4003];

export interface FootprintRow {
  country: string | null;
  result_code: number | null;
  at: number | string | bigint | null;
}

/** The distinct countries of password-correct sign-ins within the window, with `also` added. */
export function countriesWithin(footprint: readonly FootprintRow[], nowMs: number, windowSeconds: number, also: Array<string | null>): string[] {
  const since = nowMs - windowSeconds * 1000;
  const countries = new Set(
    footprint.filter((r) => Number(r.at) > since && r.country !== null && PASSWORD_CORRECT_CODES.includes(r.result_code)).map((r) => r.country as string),
  );
  for (const country of also) if (country) countries.add(country);
  return [...countries].sort();
}

export function isHopping(countries: readonly string[], hopping: RegionPolicy['hopping']): boolean {
  return countries.length > hopping.maxCountries;
}
