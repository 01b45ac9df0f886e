/**
 * The region policy in force: the config's, until an admin replaces it (PUT
 * /api/v1/admin/region-policy), after which the stored one wins. Cached for one second per process,
 * like maintenance, so a change reaches every instance within a second.
 */
import { Value } from '@sinclair/typebox/value';
import type { Deps } from '../deps.js';
import type { Db } from '../platform/db/schema.js';
import { AppError } from '../errors/app-error.js';
import { readSetting, writeSetting } from '../maintenance/settings-store.js';
import { RegionPolicySchema, evaluateRegion, type RegionDecision, type RegionPolicy } from './policy.js';

const KEY = 'region_policy';
const CACHE_MS = 1000;

export interface RegionService {
  policy(): Promise<RegionPolicy>;
  /** Validates and stores a policy; `db` lets a caller store it inside its own transaction (the audit row's). */
  replace(policy: unknown, db?: Db): Promise<RegionPolicy>;
  /** Drops the stored policy, so the configuration's is in force again; returns it. */
  reset(db?: Db): Promise<RegionPolicy>;
  decide(ipCountry: string | null, kycCountry: string | null): Promise<RegionDecision>;
}

export function createRegionService(deps: Pick<Deps, 'db' | 'clock' | 'config'>): RegionService {
  let cached: { policy: RegionPolicy; atMs: number } | undefined;
  const service: RegionService = {
    async policy() {
      const now = deps.clock.nowMs();
      if (cached && now - cached.atMs < CACHE_MS && now >= cached.atMs) return cached.policy;
      const stored = await readSetting<RegionPolicy>(deps.db, KEY);
      const policy = stored && Value.Check(RegionPolicySchema, stored) ? stored : deps.config.regionPolicy;
      cached = { policy, atMs: now };
      return policy;
    },
    async replace(candidate, db = deps.db) {
      if (!Value.Check(RegionPolicySchema, candidate)) {
        const first = Value.Errors(RegionPolicySchema, candidate).First();
        const field = first?.path.replace(/^\//, '').replace(/\//g, '.') || 'policy';
        throw new AppError('VALIDATION_FAILED', { details: { fields: { [field]: first?.message ?? 'invalid' } } });
      }
      await writeSetting(db, KEY, candidate, deps.clock.nowMs());
      cached = undefined;
      return candidate;
    },
    async reset(db = deps.db) {
      // A stored null reads as "none stored" (policy() above), which needs no delete statement.
      await writeSetting(db, KEY, null, deps.clock.nowMs());
      cached = undefined;
      return deps.config.regionPolicy;
    },
    async decide(ipCountry, kycCountry) {
      return evaluateRegion(await service.policy(), ipCountry, kycCountry);
    },
  };
  return service;
}

/** Refuses a restricted function for this caller's location (4001 function_restricted or region_blocked). */
export async function requireFunctionAllowed(
  deps: Pick<Deps, 'geo' | 'region'>,
  account: { kyc_country: string | null },
  ip: string,
  fn: string,
): Promise<void> {
  const ipCountry = deps.geo.countryOf(ip);
  const decision = await deps.region.decide(ipCountry, account.kyc_country);
  if (decision.action === 'deny') throw new AppError('REGION_RESTRICTED', { reason: 'region_blocked', details: { ipCountry, function: fn } });
  if (decision.functions.includes(fn)) {
    throw new AppError('REGION_RESTRICTED', { reason: 'function_restricted', details: { ipCountry, function: fn } });
  }
}

/** The functions restricted for this caller right now (shown with the session and the account). */
export async function currentRestrictions(deps: Pick<Deps, 'geo' | 'region'>, account: { kyc_country: string | null }, ip: string): Promise<string[]> {
  return (await deps.region.decide(deps.geo.countryOf(ip), account.kyc_country)).functions;
}
