import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

/**
 * Client-side navigation: the service answers every UI path with index.html (src/ui). `state` rides
 * on the history entry, so Back and reload see what the page was opened with. Going to the URL
 * already shown replaces its entry, as a browser does: Back then leaves the page at once.
 */
export function navigate(to: string, opts: { replace?: boolean; state?: unknown } = {}): void {
  if (opts.replace || new URL(to, location.href).href === location.href) history.replaceState(opts.state ?? null, '', to);
  else history.pushState(opts.state ?? null, '', to);
  listeners.forEach((l) => l());
}

/** Updates the query string in place (view state), without a new history entry or a re-route. */
export function replaceSearch(search: string): void {
  const url = location.pathname + search + location.hash;
  if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
}

export function useLocation(): { pathname: string; search: string; hash: string; state: unknown } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { pathname: location.pathname, search: location.search, hash: location.hash, state: history.state as unknown };
}

/**
 * Sets the tab's title: the given parts (empty ones left out), then the product's name. Null leaves
 * the title to a child (effects run children first, so a parent's would win).
 */
export function useTitle(parts: readonly (string | null | undefined)[] | null): void {
  const title = parts && [...parts.filter((p): p is string => !!p), 'StackViz'].join(' · ');
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}

type LinkProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An in-app link: a real <a> (copyable, middle-click opens a tab) that routes without a reload. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
    window.scrollTo(0, 0);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
