/**
 * Signing in, for users and staff: credentials, then whatever the server asks next (second
 * factor, device confirmation, email verification) until the session cookie is set.
 */
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { LoginAnswer, TwoFactorChallenge } from '../api/types';
import { formatDuration, useAction, useRetryBlock } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { DeviceConfirmationWait } from './device-wait';
import { ErrorNotice, fieldProblems } from './error-notice';
import { SecondFactorStep } from './second-factor';
import { Button, Field, Notice, PasswordField } from './ui';
import { VerifyEmail } from './verify-email';

type Step =
  | { kind: 'credentials' }
  | { kind: '2fa'; challenge: TwoFactorChallenge }
  | { kind: 'device'; challenge: { id: string; expiresAt: string } }
  | { kind: 'verify' };

interface Props {
  door: 'user' | 'staff';
  onSignedIn(): void;
  initialEmail?: string;
  initialPassword?: string;
  notice?: string;
}

export function AuthFlow({ door, onSignedIn, initialEmail = '', initialPassword = '', notice }: Props) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState(initialPassword);
  const [verified, setVerified] = useState(false);

  const follow = (answer: unknown) => {
    const a = answer as LoginAnswer;
    if (a.status === 'ok') onSignedIn();
    else if (a.status === '2fa_required') setStep({ kind: '2fa', challenge: a.challenge });
    else if (a.status === 'device_confirmation_required') setStep({ kind: 'device', challenge: a.challenge });
  };

  const signIn = useAction(async () => {
    try {
      const answer = await post<LoginAnswer>(
        door === 'staff' ? '/api/v1/admin/login' : '/api/v1/auth/login',
        { email: email.trim(), password },
        { cookieSession: true },
      );
      follow(answer);
    } catch (err) {
      if (err instanceof ApiError && err.code === 4019) setStep({ kind: 'verify' });
      throw err;
    }
  });

  const restart = () => {
    signIn.setError(null);
    setStep({ kind: 'credentials' });
  };

  const blocked = useRetryBlock(signIn.error);
  const problems = fieldProblems(signIn.error);

  if (step.kind === '2fa') return <SecondFactorStep challenge={step.challenge} door={door} onDone={follow} onRestart={restart} email={email} />;
  if (step.kind === 'device') return <DeviceConfirmationWait challenge={step.challenge} email={email} onAnswer={follow} onRestart={restart} />;
  if (step.kind === 'verify') {
    return (
      <VerifyEmail
        email={email.trim()}
        password={password}
        onVerified={() => {
          setVerified(true);
          signIn.setError(null);
          setStep({ kind: 'credentials' });
        }}
        onCancel={restart}
      />
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked > 0) return;
    void signIn.run();
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label={door === 'staff' ? t('Staff sign-in') : t('Sign in')}>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {verified ? <Notice kind="success">{t('Your email is verified. Sign in to continue.')}</Notice> : null}
      <Field
        label={t('Email')}
        type="email"
        name="email"
        autoComplete={door === 'staff' ? 'username' : 'email'}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        problem={problems.email ?? null}
        required
      />
      <PasswordField
        label={t('Password')}
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        problem={problems.password ?? null}
        required
      />
      {door === 'user' ? (
        <p className="align-end">
          <Link to="/forgot-password">{t('Forgot password?')}</Link>
        </p>
      ) : null}
      <ErrorNotice error={signIn.error} email={email} />
      <Button type="submit" busy={signIn.busy} disabled={blocked > 0 || !email.trim() || !password} className="wide">
        {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Sign in')}
      </Button>
    </form>
  );
}
