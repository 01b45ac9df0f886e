/** 4014: a "forgot password" link that is live (unused, under 30 minutes old); found, not yet used. */
import { AppError } from '../../errors/app-error.js';
import { findAccountById } from '../../accounts/store.js';
import { consumeResetToken, findLiveResetToken } from '../../recovery/store.js';
import type { PasswordResetDone } from '../login-state.js';
import type { ResetState } from '../reset-state.js';
import { proceed, refuse, type Step } from '../step.js';

export const resetLinkStep: Step<ResetState, PasswordResetDone> = {
  name: 'reset-link',
  doc: [{ code: '4014', check: 'the link is live: unused, not replaced by a newer one, under 30 minutes old' }],
  async run(deps, state) {
    const accountId = await findLiveResetToken(deps.db, state.resetTokenHash, deps.clock.nowMs());
    const account = accountId ? await findAccountById(deps.db, accountId) : undefined;
    if (!account) return refuse(new AppError('INVALID_OR_EXPIRED_CODE'));
    state.account = account;
    state.email = account.email;
    return proceed;
  },
};

/** The link is used here, once (one conditional UPDATE): of parallel uses, one goes on. */
export const useResetLinkStep: Step<ResetState, PasswordResetDone> = {
  name: 'use-link',
  doc: [{ code: '4014', check: 'the link is used, once: of parallel uses exactly one goes on' }],
  async run(deps, state) {
    return (await consumeResetToken(deps.db, state.resetTokenHash, deps.clock.nowMs())) ? proceed : refuse(new AppError('INVALID_OR_EXPIRED_CODE'));
  },
};
