/** The registry: every second-factor method, once, in the order a challenge offers them. */
import type { TwoFactorRow } from '../store.js';
import { backupCodeMethod } from './backup-code.js';
import { emailMethod } from './email.js';
import type { MethodId, SecondFactorMethod } from './method.js';
import { smsMethod } from './sms.js';
import { totpMethod } from './totp.js';

export const METHODS: readonly SecondFactorMethod[] = [totpMethod, backupCodeMethod, emailMethod, smsMethod];

export const METHOD_IDS = METHODS.map((m) => m.id);

export function methodById(id: MethodId): SecondFactorMethod {
  const method = METHODS.find((m) => m.id === id);
  if (!method) throw new Error(`unknown second-factor method ${id}`);
  return method;
}

/** The methods an account has on; for staff only those that staff may use. */
export function methodsOf(row: TwoFactorRow | undefined, audience: 'user' | 'staff' = 'user'): MethodId[] {
  return METHODS.filter((m) => m.isOn(row) && (audience === 'user' || m.forStaff)).map((m) => m.id);
}
