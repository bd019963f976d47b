// Pure data: the web UI bundles it (web/src/data/run-data.ts reads in this order) and the server
// names the first blobs in a site's index.html (src/ui/site-preloads.ts).

/** The viewer's pages (src/ui/ui-routes.ts names them ViewerPage). */
export type FirstReadPage = 'summary' | 'timeline' | 'test' | 'console' | 'resources';

/**
 * The artifact types each viewer page needs to show what it shows first; the run's other artifacts
 * are read after that has painted. The summary leads with `subunit-stats` alone: its failures carry
 * the service's causes, so the counts and the failures by cause need neither the test list nor the
 * tracebacks (a StackViz export's stats carry no causes: then the summary waits for both).
 */
export const ARTIFACTS_FIRST: Record<FirstReadPage, readonly string[]> = {
  summary: ['subunit-stats'],
  timeline: ['subunit', 'dstat', 'memory-tracker'],
  test: ['subunit', 'subunit-details'],
  console: ['console'],
  resources: ['performance', 'memory-tracker'],
};
