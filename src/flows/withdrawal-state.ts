import type { ActionState } from './action-state.js';

export interface WithdrawalState extends ActionState {
  asset: string;
  amountMinor: bigint;
  address: string;
}

export interface WithdrawalAnswer {
  id: string;
  status: 'pending';
}
