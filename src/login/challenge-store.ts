/** Paused logins (device confirmation, second factor) share one table; this writes a new one. */
import type { Db } from '../platform/db/schema.js';

export interface NewChallenge {
  id: string;
  accountId: string;
  kind: 'device_confirmation' | '2fa';
  audience: string;
  deviceKey: string;
  deviceName: string;
  userAgent: string;
  ip: string;
  flags: string[];
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
      account_id: challenge.accountId,
      kind: challenge.kind,
      audience: challenge.audience,
      device_key: challenge.deviceKey,
      device_name: challenge.deviceName,
      user_agent: challenge.userAgent,
      ip: challenge.ip,
      flags: JSON.stringify(challenge.flags),
      token_hash: challenge.tokenHash ?? null,
      methods: JSON.stringify(challenge.methods ?? []),
      created_at: challenge.createdAtMs,
      expires_at: challenge.expiresAtMs,
      confirmed_at: null,
      completed_at: null,
    })
    .execute();
}
