/**
 * Email confirmation of a new device: the login is paused, the owner gets a link, the client polls.
 *
 * Protects: an account whose password is being guessed at scale (and, later, risky logins). Invariants:
 * the poll handle and the mailed token are independent 128/256-bit random values; the token is stored
 * only as a hash and confirms once (one conditional UPDATE); the session is handed out once, to one
 * poll, by another conditional UPDATE; challenges expire after 15 minutes.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { sha256Hex } from '../platform/crypto.js';
import { randomToken } from '../platform/random.js';
import type { AccountRow } from '../accounts/store.js';
import type { CompletedLogin } from './complete-login.js';
import { continueLogin } from './next-step.js';
import { insertLoginChallenge, pendingLoginOf, type PendingLogin } from './challenge-store.js';
import type { SecondFactorRequired } from '../twofactor/second-factor.js';
import { findAccountById } from '../accounts/store.js';

export const CHALLENGE_TTL_MS = 15 * 60 * 1000;

export interface PendingChallenge {
  status: 'device_confirmation_required';
  challenge: { id: string; expiresAt: string };
}

type ChallengeDeps = Deps;

export async function startDeviceConfirmation(deps: ChallengeDeps, account: AccountRow, login: PendingLogin): Promise<PendingChallenge> {
  const now = deps.clock.nowMs();
  const id = randomToken(deps.random, 16);
  const token = randomToken(deps.random, 32);
  const expiresAtMs = now + CHALLENGE_TTL_MS;
  await insertLoginChallenge(deps.db, { id, kind: 'device_confirmation', login, tokenHash: sha256Hex(token), createdAtMs: now, expiresAtMs });
  const link = `${deps.config.publicUrl}/confirm-device?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: account.email,
    channel: 'email',
    subject: 'Approve a sign-in from a new device',
    text: [
      `Someone signed in to your Gatehouse account with the correct password from a new device: ${login.deviceName}, IP ${login.ip}, at ${new Date(now).toISOString()}.`,
      `If this was you, approve it within 15 minutes: ${link}`,
      `(API clients: POST /api/v1/auth/login/confirm-device with {"token": "${token}"}.)`,
      'If this was not you, do not open the link: change your password at once. Nobody can sign in from that device without this approval.',
    ].join('\n\n'),
  });
  return { status: 'device_confirmation_required', challenge: { id, expiresAt: new Date(expiresAtMs).toISOString() } };
}

/** The mailed link was opened: marks the challenge confirmed, once. */
export async function confirmDevice(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<void> {
  const now = deps.clock.nowMs();
  const row = await deps.db
    .updateTable('login_challenges')
    .set({ confirmed_at: now })
    .where('token_hash', '=', sha256Hex(token))
    .where('kind', '=', 'device_confirmation')
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw new AppError('INVALID_OR_EXPIRED_CODE');
}

/** A poll of a paused login: pending, or (once) the next step: the session or the second factor. */
export async function pollChallenge(deps: ChallengeDeps, id: string): Promise<{ status: 'pending' } | CompletedLogin | SecondFactorRequired> {
  const now = deps.clock.nowMs();
  const row = await deps.db.selectFrom('login_challenges').selectAll().where('id', '=', id).where('kind', '=', 'device_confirmation').executeTakeFirst();
  if (!row || row.expires_at <= now || row.completed_at !== null) throw new AppError('INVALID_OR_EXPIRED_CODE');
  if (row.confirmed_at === null) return { status: 'pending' };
  const claimed = await deps.db
    .updateTable('login_challenges')
    .set({ completed_at: now })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .where('confirmed_at', 'is not', null)
    .returning(['id'])
    .executeTakeFirst();
  if (!claimed) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const account = await findAccountById(deps.db, row.account_id);
  if (!account || account.frozen_type !== null) throw new AppError('INVALID_OR_EXPIRED_CODE');
  return continueLogin(deps, pendingLoginOf(row, account, ['device_confirmed']));
}
