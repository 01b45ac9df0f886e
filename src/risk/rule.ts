/** A risk rule looks at the facts of one login or withdrawal and may contribute a score, with a reason. */
import type { Config } from '../config.js';

export interface RiskFacts {
  context: 'login' | 'withdrawal';
  ipCountry: string | null;
  /** Network of the IP (/16 for IPv4, /48 for IPv6). */
  network: string;
  /** The device key is new to this account. */
  newDevice: boolean;
  /** The device key is known, but its User-Agent now names another browser or OS family. */
  fingerprintChanged: boolean;
  /** Countries and networks of this account's successful logins in the last 90 days. */
  knownCountries: string[];
  knownNetworks: string[];
  /** Distinct countries of password-correct logins in the hopping window, this one included. */
  recentCountries: string[];
  withdrawal?: { asset: string; amountMinor: bigint; averageMinor30d: bigint | null };
}

export interface RiskSignal {
  rule: string;
  score: number;
  explanation: string;
}

export interface RiskRule {
  name: string;
  evaluate(facts: RiskFacts, config: Config): RiskSignal | null;
}
