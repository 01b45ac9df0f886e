/** 4002: a frozen account (self, risk or staff) gets no session, told only to the holder of the password. */
import { AppError } from '../../errors/app-error.js';
import { frozenDetails } from '../../accounts/freeze.js';
import type { AccountRow } from '../../accounts/store.js';
import { proceed, refuse, type Step, type StepOutcome } from '../step.js';

export function frozenError(account: Pick<AccountRow, 'frozen_type'>): AppError | null {
  if (account.frozen_type === null) return null;
  return new AppError('ACCOUNT_FROZEN', { reason: account.frozen_type, details: frozenDetails(account.frozen_type) });
}

export function notFrozenStep<S extends { account: AccountRow | null }, A>(): Step<S, A> {
  return {
    name: 'not-frozen',
    doc: [{ code: '4002', check: 'the account is not frozen (reason self, risk or staff; details.freezeType, details.ticketHint)' }],
    recheck: true,
    async run(_deps, state): Promise<StepOutcome<A>> {
      const error = state.account ? frozenError(state.account) : null;
      return error ? refuse(error) : proceed;
    },
  };
}
