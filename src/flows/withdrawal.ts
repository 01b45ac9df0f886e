/**
 * Withdrawals: the amount is checked here, then the withdrawal pipeline (src/flows/pipelines.ts)
 * runs its checks in order: not frozen → function allowed → security hold → step-up → risk → debit.
 */
import type { RequestContext } from '../deps.js';
import type { FlowDeps } from './step.js';
import { AppError } from '../errors/app-error.js';
import type { AccountRow } from '../accounts/store.js';
import { parseAmount } from '../wallet/amounts.js';
import { WITHDRAWAL } from './pipelines.js';
import { runFlow } from './runner.js';
import type { WithdrawalAnswer } from './withdrawal-state.js';

export interface WithdrawalRequest {
  asset: string;
  amount: string;
  address: string;
  password?: string;
  twoFactorCode?: string;
}

export async function requestWithdrawal(deps: FlowDeps, account: AccountRow, input: WithdrawalRequest, ctx: RequestContext): Promise<WithdrawalAnswer> {
  const amountMinor = parseAmount(input.amount);
  if (amountMinor === null || amountMinor === 0n) {
    throw new AppError('VALIDATION_FAILED', { details: { fields: { amount: 'a positive decimal string with at most 8 decimals' } } });
  }
  return runFlow(deps, WITHDRAWAL, {
    account,
    ctx,
    asset: input.asset,
    amountMinor,
    address: input.address,
    password: input.password,
    twoFactorCode: input.twoFactorCode,
  });
}
