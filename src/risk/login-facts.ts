/** Gathers what the risk rules need to know about a login, from the account's own history. */
import type { Deps } from '../deps.js';
import { networkOf } from '../limits/client-ip.js';
import { userAgentFamily } from '../login/devices.js';
import type { RiskFacts } from './rule.js';

const HISTORY_MS = 90 * 86_400_000;
/** Outcomes that mean the password was right (success, or stopped later by region/2FA). */
const PASSWORD_CORRECT_CODES = [4001, 4003];

export async function gatherLoginFacts(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { accountId: string; ip: string; ipCountry: string | null; userAgent: string; knownDevice: { user_agent: string } | undefined },
): Promise<RiskFacts> {
  const now = deps.clock.nowMs();
  const windowStart = now - deps.config.regionPolicy.hopping.windowSeconds * 1000;
  // One grouped read serves both questions (90-day history, hopping window): one row per distinct
  // (ip, country, outcome) with its latest time, however often the account signs in.
  const rows = await deps.db
    .selectFrom('login_attempts')
    .select(['ip', 'country', 'result_code'])
    .select((eb) => eb.fn.max('at').as('at'))
    .where('account_id', '=', input.accountId)
    .where('at', '>', now - Math.max(HISTORY_MS, now - windowStart))
    .groupBy(['ip', 'country', 'result_code'])
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
  const successes = rows.filter((r) => r.result_code === null);
  const recentCountries = new Set(
    rows
      .filter((r) => Number(r.at) > windowStart && r.country !== null && (r.result_code === null || PASSWORD_CORRECT_CODES.includes(r.result_code)))
      .map((r) => r.country!),
  );
  if (input.ipCountry) recentCountries.add(input.ipCountry);
  const knownFamily = input.knownDevice ? userAgentFamily(input.knownDevice.user_agent) : null;
  const currentFamily = userAgentFamily(input.userAgent);
  return {
    context: 'login',
    ipCountry: input.ipCountry,
    network: networkOf(input.ip),
    newDevice: input.knownDevice === undefined,
    fingerprintChanged: knownFamily !== null && currentFamily !== null && knownFamily !== currentFamily,
    knownCountries: [...new Set(successes.map((s) => s.country).filter((c): c is string => c !== null))],
    knownNetworks: [...new Set(successes.map((s) => networkOf(s.ip)))],
    recentCountries: [...recentCountries].sort(),
  };
}
