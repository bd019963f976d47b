import type { TaskStatus } from './task';

export const VERDICTS = ['new', 'flaky', 'broken', 'unknown'] as const;
/** What other runs say about a test that failed here (rules in src/insight). */
export type Verdict = (typeof VERDICTS)[number];

/** `POST /insight` body: the task whose failures to explain, and how many other runs to look at. */
export interface InsightRequest {
  q: string;
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
  /** The task's state; a run whose scrape ended `error` is listed but not counted. */
  status: TaskStatus;
  finished_at: string | null;
  same_change: boolean;
}

export interface RunCounts {
  runs: number;
  failed: number;
  passed: number;
  skipped: number;
}

export interface InsightTest {
  name: string;
  status_here: 'fail';
  other_changes: RunCounts;
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
  runs: InsightRun[];
  tests: InsightTest[];
}
