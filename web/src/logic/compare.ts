import type { CompareCounts, ComparedRun, ComparedTest, Entry, TestChange } from '../api/types';
import { runContext } from './results';
import { formatDuration, parseTime } from './time';

/** The compare page's sections, in the order it shows them: what most needs a look first. */
export const COMPARE_SECTIONS: readonly { change: TestChange; count: keyof CompareCounts; title: string; one?: string }[] = [
  { change: 'new_failure', count: 'new_failures', title: 'New failures', one: 'New failure' },
  { change: 'fixed', count: 'fixed', title: 'Fixed' },
  { change: 'still_failing', count: 'still_failing', title: 'Still failing' },
  { change: 'slower', count: 'slower', title: 'Slower' },
  { change: 'faster', count: 'faster', title: 'Faster' },
  { change: 'added', count: 'added', title: 'Added' },
  { change: 'removed', count: 'removed', title: 'Removed' },
];

export interface CompareSection {
  change: TestChange;
  title: string;
  tests: ComparedTest[];
}

/** The compared tests grouped by how they changed, in COMPARE_SECTIONS order; empty sections left out. */
export function compareSections(tests: readonly ComparedTest[]): CompareSection[] {
  return COMPARE_SECTIONS.map(({ change, title }) => ({ change, title, tests: tests.filter((t) => t.change === change) })).filter(
    (s) => s.tests.length > 0,
  );
}

/** "0.80s → 12.0s (15×)" for a test whose duration changed; "" when a side has none. */
export function durationChange(t: ComparedTest): string {
  const before = t.base?.duration;
  const after = t.head?.duration;
  if (before == null || after == null) return '';
  const ratio = before > 0 && after > 0 ? Math.max(before, after) / Math.min(before, after) : null;
  return `${formatDuration(before)} → ${formatDuration(after)}${ratio !== null ? ` (${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×)` : ''}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The task uuid in what someone pasted: a bare uuid or a site link (`…/s/<uuid>/…`); null otherwise. */
export function pastedTask(text: string): string | null {
  const t = text.trim();
  const site = /\/s\/([^/?#]+)/.exec(t);
  const candidate = site ? decodeURIComponent(site[1]) : t;
  const m = UUID.exec(candidate);
  return m && (site || m[0].length === candidate.length) ? m[0].toLowerCase() : null;
}

/**
 * The run that a link pasted into "Compare with…" names: a task (a site link or a task uuid, read
 * as it is), or anything else, which /list is asked about (a Zuul build page, a log URL, a change).
 */
export type PastedRun = { kind: 'task'; uuid: string } | { kind: 'query'; q: string };

export function pastedRun(text: string): PastedRun | null {
  const uuid = pastedTask(text);
  if (uuid) return { kind: 'task', uuid };
  const q = text.trim();
  return q ? { kind: 'query', q } : null;
}

/**
 * Which of the entries /list gave for a pasted link to scrape and compare with: the only one, or
 * among several (a change's link lists all its jobs) the one of this run's job, in this run's
 * pipeline when the job ran in several. Else why none can be taken, in words for the page.
 */
export function listedRunToCompare(
  results: readonly Entry[],
  here: { name: string | null; pipeline: string | null },
  message?: string,
): { entry: Entry & { url: string } } | { problem: string } {
  if (results.length === 0) return { problem: message ?? 'That link names no CI run.' };
  const sameJob = results.filter((e) => e.name === here.name);
  const samePipeline = sameJob.filter((e) => e.pipeline === here.pipeline);
  const chosen = results.length === 1 ? results[0] : sameJob.length === 1 ? sameJob[0] : samePipeline.length === 1 ? samePipeline[0] : null;
  if (!chosen) {
    const of =
      sameJob.length > 1 ? `${sameJob.length} runs of ${here.name}` : `${results.length} jobs but no run of ${here.name ?? 'this job'}`;
    return { problem: `That link names ${of}: paste the link of one run (its Zuul build page or its logs).` };
  }
  if (!chosen.scrapable || chosen.url === null) {
    return { problem: `That run cannot be compared: ${chosen.unscrapable_reason ?? chosen.error_detail ?? 'it left no logs'}.` };
  }
  return { entry: { ...chosen, url: chosen.url } };
}

/** A run, briefly: "patch set 2 · check · FAILURE · 2024-03-01 08:27 UTC". */
export function runLabel(e: Pick<Entry, 'revision' | 'pipeline' | 'status' | 'finished_at'>): string {
  const finished = parseTime(e.finished_at);
  return [
    e.revision != null ? `patch set ${e.revision}` : null,
    e.pipeline,
    e.status,
    finished !== null ? `${new Date(finished).toISOString().slice(0, 16).replace('T', ' ')} UTC` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The other runs of this site's job on its change that can be scraped, newest first as /list gives them. */
export function otherRunsOfJob(history: readonly Entry[], job: string | null, url: string | null): Entry[] {
  const here = url?.replace(/\/?$/, '/');
  return history.filter((e) => e.name === job && e.url !== null && e.scrapable && e.url.replace(/\/?$/, '/') !== here);
}

/** How one side of a comparison is named: "tempest-full-py3 · check · 123456,3", its pipeline and patch set beside its name. */
export function comparedRunLabel(run: ComparedRun): string {
  return [run.name ?? 'run', runContext(run)].filter(Boolean).join(' · ');
}
