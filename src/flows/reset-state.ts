import type { LoginState } from './login-state.js';

/** A password reset: a login-like flow started by a mailed link instead of the password. */
export interface ResetState extends LoginState {
  /** SHA-256 of the link's token. */
  resetTokenHash: string;
  /** Only during the first run; never stored (the paused flow carries its hash). */
  newPassword: string | null;
}
