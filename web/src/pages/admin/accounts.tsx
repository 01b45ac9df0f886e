/** `/admin/accounts` (lookup by email) and `/admin/accounts/{id}` (context and actions). */
import { type FormEvent, useState } from 'react';
import { get } from '../../api/client';
import type { AccountContext, SessionInfo, StaffAccount } from '../../api/types';
import { ErrorNotice, countryName } from '../../components/error-notice';
import { Button, Card, Field, Loading, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link, useRouter } from '../../router';
import { FlagChips, isRiskyFlag } from '../account/shared';
import { AccountActions } from './account-actions';
import { AdminLayout, roleLabel } from './shared';

export function AdminAccountsPage() {
  const { t } = useI18n();
  usePageTitle(t('Accounts'));
  const { location, navigate } = useRouter();
  const [email, setEmail] = useState(location.search.get('email') ?? '');
  const query = location.search.get('email');
  const results = useResource(
    (signal) => (query ? get<StaffAccount[]>(`/api/v1/admin/accounts?email=${encodeURIComponent(query)}`, { signal }) : Promise.resolve(null)),
    [query],
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/admin/accounts?email=${encodeURIComponent(email.trim())}`, { replace: true });
  };
  return (
    <AdminLayout>
      <PageTitle>{t('Accounts')}</PageTitle>
      <Card>
        <form className="inline-form" onSubmit={onSubmit}>
          <Field label={t('Email address')} type="email" name="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <Button type="submit" disabled={!email.trim()}>
            {t('Look up')}
          </Button>
        </form>
      </Card>
      <ErrorNotice error={results.error} />
      {results.data === null || results.data === undefined ? null : results.data.length === 0 ? (
        <p>{t('No account with this email.')}</p>
      ) : (
        <ul className="result-list">
          {results.data.map((a) => (
            <li key={a.id}>
              <Link to={`/admin/accounts/${a.id}`}>{a.email}</Link> {a.frozen ? <span className="pill pill-warn">{t('Frozen')}</span> : null}
              <span className="small"> {a.id}</span>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}

export function AdminAccountPage({ id, session }: { id: string; session: SessionInfo }) {
  const { t, dateTime, lang } = useI18n();
  const context = useResource((signal) => get<AccountContext>(`/api/v1/admin/accounts/${encodeURIComponent(id)}`, { signal }), [id]);
  const c = context.data;
  usePageTitle(c ? c.account.email : t('Account'));
  const reload = useAction(async () => context.reload());
  if (!c) {
    return (
      <AdminLayout>
        <PageTitle>{t('Account')}</PageTitle>
        <ErrorNotice error={context.error} />
        {context.loading ? <Loading /> : null}
      </AdminLayout>
    );
  }
  const a = c.account;
  return (
    <AdminLayout>
      <p className="breadcrumb">
        <Link to={`/admin/accounts?email=${encodeURIComponent(a.email)}`}>{t('Accounts')}</Link>
      </p>
      <PageTitle lead={a.id}>{a.email}</PageTitle>
      <Card title={t('Status')}>
        <dl className="facts">
          <div>
            <dt>{t('State')}</dt>
            <dd data-testid="account-state">
              {a.frozen ? (
                <>
                  <span className="pill pill-warn">{t('Frozen')}</span> {t('type {type}, since {time}', { type: a.frozen.type, time: dateTime(a.frozen.at) })}
                  {a.frozen.reason ? <span className="block">{t('Reason: {reason}', { reason: a.frozen.reason })}</span> : null}
                </>
              ) : (
                <span className="pill pill-on">{t('Active')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('Email verified')}</dt>
            <dd>{a.emailVerified ? t('Yes') : t('No')}</dd>
          </div>
          <div>
            <dt>{t('Verified country (KYC)')}</dt>
            <dd>{a.kycCountry ? `${countryName(a.kycCountry, lang)} (${a.kycCountry})` : t('Not set')}</dd>
          </div>
          <div>
            <dt>{t('Roles')}</dt>
            <dd>{a.roles.length ? a.roles.map((r) => roleLabel(t, r)).join(', ') : '—'}</dd>
          </div>
          <div>
            <dt>{t('Security hold')}</dt>
            <dd>{a.securityHoldUntil ? dateTime(a.securityHoldUntil) : '—'}</dd>
          </div>
          <div>
            <dt>{t('Created')}</dt>
            <dd>{dateTime(a.createdAt)}</dd>
          </div>
        </dl>
      </Card>
      <AccountActions account={a} roles={session.account.roles} selfId={session.account.id} onChanged={() => void reload.run()} />
      <Card title={t('Risk decisions')}>
        {c.riskDecisions.length === 0 ? (
          <p>{t('None.')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('Time')}</th>
                  <th scope="col">{t('Context')}</th>
                  <th scope="col">{t('Score')}</th>
                  <th scope="col">{t('Decision')}</th>
                  <th scope="col">{t('Signals')}</th>
                </tr>
              </thead>
              <tbody>
                {c.riskDecisions.map((d) => (
                  <tr key={d.id}>
                    <td>{dateTime(d.at)}</td>
                    <td>{d.context === 'login' ? t('Sign-in') : d.context === 'withdrawal' ? t('Withdrawal') : d.context}</td>
                    <td>{d.score}</td>
                    <td>
                      <span className={`pill ${d.action === 'allow' ? 'pill-on' : 'pill-warn'}`}>{riskActionLabel(t, d.action)}</span>
                    </td>
                    <td>
                      <ul className="plain">
                        {d.signals.map((s) => (
                          <li key={s.rule}>
                            <code>{s.rule}</code> +{s.score}: {s.explanation}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t('Sign-in history')}>
        {c.loginHistory.length === 0 ? (
          <p>{t('None.')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('Time')}</th>
                  <th scope="col">{t('Device')}</th>
                  <th scope="col">{t('Network')}</th>
                  <th scope="col">{t('Result')}</th>
                </tr>
              </thead>
              <tbody>
                {c.loginHistory.map((h) => (
                  <tr key={`${h.at}-${h.ip}-${h.device.name}-${h.result?.code ?? 'ok'}`} className={h.flags.some(isRiskyFlag) ? 'row-warn' : undefined}>
                    <td>{dateTime(h.at)}</td>
                    <td>
                      {h.device.name} <FlagChips flags={h.flags} />
                    </td>
                    <td>
                      {h.ip}
                      {h.country ? ` (${h.country})` : ''}
                    </td>
                    <td>{h.result ? `${h.result.code}${h.result.reason ? ` ${h.result.reason}` : ''}` : t('Signed in')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t('Devices')}>
        {c.devices.length === 0 ? (
          <p>{t('None.')}</p>
        ) : (
          <ul className="plain">
            {c.devices.map((d) => (
              <li key={d.id}>
                {d.name} · {t('Last used {time}', { time: dateTime(d.lastSeenAt) })}
                {d.lastIp ? ` · ${d.lastIp}` : ''}
                {d.lastCountry ? ` (${d.lastCountry})` : ''}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </AdminLayout>
  );
}

/** What the risk engine decided, as the console shows it. */
function riskActionLabel(t: (text: string) => string, action: string): string {
  if (action === 'allow') return t('Allowed');
  if (action === 'confirm_device') return t('Device confirmation');
  if (action === 'freeze') return t('Frozen');
  return action;
}
