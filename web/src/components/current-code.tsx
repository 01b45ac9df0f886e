/**
 * "Confirm with your current second factor" for security-center changes (a new authenticator,
 * turning methods on or off, new backup codes): one field that takes whatever the account has — a
 * code from the authenticator app, a backup code, or a code the server sends by email or SMS for
 * this confirmation (`POST /api/v1/account/2fa/step-up-code`, 60 s between sends).
 */
import { type ReactNode, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { AccountView } from '../api/types';
import { formatDuration, retryAtMs, useAction, useSecondsLeft } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './error-notice';
import { Button, CurrentPasswordField, Field } from './ui';

const SEND_COOLDOWN_MS = 60_000;

/** True when the account has a second factor that must vouch for a change. */
export function hasSecondFactor(account: AccountView): boolean {
  const f = account.twoFactor;
  return f.totp || f.email || f.sms;
}

export function CurrentCodeField({ account, value, onChange }: { account: AccountView; value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  const { totp, email, sms } = account.twoFactor;
  const [sentUntilMs, setSentUntilMs] = useState<number | null>(null);
  const [sentBy, setSentBy] = useState<'email' | 'sms' | null>(null);
  const left = useSecondsLeft(sentUntilMs);
  const send = useAction(async (method: 'email' | 'sms') => {
    try {
      await post('/api/v1/account/2fa/step-up-code', { method });
      setSentBy(method);
      setSentUntilMs(Date.now() + SEND_COOLDOWN_MS);
    } catch (err) {
      const until = retryAtMs(err);
      if (err instanceof ApiError && err.code === 1003 && until) setSentUntilMs(until);
      throw err;
    }
  });

  const label = totp
    ? email || sms
      ? t('Current code from the app, a backup code, or a code we send you')
      : t('Current code from the app, or a backup code')
    : email && sms
      ? t('Code sent by email or SMS')
      : email
        ? t('Code sent to your email')
        : t('Code sent to your phone');
  const sendLabel = (method: 'email' | 'sms') =>
    left > 0 ? t('Send again in {time}', { time: formatDuration(left) }) : method === 'email' ? t('Email me a code') : t('Text me a code');

  return (
    <div className="stack">
      <Field
        label={label}
        name="current-code"
        autoComplete="one-time-code"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
      {email || sms ? (
        <div className="actions">
          {email ? (
            <Button variant="secondary" onClick={() => void send.run('email')} busy={send.busy} disabled={left > 0}>
              {sendLabel('email')}
            </Button>
          ) : null}
          {sms ? (
            <Button variant="secondary" onClick={() => void send.run('sms')} busy={send.busy} disabled={left > 0}>
              {sendLabel('sms')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {sentBy ? (
        <p className="hint" role="status">
          {sentBy === 'email' ? t('Code sent. Check your email.') : t('Code sent. Check your phone.')}
        </p>
      ) : null}
      <ErrorNotice error={send.error} compact />
    </div>
  );
}

/**
 * The proof a change to the second factors needs: the current second factor when the account has
 * one, else the password. `body` goes into the request that starts the change.
 */
export function useChangeProof(account: AccountView): {
  body: { twoFactorCode: string } | { password: string };
  field: ReactNode;
  ready: boolean;
  clear(): void;
} {
  const [value, setValue] = useState('');
  const vouched = hasSecondFactor(account);
  const field = vouched ? <CurrentCodeField account={account} value={value} onChange={setValue} /> : <CurrentPasswordField value={value} onChange={setValue} />;
  return {
    body: vouched ? { twoFactorCode: value.trim() } : { password: value },
    field,
    ready: value.trim().length > 0,
    clear: () => setValue(''),
  };
}
