/**
 * Pages behind the links in security mails. Each asks for one explicit click before it calls the
 * API: a mail scanner that opens links must not approve a device or disable an account.
 */
import { useState } from 'react';
import { post } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Button, Notice, PageTitle, usePageTitle } from '../components/ui';
import { useAction, useRetryBlock } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router';

/** The support desk's route that stops a scheduled 2FA reset (`{token}` → `{status: "cancelled"}`). */
export const CANCEL_2FA_RESET_PATH = '/api/v1/auth/2fa-reset/cancel';

function MissingToken() {
  const { t } = useI18n();
  return (
    <Notice kind="warning" title={t('This link is incomplete')}>
      <p>{t('Open the link from the email exactly as it was sent. If it still fails, the link may have expired.')}</p>
    </Notice>
  );
}

export function ConfirmDevicePage() {
  const { t } = useI18n();
  usePageTitle(t('Approve a new device'));
  const token = useRouter().location.search.get('token') ?? '';
  const [done, setDone] = useState(false);
  const confirm = useAction(async () => {
    await post('/api/v1/auth/login/confirm-device', { token });
    setDone(true);
  });
  const blocked = useRetryBlock(confirm.error);
  return (
    <div className="narrow">
      <PageTitle>{t('Approve a new device')}</PageTitle>
      <div className="card stack">
        {!token ? (
          <MissingToken />
        ) : done ? (
          <Notice kind="success" title={t('Sign-in approved')}>
            <p>{t('The device that is waiting continues by itself within a few seconds. You can close this page.')}</p>
          </Notice>
        ) : (
          <>
            <p>{t('Someone with your password is signing in from a device this account has not used before.')}</p>
            <p className="emphasis">{t('Approve only if that is you, right now.')}</p>
            <ErrorNotice error={confirm.error} />
            <div className="actions">
              <Button onClick={() => void confirm.run()} busy={confirm.busy} disabled={blocked > 0}>
                {t('Yes, approve this sign-in')}
              </Button>
            </div>
            <Notice kind="warning" title={t('Not you?')}>
              <p>{t('Do not approve. Change your password at once, and disable the account from the security notice email if you think it is compromised.')}</p>
              <p>
                <Link to="/forgot-password">{t('Reset my password')}</Link>
              </p>
            </Notice>
          </>
        )}
      </div>
    </div>
  );
}

export function DisableAccountPage() {
  const { t } = useI18n();
  usePageTitle(t('Disable your account'));
  const token = useRouter().location.search.get('token') ?? '';
  const [understood, setUnderstood] = useState(false);
  const [done, setDone] = useState(false);
  const disable = useAction(async () => {
    await post('/api/v1/account/disable-link', { token });
    setDone(true);
  });
  const blocked = useRetryBlock(disable.error);
  return (
    <div className="narrow">
      <PageTitle>{t('Disable your account')}</PageTitle>
      <div className="card stack">
        {!token ? (
          <MissingToken />
        ) : done ? (
          <Notice kind="success" title={t('Your account is disabled')}>
            <p>{t('Every session was signed out and nobody can sign in, not even with the right password.')}</p>
            <p>{t('To use the account again, contact support; they check your identity before they lift the freeze.')}</p>
            <p>
              <Link to="/support/new?category=account_frozen&code=4002">{t('Contact support')}</Link>
            </p>
          </Notice>
        ) : (
          <>
            <p>{t('Use this if you received a security notice about something you did not do.')}</p>
            <ul className="checklist-plain">
              <li>{t('Every session of the account ends at once, on every device.')}</li>
              <li>{t('Nobody can sign in, not even with the right password.')}</li>
              <li>{t('Undoing it needs support and an identity check.')}</li>
            </ul>
            <label className="check">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              {t('I understand. Disable my account now.')}
            </label>
            <ErrorNotice error={disable.error} />
            <div className="actions">
              <Button variant="danger" onClick={() => void disable.run()} busy={disable.busy} disabled={!understood || blocked > 0}>
                {t('Disable account')}
              </Button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

export function CancelTwoFactorResetPage() {
  const { t } = useI18n();
  usePageTitle(t('Stop the two-step verification reset'));
  const token = useRouter().location.search.get('token') ?? '';
  const [done, setDone] = useState(false);
  const cancel = useAction(async () => {
    await post(CANCEL_2FA_RESET_PATH, { token });
    setDone(true);
  });
  const blocked = useRetryBlock(cancel.error);
  return (
    <div className="narrow">
      <PageTitle>{t('Stop the two-step verification reset')}</PageTitle>
      <div className="card stack">
        {!token ? (
          <MissingToken />
        ) : done ? (
          <Notice kind="success" title={t('The reset is cancelled')}>
            <p>{t('Your authenticator app and backup codes stay as they are.')}</p>
          </Notice>
        ) : (
          <>
            <p>{t('Support scheduled a reset of your two-step verification after a request in your name. It takes effect after a waiting period.')}</p>
            <p className="emphasis">{t('If you did not ask for it, stop it now and change your password.')}</p>
            <ErrorNotice error={cancel.error} />
            <div className="actions">
              <Button variant="danger" onClick={() => void cancel.run()} busy={cancel.busy} disabled={blocked > 0}>
                {t('Stop the reset')}
              </Button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
