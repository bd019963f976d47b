import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ComparePage } from './pages/compare';
import { FailurePage } from './pages/failure';
import { FailuresPage } from './pages/failures';
import { HomePage } from './pages/home';
import { SitePage } from './pages/site';
import { parseRoute } from './logic/routes';
import { isListOnly } from './pages/home';
import { Link, useLocation } from './router';

/** The help page carries docs/api.md's text: a chunk of its own, loaded when opened. */
function LazyHelpPage() {
  const [Page, setPage] = useState<ComponentType | null>(null);
  useEffect(() => {
    void import('./pages/help').then((m) => setPage(() => m.HelpPage));
  }, []);
  return Page ? <Page /> : <p class="muted">Loading…</p>;
}

export function App() {
  const loc = useLocation();
  const route = parseRoute(loc.pathname, loc.search, loc.hash);
  return (
    <>
      <header class="topbar">
        <Link href="/" class="brand">
          StackViz
        </Link>
        <span class="tagline">on-demand views of OpenStack CI runs</span>
        <Link href="/f/" class="topnav">
          Failing most
        </Link>
      </header>
      <main>
        {route.kind === 'home' && <HomePage key="home" initialQuery="" autoStart={false} />}
        {route.kind === 'go' && <HomePage key={`go:${route.query}`} initialQuery={route.query} autoStart={!isListOnly(loc.state)} />}
        {route.kind === 'site' && <SitePage site={route.site} page={route.page} test={route.test} search={loc.search} />}
        {route.kind === 'compare' && <ComparePage key={`${route.base}/${route.head}`} base={route.base} head={route.head} />}
        {route.kind === 'help' && <LazyHelpPage />}
        {route.kind === 'failures' && <FailuresPage />}
        {route.kind === 'failure' && <FailurePage key={route.id} id={route.id} />}
        {route.kind === 'not-found' && (
          <section class="panel">
            <h1>Not found</h1>
            <p>
              Nothing lives at <code>{loc.pathname}</code>. <Link href="/">Start from a change or a log URL.</Link>
            </p>
          </section>
        )}
      </main>
    </>
  );
}
