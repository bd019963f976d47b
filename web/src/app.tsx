import { lazyComponent } from './lazy';
import { isListOnly } from './logic/list-only';
import { parseRoute } from '../../src/ui/ui-routes';
import { Link, useLocation } from './router';

// Each page is a chunk of its own: a run's link fetches the viewer's code, not the home page's.
const HomePage = lazyComponent(() => import('./pages/home').then((m) => m.HomePage));
const SitePage = lazyComponent(() => import('./pages/site').then((m) => m.SitePage));
const ComparePage = lazyComponent(() => import('./pages/compare').then((m) => m.ComparePage));
/** The help page carries docs/api.md's text. */
const HelpPage = lazyComponent(() => import('./pages/help').then((m) => m.HelpPage));
const FailuresPage = lazyComponent(() => import('./pages/failures').then((m) => m.FailuresPage));
const FailurePage = lazyComponent(() => import('./pages/failure').then((m) => m.FailurePage));

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
        {route.kind === 'help' && <HelpPage />}
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
