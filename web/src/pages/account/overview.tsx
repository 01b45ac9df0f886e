/** `/account`: the security checklist. */
import type { ReactNode } from 'react';
import { get } from '../../api/client';
import type { AccountView, HistoryPage } from '../../api/types';
import { ErrorNotice, countryName } from '../../components/error-notice';
import { Card, Loading, PageTitle, usePageTitle } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { AccountLayout, FlagChips, useSessionEndOn } from './shared';

const RECENT_DAYS = 30;

type Status = 'good' | 'warn' | 'off';

function CheckItem({ status, title, children, action }: { status: Status; title: string; children?: ReactNode; action?: ReactNode }) {
  const { t } = useI18n();
  const label = status === 'good' ? t('Good') : status === 'warn' ? t('Needs attention') : t('Off');
  return (
    <li className={`check-item check-${status}`}>
      <span className="check-icon" aria-hidden="true">
        {status === 'good' ? '✓' : status === 'warn' ? '!' : '–'}
      </span>
      <div className="check-body">
        <p className="check-title">
          {title} <span className="visually-hidden">({label})</span>
        </p>
        {children}
      </div>
      {action ? <div className="check-action">{action}</div> : null}
    </li>
  );
}

export function AccountOverviewPage() {
  const { t, dateTime, lang } = useI18n();
  usePageTitle(t('Security center'));
  const account = useResource((signal) => get<AccountView>('/api/v1/account', { signal }), []);
  const history = useResource((signal) => get<HistoryPage>('/api/v1/account/login-history?limit=50', { signal }), []);
  useSessionEndOn(account.error, history.error);

  const a = account.data;
  const since = Date.now() - RECENT_DAYS * 86_400_000;
  const flagged = (history.data?.items ?? []).filter((i) => Date.parse(i.at) >= since && (i.flags.includes('new_device') || i.flags.includes('new_country')));
  const holdActive = a?.securityHoldUntil && Date.parse(a.securityHoldUntil) > Date.now();

  return (
    <AccountLayout>
      <PageTitle lead={a ? t('Signed in as {email}', { email: a.email }) : undefined}>{t('Security center')}</PageTitle>
      <ErrorNotice error={account.error} />
      {!a ? (
        account.loading ? (
          <Loading />
        ) : null
      ) : (
        <Card title={t('Security checklist')}>
          <ul className="checklist">
            <CheckItem
              status={a.twoFactor.totp ? 'good' : 'warn'}
              title={a.twoFactor.totp ? t('Authenticator app is on') : t('Authenticator app is off')}
              action={<Link to="/account/two-factor">{a.twoFactor.totp ? t('Manage') : t('Set up')}</Link>}
            >
              <p>
                {a.twoFactor.totp
                  ? t('Sign-ins need a code from your phone as well as the password.')
                  : t('Anyone with your password can sign in. Add an authenticator app.')}
              </p>
            </CheckItem>
            {a.twoFactor.totp ? (
              <CheckItem
                status={a.twoFactor.backupCodesRemaining >= 3 ? 'good' : 'warn'}
                title={t('{n} of 8 backup codes left', { n: a.twoFactor.backupCodesRemaining })}
                action={<Link to="/account/two-factor#backup-codes">{t('New codes')}</Link>}
              >
                <p>{t('Backup codes let you sign in if you lose your phone. Each works once.')}</p>
              </CheckItem>
            ) : null}
            <CheckItem
              status={a.twoFactor.email ? 'good' : 'off'}
              title={a.twoFactor.email ? t('Email codes are on') : t('Email codes are off')}
              action={<Link to="/account/two-factor#email-codes">{t('Manage')}</Link>}
            >
              <p>{t('A code sent to {email} as a backup second factor.', { email: a.email })}</p>
            </CheckItem>
            <CheckItem
              status={a.twoFactor.sms ? 'good' : 'off'}
              title={a.twoFactor.sms ? t('SMS codes are on') : t('SMS codes are off')}
              action={<Link to="/account/two-factor#sms-codes">{t('Manage')}</Link>}
            >
              <p>{t('A code sent to your verified phone as a backup second factor.')}</p>
            </CheckItem>
            <CheckItem
              status={flagged.length > 0 ? 'warn' : 'good'}
              title={
                flagged.length === 0
                  ? t('No sign-ins from new devices or countries in the last 30 days')
                  : flagged.length === 1
                    ? t('1 sign-in from a new device or country in the last 30 days')
                    : t('{n} sign-ins from a new device or country in the last 30 days', { n: flagged.length })
              }
              action={<Link to="/account/activity">{t('Review activity')}</Link>}
            >
              {flagged.slice(0, 3).map((item) => (
                <p key={item.at + item.ip} className="small">
                  {dateTime(item.at)} · {item.device.name} · {item.ip}
                  {item.country ? ` (${countryName(item.country, lang)})` : ''}{' '}
                  <FlagChips flags={item.flags.filter((f) => f === 'new_device' || f === 'new_country')} />
                </p>
              ))}
              {flagged.length > 0 ? <p>{t('Not you? Change your password and review your devices.')}</p> : null}
            </CheckItem>
            <CheckItem
              status={holdActive ? 'warn' : 'good'}
              title={holdActive ? t('Security hold until {time}', { time: dateTime(a.securityHoldUntil!) }) : t('No security hold')}
            >
              <p>
                {holdActive
                  ? t('Withdrawals are paused for 24 hours after a password or two-step verification change, in case someone else made it.')
                  : t('Withdrawals are not paused.')}
              </p>
            </CheckItem>
          </ul>
        </Card>
      )}
      {a ? (
        <Card title={t('Account')}>
          <dl className="facts">
            <div>
              <dt>{t('Email')}</dt>
              <dd>{a.email}</dd>
            </div>
            <div>
              <dt>{t('Verified country (KYC)')}</dt>
              <dd>{a.kycCountry ? countryName(a.kycCountry, lang) : t('Not set')}</dd>
            </div>
          </dl>
        </Card>
      ) : null}
    </AccountLayout>
  );
}
