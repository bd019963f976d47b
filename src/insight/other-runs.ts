import type { JobEntry, RunFields } from '../api-shapes';
import { normaliseLogUrl } from '../tasks/task-entry';

/** A run to look at: the fields its task is created from, and whether it is of the task's own change. */
export interface OtherRun {
  fields: RunFields & { url: string };
  sameChange: boolean;
}

/** The task whose failures are to be explained, as far as choosing other runs goes. */
export interface InsightSubject {
  url: string;
  buildUuid: string;
  job: string;
  changeId: number | null;
}

export interface RunSources {
  /** Every run of every job on the change: all patch sets, every recheck. */
  history(change: number): Promise<JobEntry[]>;
  /** The newest completed SUCCESS and FAILURE builds of the job on any change, newest first, as entries. */
  recentBuilds(limit: number): Promise<JobEntry[]>;
}

/**
 * Up to `wanted` other runs of the subject's job: first its change's other patch sets and rechecks,
 * then the newest completed builds of the job on any change. The subject's own build and runs
 * already taken are skipped, as are attempts Zuul retried and runs /scrape would refuse (no logs, a
 * log host workers do not fetch from). Recent builds are asked for only when the
 * change's history leaves room, with enough spare to make up for the ones skipped.
 */
export async function gatherOtherRuns(subject: InsightSubject, wanted: number, sources: RunSources): Promise<OtherRun[]> {
  const runs: OtherRun[] = [];
  const takenUrls = new Set([subject.url]);
  const takenBuilds = new Set([subject.buildUuid]);
  const take = (entry: JobEntry, sameChange: boolean) => {
    // A retried attempt did not run to the end: its results say nothing about the tests.
    if (runs.length >= wanted || entry.name !== subject.job || !entry.url || !entry.scrapable || entry.retried) return;
    const url = normaliseLogUrl(entry.url);
    if (takenUrls.has(url) || (entry.build_uuid !== null && takenBuilds.has(entry.build_uuid))) return;
    takenUrls.add(url);
    if (entry.build_uuid !== null) takenBuilds.add(entry.build_uuid);
    runs.push({ fields: { ...entry, url }, sameChange });
  };
  if (subject.changeId !== null) {
    for (const entry of await sources.history(subject.changeId)) take(entry, true);
  }
  if (runs.length < wanted) {
    const recent = await sources.recentBuilds(wanted - runs.length + takenBuilds.size);
    for (const entry of recent) take(entry, entry.change_id !== null && entry.change_id === subject.changeId);
  }
  return runs;
}
