/**
 * The login checks after the password: region (4001), region hopping (4001 region_hopping, with a
 * cool-down), then the risk engine (freeze → 4002 risk; device confirmation; allow). Each refusal is
 * recorded in the login history by the caller's `refuse`, then thrown.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { AccountRow } from '../accounts/store.js';
import { freezeAccount } from '../accounts/freeze.js';
import { assessRisk } from '../risk/engine.js';
import { gatherLoginFacts } from '../risk/login-facts.js';

export interface LoginRiskOutcome {
  ipCountry: string | null;
  /** History flags: new_device, new_country, fingerprint_change, abnormal_ip. */
  flags: string[];
  confirmDevice: boolean;
  riskScore: number;
}

type Refuse = (code: number, reason: string, extra?: { flags?: string[]; riskScore?: number }) => Promise<void>;

export async function checkRegionAndRisk(
  deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'config' | 'geo' | 'region'>,
  account: AccountRow,
  ctx: RequestContext,
  knownDevice: { user_agent: string } | undefined,
  refuse: Refuse,
): Promise<LoginRiskOutcome> {
  const now = deps.clock.nowMs();
  const ipCountry = deps.geo.countryOf(ctx.ip);
  const region = await deps.region.decide(ipCountry, account.kyc_country);
  if (region.action === 'deny') {
    await refuse(4001, 'region_blocked');
    throw new AppError('REGION_RESTRICTED', { reason: 'region_blocked', details: { ipCountry } });
  }
  if ((account.region_hop_until ?? 0) > now) {
    await refuse(4001, 'region_hopping');
    throw new AppError('REGION_RESTRICTED', { reason: 'region_hopping', details: { ipCountry, until: new Date(account.region_hop_until!).toISOString() } });
  }

  const facts = await gatherLoginFacts(deps, { accountId: account.id, ip: ctx.ip, ipCountry, userAgent: ctx.userAgent, knownDevice });
  const decision = await assessRisk(deps, account.id, facts);
  const flags = decision.signals.map((s) => s.rule);
  if (flags.includes('region_hopping')) {
    const until = now + (await deps.region.policy()).hopping.cooldownSeconds * 1000;
    await deps.db.updateTable('accounts').set({ region_hop_until: until }).where('id', '=', account.id).execute();
    await refuse(4001, 'region_hopping', { flags, riskScore: decision.score });
    throw new AppError('REGION_RESTRICTED', { reason: 'region_hopping', details: { ipCountry, until: new Date(until).toISOString() } });
  }
  if (decision.action === 'freeze') {
    await freezeAccount(deps, account.id, 'risk', `risk decision ${decision.id}: ${flags.join(', ')}`);
    await refuse(4002, 'risk', { flags, riskScore: decision.score });
    throw new AppError('ACCOUNT_FROZEN', { reason: 'risk', details: { freezeType: 'risk', ticketHint: '/support/new?category=account_frozen' } });
  }
  return { ipCountry, flags, confirmDevice: decision.action === 'confirm_device', riskScore: decision.score };
}
