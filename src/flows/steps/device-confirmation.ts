/**
 * Email confirmation of a new device: the login pauses, the owner gets a link, the client polls.
 *
 * Protects: an account whose password is being guessed at scale, and risky logins. Invariants: the
 * poll handle and the mailed token are independent 128/256-bit random values; the token is stored
 * only as a hash and confirms once (one conditional UPDATE); the flow is handed on once, to one poll,
 * by another; challenges expire after 15 minutes; the poll that resumes it runs the rechecks first.
 */
import { localeOf } from '../../accounts/security-notice.js';
import { loginMails } from '../../login/mails.js';
import { insertChallenge } from '../../login/store.js';
import { sha256Hex } from '../../platform/crypto.js';
import { renderMail } from '../../platform/mail/render.js';
import { randomToken } from '../../platform/random.js';
import type { LoginAnswer, LoginState } from '../login-state.js';
import { pause, proceed, type Step } from '../step.js';
import { pausedRow } from './paused-row.js';

export const DEVICE_CONFIRMATION_TTL_MS = 15 * 60 * 1000;

export const deviceConfirmationStep: Step<LoginState, LoginAnswer> = {
  name: 'device-confirmation',
  doc: [{ code: 'pause', check: 'when asked for: `device_confirmation_required` until the owner approves the device from the mailed link' }],
  async run(deps, state, at) {
    if (!state.confirmDevice) return proceed;
    const account = state.account!;
    const now = deps.clock.nowMs();
    const id = randomToken(deps.random, 16);
    const token = randomToken(deps.random, 32);
    const expiresAtMs = now + DEVICE_CONFIRMATION_TTL_MS;
    await insertChallenge(deps.db, {
      ...pausedRow(deps, state, at),
      id,
      kind: 'device_confirmation',
      tokenHash: sha256Hex(token),
      createdAtMs: now,
      expiresAtMs,
    });
    const link = `${deps.config.publicUrl}/confirm-device?token=${encodeURIComponent(token)}`;
    const event = { atMs: now, ip: state.ctx.ip, country: deps.geo.countryOf(state.ctx.ip), device: state.deviceName };
    await deps.mailer.send(renderMail(account.email, loginMails.confirmDevice(localeOf(account), event, link, token)));
    return pause({ status: 'device_confirmation_required', challenge: { id, expiresAt: new Date(expiresAtMs).toISOString() } });
  },
  // The poll found the challenge confirmed and took it (src/flows/login-resume.ts).
  async resume(_deps, state) {
    state.flags = [...state.flags, 'device_confirmed'];
    return proceed;
  },
};
