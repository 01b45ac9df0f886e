/**
 * The "Contact support" link for an error: the server's ticketHint (or a category chosen from the
 * code), plus the code and the time it happened. The email travels in the navigation state, not
 * in the URL, so it never lands in browser history or server logs.
 */
import type { ApiError } from '../api/client';

export const TICKET_CATEGORIES = ['account_frozen', 'reset_2fa', 'region_change', 'login_error', 'compromised', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export interface SupportPrefill {
  email?: string;
}

/** The ticket category that fits an error code (and reason). */
export function categoryFor(code: number, reason?: string): TicketCategory {
  if (code === 4002) return 'account_frozen';
  if (code === 4001) return 'region_change';
  if (code === 4003 && reason === 'backup_codes_exhausted') return 'reset_2fa';
  return 'login_error';
}

export function supportLinkFor(error: ApiError, email?: string): { to: string; state: SupportPrefill } {
  const hint = error.envelope.details.ticketHint;
  const url = new URL(typeof hint === 'string' && hint.startsWith('/') && !hint.startsWith('//') ? hint : '/support/new', window.location.origin);
  if (url.pathname !== '/support/new') url.pathname = '/support/new';
  if (!url.searchParams.get('category')) url.searchParams.set('category', categoryFor(error.code, error.reason));
  url.searchParams.set('code', String(error.code));
  url.searchParams.set('occurredAt', new Date(error.receivedAtMs).toISOString());
  return { to: url.pathname + url.search, state: email ? { email } : {} };
}

/** A readable device model from the User-Agent ("Chrome on Android (Pixel 7)"), for the ticket. */
export function deviceModelFromUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '';
  let os = '';
  let model = '';
  const android = /Android ([\d.]+)(?:; ([^;)]+))?/.exec(ua);
  if (android) {
    os = `Android ${android[1]}`;
    const candidate = android[2]?.replace(/ Build\/.*/, '').trim();
    if (candidate && candidate !== 'K' && !/^wv$/.test(candidate)) model = candidate;
  } else if (/iPhone|iPad|iPod/.test(ua)) {
    const version = /OS (\d+)_(\d+)/.exec(ua);
    os = `iOS${version ? ` ${version[1]}.${version[2]}` : ''}`;
    model = /iPad/.test(ua) ? 'iPad' : 'iPhone';
  } else if (/Windows NT/.test(ua)) os = 'Windows';
  else if (/Mac OS X/.test(ua)) os = 'macOS';
  else if (/CrOS/.test(ua)) os = 'ChromeOS';
  else if (/Linux/.test(ua)) os = 'Linux';
  const base = [browser, os].filter(Boolean).join(' on ');
  return (model ? `${base} (${model})` : base) || ua.slice(0, 100);
}
