/** The staff console's navigation and layout. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Link, useRouter } from '../../router';

export function AdminLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { location } = useRouter();
  const items: [string, string][] = [
    ['/admin', t('Console')],
    ['/admin/accounts', t('Accounts')],
    ['/admin/tickets', t('Tickets')],
    ['/admin/maintenance', t('Maintenance')],
    ['/admin/region-policy', t('Region policy')],
    ['/admin/audit', t('Audit log')],
  ];
  return (
    <div className="with-subnav admin">
      <nav className="subnav" aria-label={t('Staff console')}>
        {items.map(([to, label]) => (
          <Link key={to} to={to} aria-current={location.path === to || (to !== '/admin' && location.path.startsWith(`${to}/`)) ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <div className="subnav-content">{children}</div>
    </div>
  );
}

export function isAdmin(roles: string[]): boolean {
  return roles.includes('admin');
}
