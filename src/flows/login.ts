/**
 * The doors of the login flows: start with a password, resume with a second factor or a confirmed
 * device, confirm a device from the mailed link, send a code for a challenge. Services: no Fastify.
 */
import type { RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { normalizeEmail } from '../accounts/email.js';
import { findAccountById } from '../accounts/store.js';
import { deviceKeyFor, deviceNameFromUserAgent } from '../login/devices.js';
import type { SessionKind } from '../login/sessions.js';
import { completeChallenge, confirmChallengeByToken, findChallenge } from '../login/store.js';
import { sha256Hex } from '../platform/crypto.js';
import { normalizePassword } from '../platform/passwords/policy.js';
import type { MethodId } from '../twofactor/methods/method.js';
import { resumedState, type LoginAnswer, type LoginState, type PasswordResetDone, type SecondFactorRequired } from './login-state.js';
import { PASSWORD_RESET, resumablePipelineNamed, STAFF_LOGIN, USER_LOGIN, type ResumableAnswer } from './pipelines.js';
import type { ResetState } from './reset-state.js';
import { resumeFlow, runFlow } from './runner.js';
import type { FlowDeps } from './step.js';
import { SECOND_FACTOR_MAX_TRIES, sendChallengeCode } from './steps/second-factor.js';

export async function startLogin(deps: FlowDeps, input: { email: string; password: string; audience: SessionKind }, ctx: RequestContext): Promise<LoginAnswer> {
  const state: LoginState = {
    audience: input.audience,
    ctx,
    email: normalizeEmail(input.email),
    password: normalizePassword(input.password),
    account: null,
    passwordProven: false,
    deviceKey: deviceKeyFor(ctx.deviceKey, ctx.userAgent),
    deviceName: ctx.deviceName ?? deviceNameFromUserAgent(ctx.userAgent),
    knownDevice: null,
    flags: [],
    riskScore: null,
    startCountry: deps.geo.countryOf(ctx.ip),
    confirmDevice: false,
    payload: {},
  };
  return runFlow(deps, input.audience === 'staff' ? STAFF_LOGIN : USER_LOGIN, state);
}

const challengeExpired = () => new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });

/** Resumes a flow paused at its second factor with the client's code. */
export async function answerSecondFactor(
  deps: FlowDeps,
  input: { challengeId: string; method: MethodId; code: string; audience?: SessionKind },
  ctx: RequestContext,
): Promise<ResumableAnswer> {
  const row = await findChallenge(deps.db, input.challengeId, '2fa');
  const now = deps.clock.nowMs();
  if (!row || row.expires_at <= now || row.completed_at !== null || row.failed_attempts >= SECOND_FACTOR_MAX_TRIES) throw challengeExpired();
  // The staff door answers staff challenges only.
  if (input.audience && row.audience !== input.audience) throw challengeExpired();
  const pipeline = resumablePipelineNamed(row.flow);
  const account = await findAccountById(deps.db, row.account_id);
  if (!pipeline || !account || !row.step) throw challengeExpired();
  return resumeFlow(deps, pipeline, row.step, resumedState(row, account, ctx), { method: input.method, code: input.code });
}

/** A poll of a paused login: pending, or (once) the next step: the session or the second factor. */
export async function pollDeviceConfirmation(deps: FlowDeps, id: string, ctx: RequestContext): Promise<{ status: 'pending' } | ResumableAnswer> {
  const now = deps.clock.nowMs();
  const row = await findChallenge(deps.db, id, 'device_confirmation');
  if (!row || row.expires_at <= now || row.completed_at !== null) throw new AppError('INVALID_OR_EXPIRED_CODE');
  if (row.confirmed_at === null) return { status: 'pending' };
  if (!(await completeChallenge(deps.db, id, now, true))) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const pipeline = resumablePipelineNamed(row.flow);
  const account = await findAccountById(deps.db, row.account_id);
  if (!pipeline || !account || !row.step) throw new AppError('INVALID_OR_EXPIRED_CODE');
  return resumeFlow(deps, pipeline, row.step, resumedState(row, account, ctx), null);
}

/** The mailed link was opened: marks the challenge confirmed, once. */
export async function confirmDevice(deps: Pick<FlowDeps, 'db' | 'clock'>, token: string): Promise<void> {
  if (!(await confirmChallengeByToken(deps.db, sha256Hex(token), deps.clock.nowMs()))) throw new AppError('INVALID_OR_EXPIRED_CODE');
}

/** Sends an email/SMS code for a live second-factor challenge. */
export async function sendLoginCode(deps: FlowDeps, input: { challengeId: string; method: 'email' | 'sms' }): Promise<void> {
  const row = await findChallenge(deps.db, input.challengeId, '2fa');
  if (!row || row.expires_at <= deps.clock.nowMs() || row.completed_at !== null || row.failed_attempts >= SECOND_FACTOR_MAX_TRIES) throw challengeExpired();
  const account = await findAccountById(deps.db, row.account_id);
  if (!account || account.frozen_type !== null) throw challengeExpired();
  await sendChallengeCode(deps, row, account, input.method);
}

export { STAFF_LOGIN, USER_LOGIN };

/** "Forgot password", second half: the mailed link and a new password (and the second factor, when on). */
export async function resetPassword(
  deps: FlowDeps,
  input: { token: string; newPassword: string; twoFactorCode?: string | undefined },
  ctx: RequestContext,
): Promise<PasswordResetDone | SecondFactorRequired> {
  const state: ResetState = {
    audience: 'user',
    ctx,
    email: '',
    password: null,
    account: null,
    // The link stands for the password: facts about the account may be told from here on.
    passwordProven: true,
    deviceKey: deviceKeyFor(ctx.deviceKey, ctx.userAgent),
    deviceName: ctx.deviceName ?? deviceNameFromUserAgent(ctx.userAgent),
    knownDevice: null,
    flags: ['password_reset'],
    riskScore: null,
    startCountry: deps.geo.countryOf(ctx.ip),
    confirmDevice: false,
    payload: {},
    ...(input.twoFactorCode !== undefined ? { inlineCode: input.twoFactorCode } : {}),
    resetTokenHash: sha256Hex(input.token),
    newPassword: input.newPassword,
  };
  return runFlow(deps, PASSWORD_RESET, state);
}
