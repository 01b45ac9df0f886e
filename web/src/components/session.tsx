/**
 * Who is signed in, asked of GET /api/v1/auth/session only on pages that need a session (so public
 * pages make no request that is bound to fail). The session itself is the HttpOnly cookie.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, get, post } from '../api/client';
import type { SessionInfo } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router';
import { ErrorNotice } from './error-notice';
import { Loading, Notice, PageTitle } from './ui';

type SessionState = { status: 'unknown' | 'loading' | 'signedOut' } | { status: 'signedIn'; info: SessionInfo } | { status: 'failed'; error: unknown };

interface SessionValue {
  state: SessionState;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** The session ended elsewhere (4011 on a later call). */
  forget(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'unknown' });

  const refresh = useCallback(async () => {
    setState((s) => (s.status === 'signedIn' ? s : { status: 'loading' }));
    try {
      const info = await get<SessionInfo>('/api/v1/auth/session');
      setState({ status: 'signedIn', info });
    } catch (err) {
      if (err instanceof ApiError && err.code === 4011) setState({ status: 'signedOut' });
      else setState({ status: 'failed', error: err });
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await post('/api/v1/auth/logout');
    } catch {
      // already ended on the server: signed out either way
    }
    setState({ status: 'signedOut' });
  }, []);

  const forget = useCallback(() => setState({ status: 'signedOut' }), []);

  const value = useMemo(() => ({ state, refresh, signOut, forget }), [state, refresh, signOut, forget]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Renders children only for a signed-in session of `kind`; otherwise sends to the right sign-in. */
export function RequireSession({ kind, children }: { kind: 'user' | 'staff'; children: (info: SessionInfo) => ReactNode }) {
  const { t } = useI18n();
  const { state, refresh } = useSession();
  const { location, navigate } = useRouter();
  const loginPath = kind === 'staff' ? '/admin/login' : '/login';

  useEffect(() => {
    if (state.status === 'unknown') void refresh();
  }, [state.status, refresh]);

  useEffect(() => {
    if (state.status === 'signedOut') {
      const query = location.search.toString();
      const here = location.path + (query ? `?${query}` : '');
      navigate(`${loginPath}?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [state.status, navigate, loginPath, location.path, location.search]);

  if (state.status === 'failed') return <ErrorNotice error={state.error} />;
  if (state.status !== 'signedIn') return <Loading />;
  if (state.info.session.kind !== kind) {
    return (
      <>
        <PageTitle>{kind === 'staff' ? t('Staff sign-in needed') : t('Personal sign-in needed')}</PageTitle>
        <Notice kind="warning">
          <p>
            {kind === 'staff'
              ? t('You are signed in with a personal session. The staff console needs a staff sign-in.')
              : t('You are signed in to the staff console. The security center needs a personal sign-in.')}
          </p>
          <p>
            <Link to={loginPath}>{kind === 'staff' ? t('Staff sign-in') : t('Sign in')}</Link>
          </p>
        </Notice>
      </>
    );
  }
  return <>{children(state.info)}</>;
}
