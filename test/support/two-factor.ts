/** Test steps for 2FA: turn TOTP on the way a user does (reading the secret from the setup answer). */
import * as OTPAuth from 'otpauth';
import { generateTotp } from '../../src/twofactor/totp.js';
import { GOOD_PASSWORD, bearer, json, loginToken, post, type Harness } from './harness.js';

export function secretFromSetup(setup: { secret: string }): Buffer {
  return Buffer.from(OTPAuth.Secret.fromBase32(setup.secret).bytes);
}

export async function enableTotp(h: Harness, email: string): Promise<{ secret: Buffer; backupCodes: string[]; token: string }> {
  const token = await loginToken(h, email);
  const setup = json(await post(h, '/api/v1/account/2fa/totp/setup', { password: GOOD_PASSWORD }, bearer(token)));
  const secret = secretFromSetup(setup);
  const enabled = json(await post(h, '/api/v1/account/2fa/totp/enable', { code: generateTotp(secret, h.clock.nowMs()) }, bearer(token)));
  if (!enabled.backupCodes) throw new Error(`enable failed: ${JSON.stringify(enabled)}`);
  // the enabling code used this step; move on so that the next login has a fresh one
  h.clock.advanceSeconds(60);
  return { secret, backupCodes: enabled.backupCodes, token };
}

export async function startLogin(h: Harness, email: string, extra: Record<string, unknown> = {}) {
  const body = json(await post(h, '/api/v1/auth/login', { email, password: GOOD_PASSWORD, ...extra }));
  if (body.status !== '2fa_required') throw new Error(`expected 2fa_required: ${JSON.stringify(body)}`);
  return body.challenge as { id: string; methods: string[]; expiresAt: string };
}

export function answer(h: Harness, challengeId: string, method: string, code: string) {
  return post(h, '/api/v1/auth/login/2fa', { challengeId, method, code });
}
