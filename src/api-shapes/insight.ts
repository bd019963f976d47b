import type { TaskStatus } from './task';

export const VERDICTS = ['new', 'flaky', 'broken', 'unknown'] as const;
/** What other runs say about a test that failed here (rules in src/insight). */
export type Verdict = (typeof VERDICTS)[number];

/** `POST /insight` body: the task whose failures to explain, and how many other runs to look at. */
export interface InsightRequest {
  /** The task's uuid; one of q, uuid and id must carry it (the first one given counts). */
  q?: string;
  uuid?: string;
  id?: string;
  builds?: number;
}

/** `POST /insight` → 202. */
export interface InsightAccepted {
  uuid: string;
  status: TaskStatus;
}

/** `POST /insight/result` while it runs → 202. */
export interface InsightProgress {
  uuid: string;
  status: Extract<TaskStatus, 'queued' | 'running'>;
  done: number;
  total: number;
}

export interface InsightRun {
  task: string;
  url: string;
  change_id: number | null;
  revision: number | null;
  pipeline: string | null;
  /** The task's state; a run whose scrape ended `error` is listed but not counted. */
  status: TaskStatus;
  /** Why its scrape failed (status `error`: "the logs at … are gone (404): …"); null otherwise. */
  error: string | null;
  finished_at: string | null;
  same_change: boolean;
}

export interface RunCounts {
  runs: number;
  failed: number;
  passed: number;
  skipped: number;
}

/** Over the runs on other changes: also how many changes, and how many failed with the same cause. */
export interface OtherChangeCounts extends RunCounts {
  /** Distinct changes among the runs that ran it (failed or passed); a run without a change counts as its own. */
  changes: number;
  /** Of the runs where it failed, those whose failure has this row's `signature_id`. */
  same_cause: number;
}

export interface InsightTest {
  name: string;
  status_here: 'fail';
  /** Its failure's signature here (docs/formats.md, "Failure signatures"). */
  cause: string;
  signature_id: string;
  other_changes: OtherChangeCounts;
  same_change: RunCounts;
  verdict: Verdict;
  last_failed: { task: string; change_id: number | null; finished_at: string | null } | null;
}

/** `POST /insight/result` once finished → 200. */
export interface InsightResult {
  uuid: string;
  status: 'finished';
  task: string;
  job: string;
  /** How many other runs were asked for; `runs` holds fewer when the job has no more. */
  builds: number;
  runs: InsightRun[];
  tests: InsightTest[];
}
