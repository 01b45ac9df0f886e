/**
 * Every page of the app, in one table: the router renders from it, the server's page list
 * (src/http/web-app.ts PAGE_PATTERNS) must equal it (test/web-app.test.ts), and the browser tests
 * visit every entry. No React here, so tests can import it.
 *
 * `:name` matches one path segment. `emitted` marks the paths the server itself puts in answers
 * and mails (the error envelope's `help`, `details.ticketHint`, mailed links).
 */
export type Access = 'public' | 'user' | 'staff';

export interface RouteDef {
  pattern: string;
  page: PageKey;
  access: Access;
  /** A path the server hands out (in an error body or a mail). */
  emitted?: boolean;
}

export type PageKey =
  | 'signIn'
  | 'register'
  | 'forgotPassword'
  | 'resetPassword'
  | 'confirmDevice'
  | 'disableAccount'
  | 'cancel2faReset'
  | 'supportNew'
  | 'supportTicketConfirm'
  | 'supportTicket'
  | 'helpIndex'
  | 'helpCode'
  | 'accountOverview'
  | 'accountTwoFactor'
  | 'accountActivity'
  | 'accountDevices'
  | 'accountPassword'
  | 'accountDisable'
  | 'adminHome'
  | 'adminLogin'
  | 'adminAccounts'
  | 'adminAccount'
  | 'adminMaintenance'
  | 'adminRegionPolicy'
  | 'adminAudit'
  | 'adminTickets'
  | 'adminTicket'
  | 'devMailbox';

export const ROUTES: readonly RouteDef[] = [
  { pattern: '/', page: 'signIn', access: 'public' },
  { pattern: '/login', page: 'signIn', access: 'public', emitted: true },
  { pattern: '/register', page: 'register', access: 'public' },
  { pattern: '/forgot-password', page: 'forgotPassword', access: 'public' },
  { pattern: '/reset-password', page: 'resetPassword', access: 'public', emitted: true },
  { pattern: '/confirm-device', page: 'confirmDevice', access: 'public', emitted: true },
  { pattern: '/disable-account', page: 'disableAccount', access: 'public', emitted: true },
  { pattern: '/cancel-2fa-reset', page: 'cancel2faReset', access: 'public', emitted: true },
  { pattern: '/support/new', page: 'supportNew', access: 'public', emitted: true },
  // Before ':id': the static path wins.
  { pattern: '/support/tickets/confirm', page: 'supportTicketConfirm', access: 'public', emitted: true },
  { pattern: '/support/tickets/:id', page: 'supportTicket', access: 'public', emitted: true },
  { pattern: '/help', page: 'helpIndex', access: 'public' },
  { pattern: '/help/errors', page: 'helpIndex', access: 'public' },
  { pattern: '/help/errors/:code', page: 'helpCode', access: 'public', emitted: true },
  { pattern: '/account', page: 'accountOverview', access: 'user' },
  { pattern: '/account/two-factor', page: 'accountTwoFactor', access: 'user' },
  { pattern: '/account/activity', page: 'accountActivity', access: 'user' },
  { pattern: '/account/devices', page: 'accountDevices', access: 'user' },
  { pattern: '/account/password', page: 'accountPassword', access: 'user' },
  { pattern: '/account/disable', page: 'accountDisable', access: 'user' },
  { pattern: '/admin', page: 'adminHome', access: 'staff' },
  { pattern: '/admin/login', page: 'adminLogin', access: 'public' },
  { pattern: '/admin/accounts', page: 'adminAccounts', access: 'staff' },
  { pattern: '/admin/accounts/:id', page: 'adminAccount', access: 'staff' },
  { pattern: '/admin/maintenance', page: 'adminMaintenance', access: 'staff' },
  { pattern: '/admin/region-policy', page: 'adminRegionPolicy', access: 'staff' },
  { pattern: '/admin/audit', page: 'adminAudit', access: 'staff' },
  { pattern: '/admin/tickets', page: 'adminTickets', access: 'staff' },
  { pattern: '/admin/tickets/:id', page: 'adminTicket', access: 'staff' },
  { pattern: '/dev/mailbox', page: 'devMailbox', access: 'public' },
];

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

/** The route for a path (query and hash ignored; one trailing slash tolerated), or null. */
export function matchRoute(path: string): RouteMatch | null {
  const clean = path.split(/[?#]/)[0] ?? '/';
  const normalized = clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
  const parts = normalized.split('/');
  for (const route of ROUTES) {
    const want = route.pattern.split('/');
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length; i++) {
      const w = want[i]!;
      const p = parts[i]!;
      if (w.startsWith(':')) {
        if (p === '') {
          ok = false;
          break;
        }
        try {
          params[w.slice(1)] = decodeURIComponent(p);
        } catch {
          ok = false;
          break;
        }
      } else if (w !== p) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}
