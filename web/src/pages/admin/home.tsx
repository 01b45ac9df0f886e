/** `/admin/login` and `/admin`: staff sign-in (password, then TOTP) and the console's front page. */
import { get } from '../../api/client';
import type { MaintenanceState, SessionInfo } from '../../api/types';
import { AuthFlow } from '../../components/auth-flow';
import { ErrorNotice } from '../../components/error-notice';
import { useSession } from '../../components/session';
import { Card, PageTitle, safeNext, usePageTitle } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link, useRouter } from '../../router';
import { AdminLayout, isAdmin, roleLabel } from './shared';

export function AdminLoginPage() {
  const { t } = useI18n();
  usePageTitle(t('Staff sign-in'));
  const { refresh } = useSession();
  const { location, navigate } = useRouter();
  return (
    <div className="auth-page">
      <PageTitle lead={t('For the support team. Staff accounts always use an authenticator app.')}>{t('Staff console')}</PageTitle>
      <div className="card auth-card">
        <AuthFlow
          door="staff"
          onSignedIn={async () => {
            await refresh();
            navigate(safeNext(location.search.get('next'), '/admin'), { replace: true });
          }}
        />
      </div>
    </div>
  );
}

export function AdminHomePage({ session }: { session: SessionInfo }) {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Staff console'));
  const maintenance = useResource((signal) => get<MaintenanceState>('/api/v1/admin/maintenance', { signal }), []);
  const m = maintenance.data;
  return (
    <AdminLayout>
      <PageTitle
        lead={t('Signed in as {email} ({roles})', { email: session.account.email, roles: session.account.roles.map((r) => roleLabel(t, r)).join(', ') })}
      >
        {t('Staff console')}
      </PageTitle>
      <ErrorNotice error={maintenance.error} />
      <div className="grid-2">
        <Card title={t('Maintenance')}>
          {m ? (
            <p>
              <span className={`pill ${m.enabled ? 'pill-warn' : 'pill-on'}`}>{m.enabled ? t('On') : t('Off')}</span>{' '}
              {m.enabled && m.until ? t('Announced end: {time}', { time: dateTime(m.until) }) : m.enabled ? '' : t('Users can sign in.')}
            </p>
          ) : null}
          {isAdmin(session.account.roles) ? <Link to="/admin/maintenance">{t('Change')}</Link> : null}
        </Card>
        <Card title={t('Find an account')}>
          <p>{t('Look up an account by email to see its freeze, risk decisions, sign-ins and devices.')}</p>
          <Link to="/admin/accounts">{t('Accounts')}</Link>
        </Card>
      </div>
    </AdminLayout>
  );
}
