import { ComparePage } from './pages/compare';
import { HomePage } from './pages/home';
import { SitePage } from './pages/site';
import { parseRoute } from './logic/routes';
import { isListOnly } from './pages/home';
import { Link, useLocation } from './router';

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
      </header>
      <main>
        {route.kind === 'home' && <HomePage key="home" initialQuery="" autoStart={false} />}
        {route.kind === 'go' && <HomePage key={`go:${route.query}`} initialQuery={route.query} autoStart={!isListOnly(loc.state)} />}
        {route.kind === 'site' && <SitePage site={route.site} page={route.page} test={route.test} search={loc.search} />}
        {route.kind === 'compare' && <ComparePage key={`${route.base}/${route.head}`} base={route.base} head={route.head} />}
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
