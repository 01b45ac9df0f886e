/**
 * What a login flow knows as it goes, and its answers. A paused login is stored in login_challenges
 * (src/login/store.ts) with its pipeline, step and what later steps need; resuming rebuilds this
 * state from the row and the resuming request, reloading the account so that rechecks see its
 * present state, never the one at the password step.
 */
import type { RequestContext } from '../deps.js';
import type { AccountRow } from '../accounts/store.js';
import type { AttemptTicket } from '../limits/auth-limits.js';
import type { ChallengeRow, KnownDeviceRow } from '../login/store.js';
import type { IssuedSession, SessionKind } from '../login/sessions.js';
import type { MethodId } from '../twofactor/methods/method.js';

export interface LoginState {
  audience: SessionKind;
  /** The request being answered now (the resuming one, after a pause). */
  ctx: RequestContext;
  email: string;
  /** Only during the password step's run; never stored. */
  password: string | null;
  account: AccountRow | null;
  /** Set once the password matched: facts about the account may be told from then on. */
  passwordProven: boolean;
  ticket?: AttemptTicket;
  deviceKey: string;
  deviceName: string;
  /** The device, when it signed in to this account before (by its own id or a device token). */
  knownDevice: KnownDeviceRow | null;
  flags: string[];
  riskScore: number | null;
  /** IP country of the request that started the flow. */
  startCountry: string | null;
  /** Set by the risk step: this login needs an emailed approval of the device. */
  confirmDevice: boolean;
  /** Set when a paused flow resumes: the challenge it resumed. */
  challenge?: ChallengeRow;
  /** What a flow carries on to later steps (a password reset's new hash), stored with a pause. */
  payload: Record<string, unknown>;
  /** A second-factor code sent with the request that starts the flow (a reset's `twoFactorCode`). */
  inlineCode?: string;
}

export interface CompletedLogin {
  status: 'ok';
  session: IssuedSession;
  /** Proof for later logins that this device signed in here (src/login/device-token.ts). */
  deviceToken: string;
  accountId: string;
  deviceId: string;
  restrictions: string[];
}

export interface SecondFactorRequired {
  status: '2fa_required';
  challenge: { id: string; expiresAt: string; methods: MethodId[] };
}

export interface DeviceConfirmationRequired {
  status: 'device_confirmation_required';
  challenge: { id: string; expiresAt: string };
}

export type LoginAnswer = CompletedLogin | SecondFactorRequired | DeviceConfirmationRequired;

/** A password reset's answer once the new password is in place. */
export interface PasswordResetDone {
  status: 'password_reset';
}

/** The state of a paused login, rebuilt for the request that resumes it. */
export function resumedState(row: ChallengeRow, account: AccountRow | null, ctx: RequestContext): LoginState {
  return {
    audience: row.audience as SessionKind,
    // The device that started the flow signs in, from the address that finishes it.
    ctx: { ...ctx, userAgent: row.user_agent },
    email: account?.email ?? '',
    password: null,
    account,
    passwordProven: true,
    deviceKey: row.device_key,
    deviceName: row.device_name,
    knownDevice: null,
    flags: JSON.parse(row.flags) as string[],
    riskScore: row.risk_score,
    startCountry: row.country,
    confirmDevice: false,
    challenge: row,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}
