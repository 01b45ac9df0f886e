/** Paused logins (device confirmation, second factor) share one table; this writes a new one. */
import type { Db, LoginChallengesTable } from '../platform/db/schema.js';
import type { SessionKind } from './sessions.js';

/** A login that passed the password and waits for its last steps; each step hands it on unchanged. */
export interface PendingLogin {
  accountId: string;
  audience: SessionKind;
  deviceKey: string;
  deviceName: string;
  userAgent: string;
  ip: string;
  flags: string[];
  /** For the restrictions shown with the session. */
  kycCountry: string | null;
  riskScore?: number | null;
}

export interface NewChallenge {
  id: string;
  kind: 'device_confirmation' | '2fa';
  login: PendingLogin;
  tokenHash?: string;
  methods?: string[];
  createdAtMs: number;
  expiresAtMs: number;
}

export async function insertLoginChallenge(db: Db, challenge: NewChallenge): Promise<void> {
  await db
    .insertInto('login_challenges')
    .values({
      id: challenge.id,
      account_id: challenge.login.accountId,
      kind: challenge.kind,
      audience: challenge.login.audience,
      device_key: challenge.login.deviceKey,
      device_name: challenge.login.deviceName,
      user_agent: challenge.login.userAgent,
      ip: challenge.login.ip,
      flags: JSON.stringify(challenge.login.flags),
      token_hash: challenge.tokenHash ?? null,
      methods: JSON.stringify(challenge.methods ?? []),
      created_at: challenge.createdAtMs,
      expires_at: challenge.expiresAtMs,
      confirmed_at: null,
      completed_at: null,
    })
    .execute();
}

/** The pending login a stored challenge carries, with `extraFlags` for the step just passed. */
export function pendingLoginOf(
  row: Pick<LoginChallengesTable, 'account_id' | 'audience' | 'device_key' | 'device_name' | 'user_agent' | 'ip' | 'flags'>,
  account: { kyc_country: string | null },
  extraFlags: string[],
  ip = row.ip,
): PendingLogin {
  return {
    kycCountry: account.kyc_country,
    accountId: row.account_id,
    audience: row.audience as SessionKind,
    deviceKey: row.device_key,
    deviceName: row.device_name,
    userAgent: row.user_agent,
    ip,
    flags: [...(JSON.parse(row.flags) as string[]), ...extraFlags],
  };
}
