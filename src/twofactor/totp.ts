/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) through otpauth. Pure classification: a code
 * from the current or a neighbouring step matches; a code 2-10 steps away does not, but is recognised
 * as a phone clock that is off by that much. What may be told about it (and when) is decided by the
 * TOTP method (methods/totp.ts), since a code ahead of the clock becomes valid later.
 */
import * as OTPAuth from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
const SKEW_WINDOW_STEPS = 10;

export type TotpCheck =
  | { kind: 'match'; step: number }
  /** `offsetSteps` > 0: the code belongs to a later step (the phone's clock runs ahead). */
  | { kind: 'skew'; offsetSteps: number; skewSeconds: number; step: number }
  | { kind: 'invalid' };

export function totpStep(nowMs: number): number {
  return OTPAuth.TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: nowMs });
}

export function generateTotp(secret: Buffer, nowMs: number): string {
  return OTPAuth.TOTP.generate({ secret: new OTPAuth.Secret({ buffer: toArrayBuffer(secret) }), period: TOTP_PERIOD_SECONDS, timestamp: nowMs });
}

/** Classifies a submitted code against the secret at `nowMs`. */
export function checkTotp(secret: Buffer, code: string, nowMs: number): TotpCheck {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { kind: 'invalid' };
  const delta = OTPAuth.TOTP.validate({
    token,
    secret: new OTPAuth.Secret({ buffer: toArrayBuffer(secret) }),
    period: TOTP_PERIOD_SECONDS,
    timestamp: nowMs,
    window: SKEW_WINDOW_STEPS,
  });
  if (delta === null) return { kind: 'invalid' };
  if (Math.abs(delta) <= 1) return { kind: 'match', step: totpStep(nowMs) + delta };
  return { kind: 'skew', offsetSteps: delta, skewSeconds: delta * TOTP_PERIOD_SECONDS, step: totpStep(nowMs) + delta };
}

export function secretToBase32(secret: Buffer): string {
  return new OTPAuth.Secret({ buffer: toArrayBuffer(secret) }).base32;
}

export function otpauthUri(secret: Buffer, accountName: string, issuer = 'Gatehouse'): string {
  return new OTPAuth.TOTP({
    issuer,
    label: accountName,
    secret: new OTPAuth.Secret({ buffer: toArrayBuffer(secret) }),
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
