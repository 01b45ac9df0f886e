/**
 * The risk engine: named rules (one file each under rules/) score the facts of a login or a
 * withdrawal; the total maps to allow, device confirmation (email; logins only) or freeze. Every
 * decision with a signal is stored with the signals that made it, so staff can see why an account
 * was stopped; every login also carries its score in the login history.
 */
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import type { Db } from '../platform/db/schema.js';
import type { RiskFacts, RiskRule, RiskSignal } from './rule.js';
import { abnormalIp } from './rules/abnormal-ip.js';
import { dailyWithdrawal } from './rules/daily-withdrawal.js';
import { fingerprintChange } from './rules/fingerprint-change.js';
import { largeWithdrawal } from './rules/large-withdrawal.js';
import { largeWithdrawalAbsolute } from './rules/large-withdrawal-absolute.js';
import { newCountry } from './rules/new-country.js';
import { newDevice } from './rules/new-device.js';
import { insertRiskDecision, listRiskDecisionRows } from './store.js';

export const RISK_RULES: ReadonlyArray<RiskRule<'login'> | RiskRule<'withdrawal'>> = [
  newDevice,
  newCountry,
  fingerprintChange,
  abnormalIp,
  largeWithdrawal,
  largeWithdrawalAbsolute,
  dailyWithdrawal,
];

export type RiskAction = 'allow' | 'confirm_device' | 'freeze' | 'deny';

export interface RiskDecision {
  id: string;
  score: number;
  action: RiskAction;
  signals: RiskSignal[];
}

/** The findings of the rules that apply to the facts' context, each stamped with its rule's name. */
export function evaluateRules(facts: RiskFacts, config: Config, rules = RISK_RULES): RiskSignal[] {
  const signals: RiskSignal[] = [];
  for (const rule of rules) {
    if (rule.appliesTo !== facts.context) continue;
    const finding = (rule.evaluate as (f: RiskFacts, c: Config) => ReturnType<RiskRule['evaluate']>)(facts, config);
    if (finding) signals.push({ rule: rule.name, ...finding });
  }
  return signals;
}

type EngineDeps = Pick<Deps, 'db' | 'clock' | 'newId' | 'config'>;

/** Stores a decision that has signals (a plain allow is only its score on the history row). */
export async function recordRiskDecision(
  deps: EngineDeps,
  accountId: string,
  context: RiskFacts['context'],
  action: RiskAction,
  signals: RiskSignal[],
): Promise<RiskDecision> {
  const id = deps.newId();
  const score = signals.reduce((sum, s) => sum + s.score, 0);
  if (signals.length > 0) await insertRiskDecision(deps.db, { id, accountId, atMs: deps.clock.nowMs(), context, score, action, signals });
  return { id, score, action, signals };
}

export async function assessRisk(deps: EngineDeps, accountId: string, facts: RiskFacts): Promise<RiskDecision> {
  const signals = evaluateRules(facts, deps.config);
  const score = signals.reduce((sum, s) => sum + s.score, 0);
  const { freezeScore, confirmDeviceScore } = deps.config.risk;
  const action: RiskAction = score >= freezeScore ? 'freeze' : score >= confirmDeviceScore && facts.context === 'login' ? 'confirm_device' : 'allow';
  return recordRiskDecision(deps, accountId, facts.context, action, signals);
}

export async function listRiskDecisions(db: Db, accountId: string, limit = 50) {
  const rows = await listRiskDecisionRows(db, accountId, limit);
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    context: r.context,
    score: r.score,
    action: r.action,
    signals: JSON.parse(r.signals) as RiskSignal[],
  }));
}
