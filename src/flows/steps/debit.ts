/** 4017, or the withdrawal: a conditional debit and the withdrawal row in one transaction (no double spend). */
import { AppError } from '../../errors/app-error.js';
import { debitForWithdrawal } from '../../wallet/store.js';
import type { WithdrawalAnswer, WithdrawalState } from '../withdrawal-state.js';
import { done, refuse, type Step } from '../step.js';

export const debitStep: Step<WithdrawalState, WithdrawalAnswer> = {
  name: 'debit',
  doc: [{ code: '4017', check: 'the available balance covers the amount, taken off in the same transaction as the withdrawal row (201)' }],
  async run(deps, state) {
    const id = deps.newId();
    const debited = await debitForWithdrawal(deps.db, {
      id,
      accountId: state.account.id,
      asset: state.asset,
      amountMinor: state.amountMinor,
      address: state.address,
      nowMs: deps.clock.nowMs(),
    });
    if (!debited) return refuse(new AppError('INSUFFICIENT_BALANCE', { details: { asset: state.asset } }));
    return done({ id, status: 'pending' });
  },
};
