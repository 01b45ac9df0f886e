/** The app shell: header, the page for the current path (routes.ts), footer. */
import type { ReactNode } from 'react';
import { RequireSession, useSession } from './components/session';
import { Button, PageTitle, usePageTitle } from './components/ui';
import { LANGS, type Lang, useI18n } from './i18n/i18n';
import { AccountOverviewPage } from './pages/account/overview';
import { AccountActivityPage } from './pages/account/activity';
import { AccountApiKeysPage } from './pages/account/api-keys';
import { AccountDevicesPage } from './pages/account/devices';
import { AccountDisablePage, AccountPasswordPage } from './pages/account/password';
import { AccountTwoFactorPage } from './pages/account/two-factor';
import { AdminAccountPage, AdminAccountsPage } from './pages/admin/accounts';
import { AdminHomePage, AdminLoginPage } from './pages/admin/home';
import { AdminAuditPage, AdminMaintenancePage, AdminRegionPolicyPage } from './pages/admin/settings';
import { AdminTicketPage, AdminTicketsPage } from './pages/admin/tickets';
import { RegisterPage, SignInPage } from './pages/auth';
import { DevMailboxPage } from './pages/dev-mailbox';
import { HelpCodePage, HelpIndexPage } from './pages/help';
import { CancelTwoFactorResetPage, ConfirmDevicePage, DisableAccountPage } from './pages/mail-links';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/recovery';
import { NewTicketPage } from './pages/support/new-ticket';
import { ConfirmTicketPage, TicketPage } from './pages/support/ticket';
import { Link, useRouter } from './router';
import { type RouteMatch, matchRoute } from './routes';

function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('Page not found'));
  return (
    <div className="narrow" data-testid="not-found">
      <PageTitle>{t('Page not found')}</PageTitle>
      <p>{t('There is no page at this address. It may have moved, or the link may be incomplete.')}</p>
      <p className="actions">
        <Link className="button button-primary" to="/">
          {t('Go to sign-in')}
        </Link>
        <Link to="/help/errors">{t('Help center')}</Link>
      </p>
    </div>
  );
}

function renderPage(match: RouteMatch): ReactNode {
  const p = match.params;
  switch (match.route.page) {
    case 'signIn':
      return <SignInPage />;
    case 'register':
      return <RegisterPage />;
    case 'forgotPassword':
      return <ForgotPasswordPage />;
    case 'resetPassword':
      return <ResetPasswordPage />;
    case 'confirmDevice':
      return <ConfirmDevicePage />;
    case 'disableAccount':
      return <DisableAccountPage />;
    case 'cancel2faReset':
      return <CancelTwoFactorResetPage />;
    case 'supportNew':
      return <NewTicketPage />;
    case 'supportTicketConfirm':
      return <ConfirmTicketPage />;
    case 'supportTicket':
      return <TicketPage id={p.id ?? ''} />;
    case 'helpIndex':
      return <HelpIndexPage />;
    case 'helpCode':
      return <HelpCodePage code={p.code ?? ''} />;
    case 'accountOverview':
      return <RequireSession kind="user">{() => <AccountOverviewPage />}</RequireSession>;
    case 'accountTwoFactor':
      return <RequireSession kind="user">{() => <AccountTwoFactorPage />}</RequireSession>;
    case 'accountActivity':
      return <RequireSession kind="user">{() => <AccountActivityPage />}</RequireSession>;
    case 'accountApiKeys':
      return <RequireSession kind="user">{() => <AccountApiKeysPage />}</RequireSession>;
    case 'accountDevices':
      return <RequireSession kind="user">{() => <AccountDevicesPage />}</RequireSession>;
    case 'accountPassword':
      return <RequireSession kind="user">{() => <AccountPasswordPage />}</RequireSession>;
    case 'accountDisable':
      return <RequireSession kind="user">{() => <AccountDisablePage />}</RequireSession>;
    case 'adminLogin':
      return <AdminLoginPage />;
    case 'adminHome':
      return <RequireSession kind="staff">{(s) => <AdminHomePage session={s} />}</RequireSession>;
    case 'adminAccounts':
      return <RequireSession kind="staff">{() => <AdminAccountsPage />}</RequireSession>;
    case 'adminAccount':
      return <RequireSession kind="staff">{(s) => <AdminAccountPage id={p.id ?? ''} session={s} />}</RequireSession>;
    case 'adminMaintenance':
      return <RequireSession kind="staff">{() => <AdminMaintenancePage />}</RequireSession>;
    case 'adminRegionPolicy':
      return <RequireSession kind="staff">{() => <AdminRegionPolicyPage />}</RequireSession>;
    case 'adminAudit':
      return <RequireSession kind="staff">{() => <AdminAuditPage />}</RequireSession>;
    case 'adminTickets':
      return <RequireSession kind="staff">{() => <AdminTicketsPage />}</RequireSession>;
    case 'adminTicket':
      return <RequireSession kind="staff">{() => <AdminTicketPage id={p.id ?? ''} />}</RequireSession>;
    case 'devMailbox':
      return <DevMailboxPage />;
  }
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const { state, signOut } = useSession();
  const { navigate } = useRouter();
  const signedIn = state.status === 'signedIn' ? state.info : null;
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to={signedIn?.session.kind === 'staff' ? '/admin' : '/'} className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Gatehouse
        </Link>
        <nav className="header-nav" aria-label={t('Main')}>
          <Link to="/help/errors">{t('Help')}</Link>
          {signedIn?.session.kind === 'staff' ? <Link to="/admin">{t('Console')}</Link> : <Link to="/account">{t('Security')}</Link>}
          {signedIn ? (
            <Button
              variant="quiet"
              className="header-button"
              onClick={async () => {
                const staff = signedIn.session.kind === 'staff';
                await signOut();
                navigate(staff ? '/admin/login' : '/login');
              }}
            >
              {t('Sign out')}
            </Button>
          ) : null}
          <label className="lang">
            <span className="visually-hidden">{t('Language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              {LANGS.map((l) => (
                <option key={l.id} value={l.id} lang={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
        </nav>
      </div>
    </header>
  );
}

export function App() {
  const { t } = useI18n();
  const { location } = useRouter();
  const match = matchRoute(location.path);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('Skip to content')}
      </a>
      <Header />
      <main id="main" className="site-main" key={location.path}>
        {match ? renderPage(match) : <NotFoundPage />}
      </main>
      <footer className="site-footer">
        <p>
          {t('Gatehouse never asks for your password, codes or backup codes by mail, chat or phone.')} <Link to="/help/errors">{t('Help center')}</Link>
        </p>
      </footer>
    </>
  );
}
