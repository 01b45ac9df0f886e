/** The account lifecycle's mails. Plain text; no secrets beyond the one code a mail exists to carry. */
import type { OutgoingMessage } from '../platform/mail/outbox.js';

export function registrationCodeMail(to: string, code: string, ttlMinutes: number): OutgoingMessage {
  return {
    to,
    channel: 'email',
    subject: 'Your Gatehouse verification code',
    text: [
      `Your verification code is ${code}.`,
      `It expires in ${ttlMinutes} minutes and works once.`,
      'If you did not try to create an account, ignore this mail; nothing happens without the code.',
    ].join('\n\n'),
  };
}

export function alreadyRegisteredMail(to: string, publicUrl: string): OutgoingMessage {
  return {
    to,
    channel: 'email',
    subject: 'Someone tried to register with your email',
    text: [
      'Someone tried to create a Gatehouse account with this email address, which already has an account.',
      'If it was you, sign in instead; if you forgot your password, reset it from the sign-in page:',
      `${publicUrl}/login`,
      'If it was not you, no action is needed: your account was not changed.',
    ].join('\n\n'),
  };
}

export function passwordChangedMail(to: string, at: Date, ip: string): OutgoingMessage {
  return {
    to,
    channel: 'email',
    subject: 'Your Gatehouse password was changed',
    text: [
      `Your password was changed at ${at.toISOString()} from IP ${ip}.`,
      'All other sessions were signed out, and withdrawals are paused for 24 hours as a precaution.',
      'If this was not you, reset your password at once and contact support.',
    ].join('\n\n'),
  };
}
