/** Readable names for ticket categories and statuses, shared by the requester's and staff's pages. */
import type { TicketCategory } from '../../components/support-link';
import type { Vars } from '../../i18n/i18n';

type T = (text: string, vars?: Vars) => string;

export function categoryLabel(t: T, category: string | undefined): string {
  const labels: Record<TicketCategory, string> = {
    account_frozen: t('My account is frozen or disabled'),
    reset_2fa: t('I lost my authenticator app / backup codes'),
    region_change: t('My country or region changed'),
    login_error: t('I get an error when I sign in'),
    compromised: t('Someone else may be using my account'),
    other: t('Something else'),
  };
  return labels[category as TicketCategory] ?? category ?? '—';
}

export function statusLabel(t: T, status: string | null | undefined): string {
  switch (status) {
    case 'awaiting_confirmation':
      return t('Waiting for email confirmation');
    case 'open':
      return t('Open');
    case 'answered':
      return t('Answered');
    case 'waiting_on_user':
      return t('Waiting for the requester');
    case 'resolved':
      return t('Resolved');
    case 'closed':
      return t('Closed');
    default:
      return status ?? '—';
  }
}
