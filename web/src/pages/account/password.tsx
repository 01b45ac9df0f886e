/** `/account/password` and `/account/disable`: change the password; disable the account. */
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import { useSession } from '../../components/session';
import { Button, Card, CurrentPasswordField, Notice, PageTitle, PasswordField, usePageTitle } from '../../components/ui';
import { formatDuration, useAction, useRetryBlock } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { AccountLayout, useSessionEndOn } from './shared';

export function AccountPasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('Change password'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await post('/api/v1/account/password', { currentPassword: current, newPassword: next });
    setDone(true);
    setCurrent('');
    setNext('');
    setRepeat('');
  });
  useSessionEndOn(change.error);
  const blocked = useRetryBlock(change.error);
  const mismatch = repeat.length > 0 && repeat !== next;
  const problems = fieldProblems(change.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0 && !mismatch) void change.run();
  };
  return (
    <AccountLayout>
      <PageTitle lead={t('Every other session is signed out, and withdrawals pause for 24 hours.')}>{t('Change password')}</PageTitle>
      {done ? (
        <Notice kind="success" title={t('Password changed')}>
          {t('Other sessions were signed out. A notice was mailed to you.')}
        </Notice>
      ) : null}
      <Card>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <PasswordField
            label={t('Current password')}
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            problem={problems.currentPassword ?? null}
            required
          />
          <PasswordField
            label={t('New password')}
            name="new-password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            hint={t('8 to 128 characters. Any characters are fine; a long passphrase is best. Common passwords are refused.')}
            problem={problems.newPassword ?? null}
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
          <ErrorNotice error={change.error} />
          <div className="actions">
            <Button type="submit" busy={change.busy} disabled={blocked > 0 || !current || !next || repeat !== next}>
              {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Change password')}
            </Button>
          </div>
        </form>
      </Card>
    </AccountLayout>
  );
}

export function AccountDisablePage() {
  const { t } = useI18n();
  usePageTitle(t('Disable account'));
  const { forget } = useSession();
  const { navigate } = useRouter();
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [done, setDone] = useState(false);
  const disable = useAction(async () => {
    await post('/api/v1/account/disable', { password });
    setDone(true);
  });
  const blocked = useRetryBlock(disable.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0 && understood) void disable.run();
  };
  if (done) {
    return (
      <div className="narrow">
        <PageTitle>{t('Your account is disabled')}</PageTitle>
        <Notice kind="success">
          <p>{t('Every session was signed out and nobody can sign in, not even with the right password.')}</p>
          <p>{t('To use the account again, contact support; they check your identity before they lift the freeze.')}</p>
        </Notice>
        <Button
          onClick={() => {
            forget();
            navigate('/');
          }}
        >
          {t('Done')}
        </Button>
      </div>
    );
  }
  return (
    <AccountLayout>
      <PageTitle lead={t('For when you think someone else has your password or your phone.')}>{t('Disable account')}</PageTitle>
      <Card>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <ul className="checklist-plain">
            <li>{t('Every session of the account ends at once, on every device, this one included.')}</li>
            <li>{t('Nobody can sign in, not even with the right password.')}</li>
            <li>{t('Undoing it needs support and an identity check.')}</li>
          </ul>
          <CurrentPasswordField value={password} onChange={setPassword} />
          <label className="check">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
            {t('I understand. Disable my account now.')}
          </label>
          <ErrorNotice error={disable.error} />
          <div className="actions">
            <Button type="submit" variant="danger" busy={disable.busy} disabled={blocked > 0 || !understood || !password}>
              {t('Disable account')}
            </Button>
          </div>
        </form>
      </Card>
    </AccountLayout>
  );
}
