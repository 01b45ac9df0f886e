/** What a flow for a sensitive action by a signed-in user knows: who, from where, and the proofs sent. */
import type { RequestContext } from '../deps.js';
import type { AccountRow } from '../accounts/store.js';

export interface ActionState {
  account: AccountRow;
  ctx: RequestContext;
  password?: string | undefined;
  twoFactorCode?: string | undefined;
}
