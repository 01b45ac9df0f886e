/** Security notices about the second factor. They say what happened, when and from where; never a secret. */
import type { OutgoingMessage } from '../platform/mail/outbox.js';

function notice(to: string, subject: string, lines: string[]): OutgoingMessage {
  return { to, channel: 'email', subject, text: [...lines, 'If this was not you, change your password now and contact support.'].join('\n\n') };
}

const where = (at: Date, ip: string, device?: string) => `${at.toISOString()}, IP ${ip}${device ? `, ${device}` : ''}`;

export const twoFactorMails = {
  totpEnabled: (to: string, at: Date, ip: string) =>
    notice(to, 'Authenticator app turned on', [
      `Two-factor authentication with an authenticator app was turned on (${where(at, ip)}).`,
      'Keep your 8 backup codes somewhere safe. Withdrawals are paused for 24 hours.',
    ]),
  totpRebound: (to: string, at: Date, ip: string) =>
    notice(to, 'Authenticator app changed', [
      `Your authenticator app was moved to a new device or secret (${where(at, ip)}). Codes from the old one no longer work, and your old backup codes were replaced.`,
      'Withdrawals are paused for 24 hours.',
    ]),
  totpDisabled: (to: string, at: Date, ip: string) =>
    notice(to, 'Authenticator app turned off', [
      `Two-factor authentication with an authenticator app was turned off (${where(at, ip)}). Your backup codes no longer work.`,
      'Withdrawals are paused for 24 hours.',
    ]),
  backupCodesRegenerated: (to: string, at: Date, ip: string) =>
    notice(to, 'New backup codes', [`A new set of 8 backup codes was created (${where(at, ip)}). The previous codes no longer work.`]),
  backupCodeUsed: (to: string, at: Date, ip: string, left: number) =>
    notice(to, 'A backup code was used to sign in', [
      `A backup code was used to sign in (${where(at, ip)}). ${left} of 8 codes are left.`,
      left === 0 ? 'You have no backup codes left: create a new set in the security center.' : 'Create a new set in the security center when you run low.',
    ]),
  secondFactorFailed: (to: string, at: Date, ip: string, device: string) =>
    notice(to, 'Sign-in stopped at the second factor', [
      `Someone entered your correct password but failed the two-factor check (${where(at, ip, device)}).`,
      'Your account is safe as long as your second factor is. If this was not you, your password is known to someone else.',
    ]),
  methodChanged: (to: string, method: 'email' | 'sms', enabled: boolean, at: Date, ip: string) =>
    notice(to, `${method === 'email' ? 'Email' : 'SMS'} codes turned ${enabled ? 'on' : 'off'}`, [
      `${method === 'email' ? 'Email' : 'SMS'} codes as a second factor were turned ${enabled ? 'on' : 'off'} (${where(at, ip)}).`,
      'Withdrawals are paused for 24 hours.',
    ]),
  loginCode: (to: string, channel: 'email' | 'sms', code: string, ttlMinutes: number) =>
    channel === 'email'
      ? {
          to,
          channel,
          subject: 'Your sign-in code',
          text: `Your Gatehouse sign-in code is ${code}. It expires in ${ttlMinutes} minutes. Never share it; staff will never ask for it.`,
        }
      : { to, channel, subject: 'SMS', text: `Gatehouse sign-in code: ${code}. Expires in ${ttlMinutes} min. Never share it.` },
  setupCode: (to: string, channel: 'email' | 'sms', code: string, ttlMinutes: number) =>
    channel === 'email'
      ? { to, channel, subject: 'Confirm email codes', text: `Your code to change email two-factor settings is ${code}. It expires in ${ttlMinutes} minutes.` }
      : { to, channel, subject: 'SMS', text: `Gatehouse code to confirm this phone: ${code}. Expires in ${ttlMinutes} min.` },
} satisfies Record<string, (...args: never[]) => OutgoingMessage>;
