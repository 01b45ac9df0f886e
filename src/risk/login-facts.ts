/** Gathers what the login risk rules need to know, from the account's own recent footprint. */
import { networkOf } from '../limits/client-ip.js';
import { userAgentFamily } from '../login/devices.js';
import type { LoginFacts } from './rule.js';

export interface FootprintEntry {
  ip: string;
  country: string | null;
  result_code: number | null;
}

export function loginFacts(input: {
  ip: string;
  ipCountry: string | null;
  userAgent: string;
  knownDevice: { user_agent: string } | null;
  /** The account's sign-ins of the last 90 days, one row per (ip, country, outcome). */
  footprint: readonly FootprintEntry[];
}): LoginFacts {
  const successes = input.footprint.filter((r) => r.result_code === null);
  const knownFamily = input.knownDevice ? userAgentFamily(input.knownDevice.user_agent) : null;
  const currentFamily = userAgentFamily(input.userAgent);
  return {
    context: 'login',
    ipCountry: input.ipCountry,
    network: networkOf(input.ip),
    newDevice: input.knownDevice === null,
    fingerprintChanged: knownFamily !== null && currentFamily !== null && knownFamily !== currentFamily,
    knownCountries: [...new Set(successes.map((s) => s.country).filter((c): c is string => c !== null))],
    knownNetworks: [...new Set(successes.map((s) => networkOf(s.ip)))],
  };
}
