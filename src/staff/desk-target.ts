/**
 * What a desk action (a ticket's resolution, the console's freeze, unfreeze, KYC country and balance
 * credit) may change: neither a staff account nor the acting staff member's own. Otherwise one
 * support member could lock every admin out or lift a colleague's freeze, and an admin could credit
 * themselves. Staff accounts are an operator's, at the shell (the CLI acts with no actor id).
 */
import { rolesOf, type AccountRow } from '../accounts/store.js';

export type DeskRefusal = 'own_account' | 'staff_account';

export function deskRefusal(account: AccountRow, actorId: string | null): DeskRefusal | null {
  if (actorId !== null && account.id === actorId) return 'own_account';
  return rolesOf(account).length > 0 ? 'staff_account' : null;
}
