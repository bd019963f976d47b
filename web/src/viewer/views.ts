import { lazyComponent } from '../lazy';
import type { ViewerPage } from '../../../src/ui/ui-routes';

/**
 * The viewer's pages other than the summary, each a chunk of its own: opening a run's summary
 * fetches none of them (the timeline's uPlot is the largest).
 */
export const TimelineView = lazyComponent(() => import('./timeline').then((m) => m.TimelineView));
export const TestDetailsView = lazyComponent(() => import('./test-details').then((m) => m.TestDetailsView));
export const ConsoleView = lazyComponent(() => import('./console').then((m) => m.ConsoleView));
export const ResourcesView = lazyComponent(() => import('./resources').then((m) => m.ResourcesView));

/** Starts fetching the code of `page`, so it arrives while the run's data is read. */
export function preloadView(page: ViewerPage): void {
  const view = { summary: null, timeline: TimelineView, test: TestDetailsView, console: ConsoleView, resources: ResourcesView }[page];
  void view?.preload().catch(() => undefined);
}
