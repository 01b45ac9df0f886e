/** The staff console's navigation and layout. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { SubNav } from '../../components/subnav';

export function AdminLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
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
      <SubNav label={t('Staff console')} items={items} isCurrent={(to, path) => path === to || (to !== '/admin' && path.startsWith(`${to}/`))} />
      <div className="subnav-content">{children}</div>
    </div>
  );
}

/** A staff role as the console shows it. */
export function roleLabel(t: (text: string) => string, role: string): string {
  if (role === 'admin') return t('Admin');
  if (role === 'support') return t('Support');
  return role;
}

export function isAdmin(roles: string[]): boolean {
  return roles.includes('admin');
}
