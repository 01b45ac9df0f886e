/**
 * The second-factor methods behind one interface. The registry (index.ts) lists them once; login,
 * staff login, step-up for sensitive actions and the security center all go through it. Adding a
 * method (say WebAuthn) is one file implementing this interface plus its line in the registry.
 */
import type { Deps } from '../../deps.js';
import type { NoticeEvent } from '../../platform/mail/render.js';
import type { TwoFactorRow } from '../store.js';

export type MethodId = 'totp' | 'backup_code' | 'email' | 'sms';

/** Where an email/SMS code is bound: one login challenge, or the account's step-up for an action. */
export type CodeScope = { kind: 'challenge'; id: string } | { kind: 'step_up' };

export interface MethodAccount {
  id: string;
  email: string;
  locale: string;
}

export interface CodeCheck {
  account: MethodAccount;
  code: string;
  scope: CodeScope;
  /** The attempt, for notices the check sends (a backup code used). */
  event: NoticeEvent;
}

export type Verdict = { ok: true } | { ok: false; reason: string; details?: Record<string, unknown> };

export type MethodDeps = Pick<Deps, 'db' | 'clock' | 'keys' | 'config' | 'random' | 'newId' | 'mailer'>;

export interface SecondFactorMethod {
  id: MethodId;
  /** Staff sign in with TOTP or its backup codes only: a code sent to a mailbox is not a second device. */
  forStaff: boolean;
  /** Whether the account has this method on. */
  isOn(row: TwoFactorRow | undefined): boolean;
  /** Checks a code, consuming whatever single-use state it matched in one atomic statement. */
  verify(deps: MethodDeps, check: CodeCheck): Promise<Verdict>;
  /** For methods that deliver codes: sends one for `scope`; the address it went to (never logged). */
  sendCode?(deps: MethodDeps, account: MethodAccount, row: TwoFactorRow | undefined, scope: CodeScope): Promise<void>;
}
