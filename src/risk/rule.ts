/**
 * A risk rule looks at the facts of one login or one withdrawal and may find something, with a
 * score and an explanation. Facts are per context (a discriminated union), each rule says which
 * context it applies to, and the engine stamps each finding with the rule's name.
 */
import type { Config } from '../config.js';

interface FactsOfAnyContext {
  ipCountry: string | null;
  /** Network of the IP (/16 for IPv4, /48 for IPv6). */
  network: string;
}

export interface LoginFacts extends FactsOfAnyContext {
  context: 'login';
  /** The device key is new to this account. */
  newDevice: boolean;
  /** The device key is known, but its User-Agent now names another browser or OS family. */
  fingerprintChanged: boolean;
  /** Countries and networks of this account's successful logins in the last 90 days. */
  knownCountries: string[];
  knownNetworks: string[];
}

export interface WithdrawalFacts extends FactsOfAnyContext {
  context: 'withdrawal';
  asset: string;
  amountMinor: bigint;
  /** Average withdrawal of this asset over 30 days, or null when there was none. */
  averageMinor30d: bigint | null;
  /** What this account withdrew of this asset in the last 24 hours, before this one. */
  withdrawnMinor24h: bigint;
}

export type RiskFacts = LoginFacts | WithdrawalFacts;
export type RiskContext = RiskFacts['context'];

export interface RuleFinding {
  score: number;
  explanation: string;
}

export interface RiskSignal extends RuleFinding {
  rule: string;
}

export interface RiskRule<C extends RiskContext = RiskContext> {
  name: string;
  appliesTo: C;
  evaluate(facts: Extract<RiskFacts, { context: C }>, config: Config): RuleFinding | null;
}
