/**
 * The flows, as data: each pipeline is the normative order of its checks, read top to bottom. The
 * order-of-checks tables in docs/api.md are generated from these arrays (`npm run docs:generate`) and
 * a test keeps them in sync; a table-driven test walks the order with accounts that fail several
 * checks at once.
 */
import type { LoginAnswer, LoginState, PasswordResetDone, SecondFactorRequired } from './login-state.js';
import type { ResetState } from './reset-state.js';
import { applyResetStep } from './steps/apply-reset.js';
import { newPasswordStep } from './steps/new-password.js';
import { resetLinkStep, useResetLinkStep } from './steps/reset-link.js';
import { recordLoginRefusal } from './login-refusals.js';
import type { Pipeline } from './step.js';
import type { ApiKeyCreated, ApiKeyState } from './api-key-state.js';
import { authenticatorRequiredStep } from './steps/authenticator-required.js';
import { mintApiKeyStep } from './steps/mint-api-key.js';
import type { WithdrawalAnswer, WithdrawalState } from './withdrawal-state.js';
import { debitStep } from './steps/debit.js';
import { functionAllowedStep } from './steps/function-allowed.js';
import { securityHoldStep } from './steps/security-hold.js';
import { stepUpStep } from './steps/step-up.js';
import { withdrawalRiskStep } from './steps/withdrawal-risk.js';
import { credentialsStep } from './steps/credentials.js';
import { deviceConfirmationStep } from './steps/device-confirmation.js';
import { maintenanceStep } from './steps/maintenance.js';
import { notFrozenStep } from './steps/not-frozen.js';
import { passwordCurrentStep } from './steps/password-current.js';
import { regionStep } from './steps/region.js';
import { riskStep } from './steps/risk.js';
import { secondFactorStep } from './steps/second-factor.js';
import { sessionStep } from './steps/session.js';

/** What the HTTP layer checks at a password door before any step runs: cheap, before the body is read. */
const LOGIN_DOOR_CHECKS = [
  { code: '1100', check: 'maintenance mode, before the body is read (the staff door is exempt)' },
  { code: '1003 ip_rate_limit', check: 'the per-IP request budget and IP block, before the body is read (blocked clients are refused before the framework)' },
  { code: '1003 overloaded', check: 'early shedding: the normal hashing line is full and the request carries no valid device token' },
  { code: '4010 / 4020', check: 'the body: JSON, schema, size' },
];

/** What the HTTP layer checks before a signed-in user's flow starts. */
const SIGNED_IN = { code: '4011 / 4002', check: 'a live session (of an account that is not frozen) and, for cookie sessions, the CSRF header' };

/** A sign-in after the maintenance gate, the same for users and staff (staff skip the gate: they turn it off). */
function signInSteps(): Pipeline<LoginState, LoginAnswer>['steps'] {
  return [credentialsStep, passwordCurrentStep, notFrozenStep(), regionStep, riskStep, deviceConfirmationStep, secondFactorStep(), sessionStep];
}

export const USER_LOGIN: Pipeline<LoginState, LoginAnswer> = {
  name: 'user_login',
  title: 'User login',
  door: '`POST /api/v1/auth/login`; resumed by `POST /api/v1/auth/login/2fa` and `GET /api/v1/auth/login/challenge/{id}`',
  before: LOGIN_DOOR_CHECKS,
  steps: [maintenanceStep(), ...signInSteps()],
  onRefusal: recordLoginRefusal,
};

/** Staff sign in the same way, without the maintenance step (they turn it off), with TOTP required. */
export const STAFF_LOGIN: Pipeline<LoginState, LoginAnswer> = {
  name: 'staff_login',
  title: 'Staff login',
  door: '`POST /api/v1/admin/login`; resumed by `POST /api/v1/admin/login/2fa` (also open during maintenance)',
  before: LOGIN_DOOR_CHECKS.slice(1),
  steps: signInSteps(),
  onRefusal: recordLoginRefusal,
};

/** A withdrawal: the most sensitive function, so every check applies, cheapest and most telling first. */
export const WITHDRAWAL: Pipeline<WithdrawalState, WithdrawalAnswer> = {
  name: 'withdrawal',
  title: 'Withdrawal',
  door: '`POST /api/v1/wallet/withdrawals` (signed in)',
  before: [SIGNED_IN, { code: '4010', check: 'the body: asset, a decimal amount with at most 8 decimals, an address' }],
  steps: [
    notFrozenStep(),
    functionAllowedStep('withdraw'),
    securityHoldStep('withdraw'),
    stepUpStep({ password: 'without_second_factor' }),
    withdrawalRiskStep,
    debitStep,
  ],
  onRefusal: async (_deps, _state, error) => error,
};

/**
 * "Forgot password": the mailed link stands for the password; the second factor is still asked when
 * the account has one (not an email code: the link came through that mailbox).
 */
export const PASSWORD_RESET: Pipeline<ResetState, PasswordResetDone | SecondFactorRequired> = {
  name: 'password_reset',
  title: 'Password reset',
  door: '`POST /api/v1/auth/password/reset`; resumed by `POST /api/v1/auth/login/2fa` when it answers `2fa_required`',
  before: [
    { code: '1003 ip_rate_limit', check: 'the per-IP request budget and IP block, before the body is read' },
    { code: '4010', check: 'the body: token, newPassword, an optional twoFactorCode' },
  ],
  steps: [
    maintenanceStep(),
    resetLinkStep,
    newPasswordStep,
    useResetLinkStep,
    secondFactorStep<ResetState, PasswordResetDone>({ exclude: ['email'] }),
    applyResetStep,
  ],
  onRefusal: async (_deps, _state, error) => error,
};

/** A long-lived credential for the signed API: a step-up with the password and the authenticator. */
export const API_KEY_CREATION: Pipeline<ApiKeyState, ApiKeyCreated> = {
  name: 'api_key_creation',
  title: 'API-key creation',
  door: '`POST /api/v1/account/api-keys` (signed in)',
  before: [SIGNED_IN, { code: '4010', check: 'the request: label, type, permissions, an Ed25519 public key or none, the IP whitelist, at most 30 live keys' }],
  steps: [notFrozenStep(), functionAllowedStep('api_keys'), authenticatorRequiredStep(), stepUpStep({ password: 'always' }), mintApiKeyStep],
  onRefusal: async (_deps, _state, error) => error,
};

/** Every pipeline, in the order the docs show them. */
export const PIPELINES = [USER_LOGIN, STAFF_LOGIN, WITHDRAWAL, PASSWORD_RESET, API_KEY_CREATION] as const;

/** The flows that pause for a second factor or a device, by the name a paused flow stores. */
export type ResumableAnswer = LoginAnswer | PasswordResetDone;

export function resumablePipelineNamed(name: string): Pipeline<LoginState, ResumableAnswer> | undefined {
  const resumable = [USER_LOGIN, STAFF_LOGIN, PASSWORD_RESET] as ReadonlyArray<Pipeline<never, unknown>>;
  return resumable.find((p) => p.name === name) as Pipeline<LoginState, ResumableAnswer> | undefined;
}
