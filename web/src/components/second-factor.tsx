/**
 * The second-factor step, shared by sign-in, the staff console and password reset: pick one of the
 * challenge's methods, get a code by email/SMS if needed (the resend button counts down the
 * server's 60 s cooldown), answer. A login's answer is a cookie session; a password reset's is
 * {status: 'password_reset'}.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { LoginAnswer, SecondFactorMethod, TwoFactorChallenge } from '../api/types';
import { formatDuration, retryAtMs, useAction, useRetryBlock, useSecondsLeft } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './error-notice';
import { Button, Field } from './ui';

const SEND_COOLDOWN_SECONDS = 60;

interface Props {
  challenge: TwoFactorChallenge;
  door: 'user' | 'staff';
  onDone(answer: unknown): void;
  onRestart(): void;
  email?: string;
}

export function SecondFactorStep({ challenge, door, onDone, onRestart, email }: Props) {
  const { t } = useI18n();
  const [method, setMethod] = useState<SecondFactorMethod>(challenge.methods[0] ?? 'totp');
  const [code, setCode] = useState('');
  const [sentUntilMs, setSentUntilMs] = useState<Record<string, number>>({});
  const [sentTo, setSentTo] = useState<Record<string, boolean>>({});
  const inputRef = useRef<HTMLInputElement>(null);
  const groupId = useId();

  const labels: Record<SecondFactorMethod, string> = {
    totp: t('Authenticator app'),
    backup_code: t('Backup code'),
    email: t('Email code'),
    sms: t('SMS code'),
  };

  const answer = useAction(async () => {
    const clean = method === 'totp' ? code.replace(/\s+/g, '') : code.trim();
    const result = await post<LoginAnswer>(
      door === 'staff' ? '/api/v1/admin/login/2fa' : '/api/v1/auth/login/2fa',
      { challengeId: challenge.id, method, code: clean },
      { cookieSession: true },
    );
    onDone(result);
  });

  const send = useAction(async (which: 'email' | 'sms') => {
    try {
      await post('/api/v1/auth/login/2fa/send', { challengeId: challenge.id, method: which }, { cookieSession: true });
      setSentUntilMs((s) => ({ ...s, [which]: Date.now() + SEND_COOLDOWN_SECONDS * 1000 }));
      setSentTo((s) => ({ ...s, [which]: true }));
      inputRef.current?.focus();
    } catch (err) {
      const until = retryAtMs(err);
      if (err instanceof ApiError && err.code === 1003 && until) setSentUntilMs((s) => ({ ...s, [which]: until }));
      throw err;
    }
  });

  const resendLeft = useSecondsLeft(method === 'email' || method === 'sms' ? (sentUntilMs[method] ?? null) : null);
  const blocked = useRetryBlock(answer.error);
  const expired = answer.error instanceof ApiError && answer.error.code === 4003 && answer.error.reason === 'challenge_expired';

  const chooseMethod = (next: SecondFactorMethod) => {
    setMethod(next);
    setCode('');
    answer.setError(null);
    send.setError(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked > 0 || !code.trim()) return;
    void answer.run();
  };

  const isCodeSent = method === 'email' || method === 'sms' ? sentTo[method] : true;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <h2>{t('Two-step verification')}</h2>
      {challenge.methods.length > 1 ? (
        <fieldset className="segmented">
          <legend id={groupId}>{t('Verify with')}</legend>
          {challenge.methods.map((m) => (
            <label key={m} className={m === method ? 'selected' : undefined}>
              <input type="radio" name="method" value={m} checked={m === method} onChange={() => chooseMethod(m)} />
              {labels[m]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {method === 'totp' ? <p>{t('Open your authenticator app and enter the 6-digit code shown for Gatehouse.')}</p> : null}
      {method === 'backup_code' ? <p>{t('Enter one of the backup codes you saved when you set up the authenticator app. Each works once.')}</p> : null}
      {method === 'email' || method === 'sms' ? (
        <div className="send-row">
          <p>{method === 'email' ? t('We send a 6-digit code to your account email.') : t('We send a 6-digit code to your verified phone.')}</p>
          <Button variant="secondary" onClick={() => void send.run(method)} busy={send.busy} disabled={resendLeft > 0}>
            {resendLeft > 0 ? t('Send again in {time}', { time: formatDuration(resendLeft) }) : sentTo[method] ? t('Send a new code') : t('Send code')}
          </Button>
          {sentTo[method] ? (
            <p className="hint" role="status">
              {method === 'email' ? t('Code sent. Check your email.') : t('Code sent. Check your phone.')}
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorNotice error={send.error} email={email} compact />
      <Field
        ref={inputRef}
        label={labels[method]}
        name="code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="one-time-code"
        inputMode={method === 'backup_code' ? 'text' : 'numeric'}
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={method === 'backup_code' ? 24 : 8}
        placeholder={method === 'backup_code' ? 'XXXX-XXXX-XXXX-XXXX' : '123456'}
        disabled={!isCodeSent}
        required
      />
      <ErrorNotice error={answer.error} email={email} />
      <div className="actions">
        {expired ? (
          <Button onClick={onRestart}>{t('Sign in again')}</Button>
        ) : (
          <Button type="submit" busy={answer.busy} disabled={blocked > 0 || !code.trim()}>
            {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Verify')}
          </Button>
        )}
        <Button variant="quiet" onClick={onRestart}>
          {t('Cancel')}
        </Button>
      </div>
    </form>
  );
}
