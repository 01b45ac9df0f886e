/**
 * `/forgot-password` (POST /api/v1/auth/password/forgot, which answers the same for every address)
 * and `/reset-password?token=` (POST /api/v1/auth/password/reset; when the account has a second
 * factor the answer is `2fa_required` and the same second-factor step as sign-in takes over).
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { TwoFactorChallenge } from '../api/types';
import { useDevMode } from '../components/dev-mode';
import { ErrorNotice, fieldProblems } from '../components/error-notice';
import { SecondFactorStep } from '../components/second-factor';
import { Button, Field, Notice, PageTitle, PasswordField, usePageTitle } from '../components/ui';
import { formatDuration, useAction, useRetryBlock } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('Forgot password'));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const devMode = useDevMode();
  const send = useAction(async () => {
    await post('/api/v1/auth/password/forgot', { email: email.trim() });
    setSent(true);
  });
  const blocked = useRetryBlock(send.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked > 0) return;
    void send.run();
  };
  return (
    <div className="auth-page">
      <PageTitle lead={t('We email you a link to choose a new password.')}>{t('Forgot your password?')}</PageTitle>
      <div className="card auth-card">
        {sent ? (
          <div className="stack">
            <Notice kind="success" title={t('Check your mail')}>
              <p>{t('If {email} has a Gatehouse account, a reset link is on its way. It works once, for 30 minutes.', { email: email.trim() })}</p>
            </Notice>
            {devMode ? (
              <p>
                {t('Development server: the mail is in the')} <Link to={`/dev/mailbox?to=${encodeURIComponent(email.trim())}`}>{t('dev mailbox')}</Link>.
              </p>
            ) : null}
            <p>
              <Link to="/login">{t('Back to sign in')}</Link>
            </p>
          </div>
        ) : (
          <form className="stack" onSubmit={onSubmit} noValidate>
            <Field
              label={t('Email')}
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              problem={fieldProblems(send.error).email ?? null}
              required
            />
            <ErrorNotice error={send.error} email={email} />
            <Button type="submit" busy={send.busy} disabled={blocked > 0 || !email.trim()} className="wide">
              {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Send reset link')}
            </Button>
            <p>
              <Link to="/login">{t('Back to sign in')}</Link>
            </p>
          </form>
        )}
      </div>
    </div>
  );
}

type ResetAnswer = { status: 'reset' | 'ok' | string } | { status: '2fa_required'; challenge: TwoFactorChallenge };

export function ResetPasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('Choose a new password'));
  const { location } = useRouter();
  const token = location.search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const [done, setDone] = useState(false);

  const follow = (answer: unknown) => {
    const a = answer as ResetAnswer;
    if (a.status === '2fa_required' && 'challenge' in a) setChallenge(a.challenge);
    else setDone(true);
  };
  const reset = useAction(async () => {
    follow(await post<ResetAnswer>('/api/v1/auth/password/reset', { token, newPassword: password }));
  });
  const blocked = useRetryBlock(reset.error);
  // A used or expired link cannot work again: the way on is a new one.
  const linkUsedUp = reset.error instanceof ApiError && reset.error.code === 4014;
  const mismatch = repeat.length > 0 && repeat !== password;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked > 0 || mismatch) return;
    void reset.run();
  };

  let body: ReactNode;
  if (!token) {
    body = (
      <Notice kind="warning" title={t('This link is incomplete')}>
        <p>{t('Open the link from the email exactly as it was sent, or ask for a new one.')}</p>
        <p>
          <Link to="/forgot-password">{t('Ask for a new link')}</Link>
        </p>
      </Notice>
    );
  } else if (done) {
    body = (
      <Notice kind="success" title={t('Your password is changed')}>
        <p>{t('Every session was signed out. Withdrawals are paused for 24 hours as a precaution.')}</p>
        <p>
          <Link to="/login">{t('Sign in with the new password')}</Link>
        </p>
      </Notice>
    );
  } else if (challenge) {
    // The reset's challenge is answered where a login's is (POST /api/v1/auth/login/2fa): it answers
    // {status: 'password_reset'} instead of a session, and email/SMS codes sent for it work there.
    body = <SecondFactorStep challenge={challenge} door="user" onDone={follow} onRestart={() => setChallenge(null)} />;
  } else {
    body = (
      <form className="stack" onSubmit={onSubmit} noValidate>
        <PasswordField
          label={t('New password')}
          name="new-password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={t('8 to 128 characters. Any characters are fine; a long passphrase is best. Common passwords are refused.')}
          problem={fieldProblems(reset.error).newPassword ?? null}
          required
        />
        <PasswordField
          label={t('Repeat the new password')}
          name="repeat-password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          problem={mismatch ? t('The two passwords differ.') : null}
          required
        />
        <ErrorNotice error={reset.error} />
        {linkUsedUp ? (
          <p>
            <Link to="/forgot-password">{t('Ask for a new link')}</Link>
          </p>
        ) : null}
        <Button type="submit" busy={reset.busy} disabled={blocked > 0 || !password || mismatch || repeat !== password} className="wide">
          {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Set new password')}
        </Button>
      </form>
    );
  }
  return (
    <div className="auth-page">
      <PageTitle>{t('Choose a new password')}</PageTitle>
      <div className="card auth-card">{body}</div>
    </div>
  );
}
