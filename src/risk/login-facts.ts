/** Gathers what the login risk rules need to know, from the account's footprint of successful sign-ins. */
import { networkOf } from '../limits/client-ip.js';
import { userAgentFamily } from '../login/devices.js';
import type { LoginFacts } from './rule.js';

export interface FootprintEntry {
  network: string;
  /** '' when the sign-in's IP had no country. */
  country: string;
}

export function loginFacts(input: {
  ip: string;
  ipCountry: string | null;
  userAgent: string;
  knownDevice: { user_agent: string } | null;
  /** The networks and countries of the account's successful sign-ins in the last 90 days. */
  footprint: readonly FootprintEntry[];
}): LoginFacts {
  const knownFamily = input.knownDevice ? userAgentFamily(input.knownDevice.user_agent) : null;
  const currentFamily = userAgentFamily(input.userAgent);
  return {
    context: 'login',
    ipCountry: input.ipCountry,
    network: networkOf(input.ip),
    newDevice: input.knownDevice === null,
    fingerprintChanged: knownFamily !== null && currentFamily !== null && knownFamily !== currentFamily,
    knownCountries: [...new Set(input.footprint.map((f) => f.country).filter((c) => c !== ''))],
    knownNetworks: [...new Set(input.footprint.map((f) => f.network))],
  };
}
