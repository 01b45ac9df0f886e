/**
 * Password policy (NIST 800-63B style): length after NFC normalization, a blocklist of
 * common passwords, no composition rules. Returns the refusal reason or null.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export type WeakPasswordReason = 'too_short' | 'too_long' | 'common';

let blocklist: Set<string> | undefined;

function commonPasswords(): Set<string> {
  // ~49k entries from the zxcvbn-ts common list; built once, lower-cased for a case-blind match.
  blocklist ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return blocklist;
}

export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/** Length counts user-perceived code points, not UTF-16 units, so emoji count once. */
export function passwordLength(normalized: string): number {
  return [...normalized].length;
}

export function checkPasswordPolicy(normalized: string, limits: { minLength: number; maxLength: number }): WeakPasswordReason | null {
  const length = passwordLength(normalized);
  if (length < limits.minLength) return 'too_short';
  if (length > limits.maxLength) return 'too_long';
  if (commonPasswords().has(normalized.toLowerCase())) return 'common';
  return null;
}
