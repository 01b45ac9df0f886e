/** Entering the 6-digit code mailed at registration; a new code is sent by registering again. */
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../api/client';
import { formatDuration, retryAtMs, useAction, useRetryBlock, useSecondsLeft } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useDevMode } from './dev-mode';
import { ErrorNotice, fieldProblems } from './error-notice';
import { Button, Field, Notice } from './ui';

const RESEND_COOLDOWN_SECONDS = 60;

export function VerifyEmail({
  email,
  password,
  onVerified,
  onCancel,
  justSent,
}: {
  email: string;
  password: string;
  onVerified(): void;
  onCancel(): void;
  justSent?: boolean;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [resendUntilMs, setResendUntilMs] = useState<number | null>(justSent ? Date.now() + RESEND_COOLDOWN_SECONDS * 1000 : null);
  const [resent, setResent] = useState(false);
  const devMode = useDevMode();

  const verify = useAction(async () => {
    await post('/api/v1/auth/register/verify', { email, code: code.trim() });
    onVerified();
  });
  const resend = useAction(async () => {
    try {
      await post('/api/v1/auth/register', { email, password });
      setResendUntilMs(Date.now() + RESEND_COOLDOWN_SECONDS * 1000);
      setResent(true);
    } catch (err) {
      const until = retryAtMs(err);
      if (err instanceof ApiError && err.code === 1003 && until) setResendUntilMs(until);
      throw err;
    }
  });
  const resendLeft = useSecondsLeft(resendUntilMs);
  const blocked = useRetryBlock(verify.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked > 0) return;
    void verify.run();
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <h2>{t('Check your email')}</h2>
      <p>{t('We sent a 6-digit code to {email}. It works for 10 minutes.', { email })}</p>
      {devMode ? (
        <Notice>
          {t('Development server: mail is not sent. Read it in the')}{' '}
          <Link to={`/dev/mailbox?to=${encodeURIComponent(email)}`} target="_blank" rel="noopener">
            {t('dev mailbox')}
          </Link>
          .
        </Notice>
      ) : null}
      <Field
        label={t('Verification code')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        problem={fieldProblems(verify.error).code ?? null}
        required
      />
      <ErrorNotice error={verify.error} email={email} />
      <div className="actions">
        <Button type="submit" busy={verify.busy} disabled={blocked > 0 || code.length !== 6}>
          {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Verify email')}
        </Button>
        <Button variant="secondary" onClick={() => void resend.run()} busy={resend.busy} disabled={resendLeft > 0 || !password}>
          {resendLeft > 0 ? t('Send again in {time}', { time: formatDuration(resendLeft) }) : t('Send a new code')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('Back')}
        </Button>
      </div>
      {resent ? (
        <p className="hint" role="status">
          {t('A new code is on its way. Earlier codes no longer work.')}
        </p>
      ) : null}
      <ErrorNotice error={resend.error} email={email} compact />
    </form>
  );
}
