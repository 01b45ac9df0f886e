/**
 * The risk engine: named rules (one file each under rules/) score the facts of a login or a
 * withdrawal; the total maps to allow, device confirmation (email) or freeze. Every decision with a
 * signal is stored with the signals that made it, so staff can see why an account was stopped; every
 * login also carries its score in the login history.
 */
import type { Deps } from '../deps.js';
import type { RiskFacts, RiskRule, RiskSignal } from './rule.js';
import { newDevice } from './rules/new-device.js';
import { newCountry } from './rules/new-country.js';
import { fingerprintChange } from './rules/fingerprint-change.js';
import { abnormalIp } from './rules/abnormal-ip.js';
import { regionHopping } from './rules/region-hopping.js';
import { largeWithdrawal } from './rules/large-withdrawal.js';

export const RISK_RULES: RiskRule[] = [newDevice, newCountry, fingerprintChange, abnormalIp, regionHopping, largeWithdrawal];

export type RiskAction = 'allow' | 'confirm_device' | 'freeze';

export interface RiskDecision {
  id: string;
  score: number;
  action: RiskAction;
  signals: RiskSignal[];
}

export async function assessRisk(deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'config'>, accountId: string, facts: RiskFacts): Promise<RiskDecision> {
  const signals = RISK_RULES.map((rule) => rule.evaluate(facts, deps.config)).filter((s): s is RiskSignal => s !== null);
  const score = signals.reduce((sum, s) => sum + s.score, 0);
  const { freezeScore, confirmDeviceScore } = deps.config.risk;
  const action: RiskAction = score >= freezeScore ? 'freeze' : score >= confirmDeviceScore && facts.context === 'login' ? 'confirm_device' : 'allow';
  const id = deps.newId();
  // A decision with no signal is a plain allow: its score (0) is on the login-history row already.
  if (signals.length > 0) {
    await deps.db
      .insertInto('risk_decisions')
      .values({ id, account_id: accountId, at: deps.clock.nowMs(), context: facts.context, score, action, signals: JSON.stringify(signals) })
      .execute();
  }
  return { id, score, action, signals };
}

export async function listRiskDecisions(db: Deps['db'], accountId: string, limit = 50) {
  const rows = await db.selectFrom('risk_decisions').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    context: r.context,
    score: r.score,
    action: r.action,
    signals: JSON.parse(r.signals) as RiskSignal[],
  }));
}
