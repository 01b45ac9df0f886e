/** `/`, `/login` and `/register`: sign in, or create an account and verify its email. */
import { type FormEvent, useState } from 'react';
import { post } from '../api/client';
import { AuthFlow } from '../components/auth-flow';
import { ErrorNotice, fieldProblems } from '../components/error-notice';
import { useSession } from '../components/session';
import { Button, Field, PageTitle, PasswordField, safeNext, usePageTitle } from '../components/ui';
import { VerifyEmail } from '../components/verify-email';
import { formatDuration, useAction, useRetryBlock } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router';

function AuthTabs({ current }: { current: 'signIn' | 'register' }) {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t('Sign in or create an account')}>
      <Link to="/login" aria-current={current === 'signIn' ? 'page' : undefined}>
        {t('Sign in')}
      </Link>
      <Link to="/register" aria-current={current === 'register' ? 'page' : undefined}>
        {t('Create account')}
      </Link>
    </nav>
  );
}

function useSignedIn(fallback: string) {
  const { refresh } = useSession();
  const { location, navigate } = useRouter();
  return async () => {
    await refresh();
    navigate(safeNext(location.search.get('next'), fallback), { replace: true });
  };
}

export function SignInPage() {
  const { t } = useI18n();
  usePageTitle(t('Sign in'));
  const onSignedIn = useSignedIn('/account');
  return (
    <div className="auth-page">
      <PageTitle lead={t('Sign in to manage your account security.')}>{t('Welcome to Gatehouse')}</PageTitle>
      <div className="card auth-card">
        <AuthTabs current="signIn" />
        <AuthFlow door="user" onSignedIn={onSignedIn} />
      </div>
      <p className="auth-foot">
        <Link to="/help/errors">{t('Help with error codes')}</Link>
      </p>
    </div>
  );
}

export function RegisterPage() {
  const { t } = useI18n();
  usePageTitle(t('Create account'));
  const onSignedIn = useSignedIn('/account');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'form' | 'verify' | 'signIn'>('form');

  const register = useAction(async () => {
    await post('/api/v1/auth/register', { email: email.trim(), password });
    setStep('verify');
  });
  const blocked = useRetryBlock(register.error);
  const problems = fieldProblems(register.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked > 0) return;
    void register.run();
  };

  return (
    <div className="auth-page">
      <PageTitle lead={t('One account, protected by a password and, once you add it, an authenticator app.')}>{t('Create your account')}</PageTitle>
      <div className="card auth-card">
        <AuthTabs current="register" />
        {step === 'verify' ? (
          <VerifyEmail email={email.trim()} password={password} justSent onVerified={() => setStep('signIn')} onCancel={() => setStep('form')} />
        ) : step === 'signIn' ? (
          <AuthFlow
            door="user"
            onSignedIn={onSignedIn}
            initialEmail={email.trim()}
            initialPassword={password}
            notice={t('Your email is verified. Sign in to continue.')}
          />
        ) : (
          <form className="stack" onSubmit={onSubmit} noValidate aria-label={t('Create account')}>
            <Field
              label={t('Email')}
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              problem={problems.email ?? null}
              required
            />
            <PasswordField
              label={t('Password')}
              name="new-password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={t('8 to 128 characters. Any characters are fine; a long passphrase is best. Common passwords are refused.')}
              problem={problems.password ?? null}
              required
            />
            <ErrorNotice error={register.error} email={email} />
            <Button type="submit" busy={register.busy} disabled={blocked > 0 || !email.trim() || !password} className="wide">
              {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Create account')}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
