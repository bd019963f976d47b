import type { ViewerPage } from '../logic/routes';

/**
 * The artifact types each viewer page needs to show what it shows first; the run's other artifacts
 * are read after that has painted. The summary leads with `subunit-stats` alone: its failures carry
 * the service's causes, so the counts and the failures by cause need neither the test list nor the
 * tracebacks (a StackViz export's stats carry no causes: then the summary waits for both).
 */
export const ARTIFACTS_FIRST: Record<ViewerPage, readonly string[]> = {
  summary: ['subunit-stats'],
  timeline: ['subunit', 'dstat', 'memory-tracker'],
  test: ['subunit', 'subunit-details'],
  console: ['console'],
  resources: ['performance', 'memory-tracker'],
};
