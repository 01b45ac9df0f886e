/** GET /api/v1/account: what the security center shows about the signed-in account. */
import type { AccountRow } from './store.js';
import { rolesOf } from './store.js';

export interface AccountView {
  id: string;
  email: string;
  kycCountry: string | null;
  roles: string[];
  twoFactor: { totp: boolean; email: boolean; sms: boolean; backupCodesRemaining: number };
  frozen: { type: string; at: string } | false;
  restrictions: string[];
  securityHoldUntil: string | null;
  /** Language of the account's mails. */
  locale: string;
}

export function accountView(account: AccountRow, nowMs: number, twoFactor: AccountView['twoFactor']): AccountView {
  const hold = account.security_hold_until;
  return {
    id: account.id,
    email: account.email,
    kycCountry: account.kyc_country,
    roles: rolesOf(account),
    twoFactor,
    frozen: account.frozen_type ? { type: account.frozen_type, at: new Date(account.frozen_at ?? 0).toISOString() } : false,
    restrictions: [],
    securityHoldUntil: hold !== null && hold > nowMs ? new Date(hold).toISOString() : null,
    locale: account.locale,
  };
}
