/**
 * A small history-API router: the app has one flat route table (routes.ts), so a library would
 * add weight and nothing else. Navigation keeps an optional state object (never in the URL), used
 * to carry a prefilled email to the support form without writing it into the address bar.
 */
import { type AnchorHTMLAttributes, createContext, type MouseEvent, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export interface Location {
  path: string;
  search: URLSearchParams;
  state: unknown;
}

interface RouterValue {
  location: Location;
  navigate(to: string, options?: { replace?: boolean; state?: unknown }): void;
}

const RouterContext = createContext<RouterValue | null>(null);

function readLocation(): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search), state: window.history.state };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(readLocation);

  useEffect(() => {
    const onPop = () => setLocation(readLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options: { replace?: boolean; state?: unknown } = {}) => {
    const url = new URL(to, window.location.href);
    if (url.origin !== window.location.origin) {
      window.location.assign(url.href);
      return;
    }
    const state = options.state ?? null;
    if (options.replace) window.history.replaceState(state, '', url.pathname + url.search + url.hash);
    else window.history.pushState(state, '', url.pathname + url.search + url.hash);
    setLocation(readLocation());
    if (!options.replace) window.scrollTo(0, 0);
  }, []);

  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; state?: unknown };

/** An <a> that navigates inside the app; modified clicks (new tab, etc.) behave as usual. */
export function Link({ to, state, onClick, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(to, { state });
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
