/** What staff see of an account (lookup, account context, ticket context): never a credential. */
import { Type } from '@sinclair/typebox';
import { rolesOf, type AccountRow } from '../accounts/store.js';

const IsoDate = Type.String({ format: 'date-time' });

export const AccountSummarySchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  roles: Type.Array(Type.String()),
  kycCountry: Type.Union([Type.String(), Type.Null()]),
  emailVerified: Type.Boolean(),
  frozen: Type.Union([Type.Literal(false), Type.Object({ type: Type.String(), at: IsoDate, reason: Type.Union([Type.String(), Type.Null()]) })]),
  securityHoldUntil: Type.Union([IsoDate, Type.Null()]),
  createdAt: IsoDate,
});

export function accountSummary(account: AccountRow, nowMs: number) {
  return {
    id: account.id,
    email: account.email,
    roles: rolesOf(account),
    kycCountry: account.kyc_country,
    emailVerified: account.email_verified_at !== null,
    frozen: account.frozen_type
      ? { type: account.frozen_type, at: new Date(account.frozen_at ?? 0).toISOString(), reason: account.frozen_reason }
      : (false as const),
    securityHoldUntil: account.security_hold_until && account.security_hold_until > nowMs ? new Date(account.security_hold_until).toISOString() : null,
    createdAt: new Date(account.created_at).toISOString(),
  };
}

/** The account's freeze state as an audit before/after value. */
export function freezeState(account: Pick<AccountRow, 'frozen_type' | 'frozen_reason'>) {
  return { frozen: account.frozen_type, reason: account.frozen_reason };
}
