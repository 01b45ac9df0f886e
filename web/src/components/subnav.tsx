/**
 * A section's navigation (security center, staff console): the current page marked. On a phone the
 * strip scrolls sideways, so the current page's tab is scrolled into view, or it may sit off-screen.
 */
import { useEffect, useRef } from 'react';
import { Link, useRouter } from '../router';

export function SubNav({ label, items, isCurrent }: { label: string; items: [string, string][]; isCurrent(to: string, path: string): boolean }) {
  const { location } = useRouter();
  const nav = useRef<HTMLElement>(null);
  const currentTo = items.find(([to]) => isCurrent(to, location.path))?.[0];
  useEffect(() => {
    const reveal = () => {
      const strip = nav.current;
      const current = currentTo === undefined ? null : strip?.querySelector<HTMLElement>(`a[href="${currentTo}"]`);
      if (!strip || !current || strip.scrollWidth <= strip.clientWidth) return;
      // Sideways only: scrollIntoView would also move the page.
      const offset = current.getBoundingClientRect().left - strip.getBoundingClientRect().left;
      strip.scrollLeft += offset - (strip.clientWidth - current.offsetWidth) / 2;
    };
    reveal();
    // The strip only scrolls at phone widths: a turned phone or a narrowed window may make it so.
    window.addEventListener('resize', reveal);
    return () => window.removeEventListener('resize', reveal);
  }, [currentTo]);
  return (
    <nav className="subnav" aria-label={label} ref={nav}>
      {items.map(([to, text]) => (
        <Link key={to} to={to} aria-current={to === currentTo ? 'page' : undefined}>
          {text}
        </Link>
      ))}
    </nav>
  );
}
