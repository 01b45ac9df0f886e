/**
 * The one migration set for both dialects, one file each under migrations/. Migrations are code (no
 * files to ship), append-only: never edit a released migration, add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { m0001Core } from './migrations/0001-core.js';
import { m0002LimitsAndChallenges } from './migrations/0002-limits-and-challenges.js';
import { m0003TwoFactor } from './migrations/0003-two-factor.js';
import { m0004RegionRiskWallet } from './migrations/0004-region-risk-wallet.js';
import { m0005HistoryByTime } from './migrations/0005-history-by-time.js';
import { m0006Flows } from './migrations/0006-flows.js';
import { m0007SignedApi } from './migrations/0007-signed-api.js';
import { m0008Support } from './migrations/0008-support.js';
import { m0009BalanceCredits } from './migrations/0009-balance-credits.js';
import { m0010LoginFootprint } from './migrations/0010-login-footprint.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001Core,
  '0002_limits_and_challenges': m0002LimitsAndChallenges,
  '0003_two_factor': m0003TwoFactor,
  '0004_region_risk_wallet': m0004RegionRiskWallet,
  '0005_history_by_time': m0005HistoryByTime,
  '0006_flows': m0006Flows,
  '0007_signed_api': m0007SignedApi,
  '0008_support': m0008Support,
  '0009_balance_credits': m0009BalanceCredits,
  '0010_login_footprint': m0010LoginFootprint,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema to the latest migration; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator runs before (and regardless of) the typed schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  // With a non-default PostgreSQL schema, Kysely must be told where its own bookkeeping tables live.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
