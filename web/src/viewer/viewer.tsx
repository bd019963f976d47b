import { useMemo } from 'preact/hooks';
import { ARTIFACTS_FIRST } from '../../../src/ui/artifacts-first';
import { runHasTests } from '../data/run-data';
import type { RunData } from '../data/types';
import { assignLanes } from '../logic/lanes';
import { changeLabel } from '../logic/results';
import { sitePath, type ViewerPage } from '../../../src/ui/ui-routes';
import { computeSummary, summaryFromStats } from '../logic/summary';
import { Link, useTitle } from '../router';
import { CompareWith } from './compare-with';
import { RunHeader } from './run-header';
import { SummaryView } from './summary';
import { ConsoleView, ResourcesView, TestDetailsView, TimelineView } from './views';
import { WarningsBanner } from './warnings-banner';

export interface ViewerProps {
  site: string;
  run: RunData;
  page: ViewerPage;
  test: string | null;
  search: string;
}

export function Viewer({ site, run, page, test, search }: ViewerProps) {
  const reading = (...types: string[]) => types.some((t) => run.pending.includes(t));
  // Each is worked out only on the page that shows it (grouping the failures by cause is not free).
  const lanes = useMemo(() => (page === 'timeline' ? assignLanes(run.tests) : []), [page, run.tests]);
  const summary = useMemo(() => {
    if (page !== 'summary') return null;
    return reading('subunit') ? run.stats && summaryFromStats(run.stats, run.details) : computeSummary(run.tests, run.details, run.stats);
  }, [page, run.tests, run.details, run.stats]);
  // Without the service's causes in the stats, grouping the failures needs every traceback.
  const summaryReady = summary !== null && (summary.causes.every((c) => c.signatureId !== null) || !reading('subunit-details'));
  const tabs: { page: ViewerPage; label: string; href: string }[] = [{ page: 'summary', label: 'Summary', href: sitePath(site) }];
  const hasTests = runHasTests(run);
  if (hasTests) {
    tabs.push(
      { page: 'timeline', label: 'Timeline', href: sitePath(site, 'timeline') },
      { page: 'test', label: 'Test details', href: sitePath(site, 'test', test ?? '') },
    );
  }
  if (run.console || reading(...ARTIFACTS_FIRST.console)) tabs.push({ page: 'console', label: 'Console', href: sitePath(site, 'console') });
  if (run.performance || run.memory || reading(...ARTIFACTS_FIRST.resources))
    tabs.push({ page: 'resources', label: 'Resources', href: sitePath(site, 'resources') });
  const m = run.meta;
  // The view leads (a test's short name on its details), so a run's tabs and history entries differ.
  const view =
    page === 'test' && test ? test.split('.').slice(-2).join('.') : page === 'summary' ? null : tabs.find((t) => t.page === page)?.label;
  useTitle([view, m.name ?? 'Test run', changeLabel({ change_project: m.change_project, change_id: m.change_id, revision: m.revision })]);

  return (
    <div class="viewer">
      <RunHeader meta={run.meta} />
      {/* A comparison is of test results: a console-only run has none. */}
      {hasTests && <CompareWith site={site} meta={run.meta} />}
      <nav class="tabs" aria-label="Views">
        {tabs.map((t) => (
          <Link
            key={t.page}
            href={t.href}
            class={t.page === page ? 'tab active' : 'tab'}
            aria-current={t.page === page ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <WarningsBanner run={run} />
      {page === 'summary' ? (
        summary && summaryReady ? (
          <SummaryView site={site} run={run} summary={summary} />
        ) : (
          <Reading />
        )
      ) : reading(...ARTIFACTS_FIRST[page]) ? (
        <Reading />
      ) : (
        <>
          {page === 'timeline' && <TimelineView site={site} run={run} lanes={lanes} search={search} />}
          {page === 'test' && <TestDetailsView site={site} run={run} name={test} />}
          {page === 'console' && <ConsoleView run={run} />}
          {page === 'resources' && <ResourcesView site={site} run={run} />}
        </>
      )}
    </div>
  );
}

function Reading() {
  return (
    <section class="panel" aria-busy="true">
      <p class="muted">Reading the run…</p>
    </section>
  );
}
